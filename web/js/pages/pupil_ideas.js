// "My ideas": each with its status in words a child understands and, once the Youth Union has
// reported back, what happened ("You said / We did / Why / What next", in the child's age band)
// with agree / disagree / question.
import { h, field } from '../dom.js';
import { t, has, formatDate, pick } from '../i18n.js';
import { get, post } from '../api.js';
import { button, form, statusArea } from '../ui.js';
import { supportBox } from './pupil_idea.js';

const UNDECIDED = ['submitted', 'screened', 'queued'];
const PARTS = ['you_said', 'we_did', 'why', 'what_next'];
const REACTIONS = ['agree', 'disagree', 'question'];

function outcome(o, route) {
  const box = h('div', { class: 'outcome', dataset: { recommendation: o.recommendation_id } },
    h('h3', {}, t('outcome.title')),
    h('p', {}, t('outcome.recommendation', { title: o.title })),
    o.authority ? h('p', {}, t('outcome.answered_by', { authority: o.authority }),
      o.decision ? [' ', h('strong', { class: 'outcome-decision' }, t(`outcome.decision.${o.decision}`))] : null) : null);
  if (o.feedback) {
    box.append(h('dl', { class: 'feedback-parts' },
      PARTS.map((p) => [h('dt', {}, t(`outcome.${p}`)), h('dd', { class: 'idea-text' }, o.feedback[p])])));
  }
  if (o.my_reaction) {
    box.append(h('p', { class: 'my-reaction' }, h('span', { 'aria-hidden': 'true' }, '✔ '), t(`outcome.reacted.${o.my_reaction.kind}`)),
      o.my_reaction.text ? h('p', { class: 'idea-text' }, `“${o.my_reaction.text}”`) : null);
    return box;
  }
  // One form, three buttons: the button pressed says what the child thinks.
  const words = field(t('outcome.words'), 'textarea', { maxlength: 1000, hint: t('outcome.words_hint') });
  let kind = 'agree';
  const f = form({ 'aria-label': t('outcome.what_do_you_think') }, [
    h('p', {}, h('strong', {}, t('outcome.what_do_you_think'))), words.wrap,
    h('div', { class: 'actions reaction-buttons' }, REACTIONS.map((k) => h('button', {
      type: 'submit', class: k === 'agree' ? '' : 'secondary', dataset: { kind: k }, onclick: () => { kind = k; },
    }, t(`outcome.react.${k}`))))], async () => {
    const body = { kind };
    if (words.input.value.trim()) body.text = words.input.value.trim();
    await post(`/recommendations/${encodeURIComponent(o.recommendation_id)}/reactions`, body);
    route();
  });
  box.append(f);
  return box;
}

export async function render({ main, route }) {
  main.append(h('h1', {}, t('ideas.title')));
  const { items } = await get('/submissions?limit=100');
  if (!items.length) {
    main.append(h('p', {}, t('ideas.none')), h('p', {}, h('a', { class: 'button', href: '#/pupil/idea' }, t('nav.idea'))));
    return t('ideas.title');
  }
  const list = h('ul', { class: 'cards' });
  for (const s of items) {
    const statusKey = `ideas.status.${s.status}`;
    const area = statusArea('alert');
    list.append(h('li', { class: 'card', dataset: { status: s.status } },
      h('h2', {}, t(`idea.kind_${s.kind}`), s.topic ? `: ${s.topic}` : ''),
      h('p', { class: 'idea-text' }, s.text),
      h('p', {}, h('strong', {}, t('ideas.status_label')), ' ',
        h('span', { class: 'status-text' }, has(statusKey) ? t(statusKey) : pick(s.status_text))),
      h('p', { class: 'hint' }, t('ideas.sent_on', { date: formatDate(s.created_at) })),
      s.support ? supportBox(s.support) : null,
      (s.outcomes || []).map((o) => outcome(o, route)),
      (s.may_withdraw ?? UNDECIDED.includes(s.status))
        ? h('div', { class: 'actions' }, button(t('ideas.withdraw'), async () => {
          // What went to a safeguarding lead stays with them: the child is told so before, too.
          const confirmKey = s.support ? 'ideas.withdraw_confirm_safeguarding' : 'ideas.withdraw_confirm';
          if (!window.confirm(t(confirmKey))) return;
          await post(`/submissions/${encodeURIComponent(s.id)}/withdraw`);
          route();
        }, { class: 'secondary', area }))
        : null,
      area));
  }
  main.append(list);
  return t('ideas.title');
}
