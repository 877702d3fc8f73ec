// A child sends an idea; if the words suggest they may be at risk, the 111 message shows at once.
import { h, field, clear } from '../dom.js';
import { t, pick } from '../i18n.js';
import { post } from '../api.js';
import { form } from '../ui.js';
import { consentBox } from './pupil_home.js';

export function supportBox(support) {
  const number = (support && support.hotline) || '111';
  return h('div', { class: 'support', role: 'alert' },
    h('h2', {}, t('support.title')),
    h('p', {}, support ? pick(support) : t('support.text')),
    h('p', {}, h('a', { href: `tel:${number}` }, t('help.call', { number }))),
    h('p', {}, t('support.more'), ' ', h('a', { href: '#/help' }, t('help.more'))));
}

export async function render({ main, reloadMe, route }) {
  const me = await reloadMe();
  main.append(h('h1', {}, t('idea.title')), h('p', { class: 'lead' }, t('idea.lead')));
  if (!me.consent || !me.consent.complete) {
    main.append(h('p', {}, t('idea.needs_consent')), consentBox(me));
    return t('idea.title');
  }
  const kind = field(t('idea.kind'), 'select', { name: 'kind' }, [
    { value: 'idea', label: t('idea.kind_idea') },
    { value: 'opinion', label: t('idea.kind_opinion') },
    { value: 'recommendation', label: t('idea.kind_recommendation') },
  ]);
  const topic = field(t('idea.topic'), 'text', { name: 'topic', maxlength: 100, hint: t('idea.topic_hint') });
  const text = field(t('idea.text'), 'textarea', { name: 'text', maxlength: 2000, required: true, hint: t('idea.text_hint') });
  main.append(form({ 'aria-label': t('idea.title') }, [
    kind.wrap, topic.wrap, text.wrap,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('idea.submit'))),
  ], async () => {
    const body = { kind: kind.input.value, text: text.input.value.trim() };
    if (!body.text) throw new Error(t('idea.empty'));
    if (topic.input.value.trim()) body.topic = topic.input.value.trim();
    const sent = await post('/submissions', body);
    clear(main);
    main.append(h('h1', { tabindex: '-1' }, t('idea.sent')));
    // Words that may tell of harm go to a safeguarding adult, and the support box says so: the
    // page does not also say the Youth Union will read them.
    main.append(sent.support ? supportBox(sent.support) : h('p', {}, t('idea.sent_text')),
      h('div', { class: 'actions' },
        h('a', { class: 'button', href: '#/pupil/ideas' }, t('nav.my_ideas')),
        h('button', { type: 'button', class: 'secondary', onclick: () => route() }, t('idea.another')),
        h('a', { class: 'button secondary', href: '#/pupil' }, t('consent.to_home'))));
    main.querySelector('h1').focus();
  }));
  return t('idea.title');
}
