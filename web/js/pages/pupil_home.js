// A child's home: news for them, consent still to give, consultations open to them, what
// happened after the consultations they answered, their ideas.
import { h } from '../dom.js';
import { t, has, formatDate } from '../i18n.js';
import { get, post } from '../api.js';
import { badge, section, button } from '../ui.js';
import { feedbackView } from './consultation_feedback.js';

// Unread notifications, newest first; each can be marked seen.
function news(items) {
  const unread = items.filter((n) => !n.read_at).reverse();
  if (!unread.length) return null;
  const list = h('ul', { class: 'cards news' });
  for (const n of unread) {
    const words = has(`pupil_home.notice.${n.kind}`) ? t(`pupil_home.notice.${n.kind}`) : n.message;
    const item = h('li', { class: 'card notice', dataset: { kind: n.kind } },
      h('p', {}, h('span', { 'aria-hidden': 'true' }, '🔔 '), words),
      h('p', { class: 'hint' }, formatDate(n.created_at, true)));
    item.append(h('div', { class: 'actions' }, button(t('pupil_home.seen'), async () => {
      await post(`/me/notifications/${encodeURIComponent(n.id)}/read`);
      item.remove();
    }, { class: 'secondary' })));
    list.append(item);
  }
  return section(t('pupil_home.news'), list);
}

export function consentBox(me) {
  const c = me.consent || {};
  const box = h('div', { class: 'card' },
    h('h2', {}, t('consent.status_title')),
    h('ul', { class: 'plain' },
      h('li', {}, t('consent.mine'), ' ', badge(c.child, t('consent.given'), t('consent.missing'))),
      h('li', {}, t('consent.guardian'), ' ', badge(c.guardian, t('consent.given'), t('consent.missing')))));
  if (!c.child) box.append(h('p', {}, h('a', { class: 'button', href: '#/pupil/consent' }, t('consent.give_now'))));
  if (!c.guardian) box.append(h('p', {}, t('consent.guardian_missing')));
  if (c.complete) box.append(h('p', {}, t('consent.complete')));
  return box;
}

export async function render({ main, reloadMe }) {
  const me = await reloadMe();
  main.append(h('h1', {}, t('pupil_home.title', { name: me.pseudonym || me.name })));
  const [notices, heard] = await Promise.all([
    get('/me/notifications?limit=200').catch(() => ({ items: [] })),
    get('/me/consultation-feedback').catch(() => ({ items: [] })),
  ]);
  const newsBox = news(notices.items);
  if (newsBox) main.append(newsBox);
  main.append(consentBox(me));
  const { items } = await get('/consultations');
  const list = h('ul', { class: 'cards' });
  for (const c of items) {
    const card = c.info_card || {};
    list.append(h('li', { class: 'card' },
      h('h3', {}, c.title),
      card.why ? h('p', {}, card.why) : null,
      h('p', {}, t('pupil_home.closes', { date: formatDate(c.closes_at) })),
      h('p', {}, h('a', { class: 'button', href: `#/pupil/consultations/${encodeURIComponent(c.id)}` },
        t('pupil_home.open'), h('span', { class: 'visually-hidden' }, `: ${c.title}`)))));
  }
  main.append(section(t('pupil_home.consultations'),
    items.length ? list : h('p', {}, t('pupil_home.none_open'))));
  if (heard.items.length) {
    main.append(section(t('pupil_home.heard_back'),
      h('p', {}, t('pupil_home.heard_back_lead')),
      h('div', { class: 'cards' }, heard.items.map((x) => feedbackView(x.title, x.feedback, x.given_at)))));
  }
  main.append(section(t('pupil_home.ideas'),
    h('div', { class: 'big-choice' },
      h('a', { href: '#/pupil/idea' }, t('nav.idea'), h('small', {}, t('pupil_home.idea_hint'))),
      h('a', { href: '#/pupil/ideas' }, t('nav.my_ideas'), h('small', {}, t('pupil_home.my_ideas_hint'))))));
  return t('pupil_home.title', { name: me.pseudonym || me.name });
}
