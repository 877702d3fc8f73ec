// Join-code cards to print and hand out (print.css keeps only the cards).
import { h } from '../dom.js';
import { t, formatDate } from '../i18n.js';
import { get } from '../api.js';

export async function render({ main, params }) {
  const id = encodeURIComponent(params.id);
  const [k, { items: codes }] = await Promise.all([get(`/classes/${id}`), get(`/classes/${id}/join-codes`)]);
  const now = new Date().toISOString();
  const code = codes.find((c) => !c.revoked_at && c.expires_at > now);
  const title = t('cards.title', { name: k.name });
  main.append(h('h1', { class: 'no-print' }, title),
    h('p', { class: 'no-print' }, t('cards.lead')),
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => window.print() }, t('cards.print')),
      h('a', { class: 'button secondary', href: `#/classes/${id}` }, t('cards.back'))));
  if (!code) {
    main.append(h('p', {}, t('class.no_codes')));
    return title;
  }
  const site = `${location.origin}/`;
  const cards = h('ul', { class: 'join-cards', 'aria-label': title });
  for (let i = 0; i < 8; i += 1) {
    cards.append(h('li', { class: 'join-card' },
      h('p', {}, h('strong', {}, t('app.name')), ' — ', t('cards.class', { name: k.name })),
      h('p', {}, t('cards.step1', { site })),
      h('p', {}, t('cards.step2')),
      h('p', { class: 'code' }, code.code),
      h('p', {}, t('cards.step3')),
      h('p', {}, t('cards.valid_until', { date: formatDate(code.expires_at) })),
      h('p', {}, t('cards.help'))));
  }
  main.append(cards);
  return title;
}
