// The Youth Union: children's questions about the answers they were given, once a moderator let
// the words through. Each is answered once, in plain words with no personal information (the
// server screens the reply); the child is notified and reads it beside the answer.
import { h, field } from '../dom.js';
import { t, formatDate } from '../i18n.js';
import { get, post } from '../api.js';
import { form } from '../ui.js';

export async function render({ main, route }) {
  main.append(h('h1', {}, t('questions.title')), h('p', { class: 'lead' }, t('questions.lead')));
  const { items } = await get('/questions');
  if (!items.length) {
    main.append(h('p', {}, t('questions.none')));
    return t('questions.title');
  }
  const list = h('ul', { class: 'cards' });
  for (const q of items) {
    const reply = field(t('questions.reply'), 'textarea', { maxlength: 1000, required: true, hint: t('questions.reply_hint') });
    const answerForm = form({ 'aria-label': t('questions.reply_form', { title: q.recommendation.title }) }, [
      reply.wrap, h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('questions.send')))], async () => {
      const text = reply.input.value.trim();
      if (!text) throw new Error(t('questions.empty'));
      try {
        await post(`/questions/${encodeURIComponent(q.id)}/reply`, { text });
      } catch (e) {
        // The screener's findings, said in the page's words.
        if (e.code === 'not_for_a_child') throw new Error(t('error.not_for_a_child'));
        throw e;
      }
      route();
    });
    list.append(h('li', { class: 'card', dataset: { question: q.id } },
      h('h2', {}, h('a', { href: `#/recommendations/${encodeURIComponent(q.recommendation.id)}` }, q.recommendation.title)),
      h('p', {}, h('strong', {}, t('questions.child_asked')), ' ', h('span', { class: 'idea-text' }, `“${q.text}”`)),
      h('p', { class: 'hint' }, formatDate(q.created_at, true)),
      answerForm));
  }
  main.append(list);
  return t('questions.title');
}
