// A child's home: consent still to give, consultations open to them, their ideas.
import { h } from '../dom.js';
import { t, formatDate } from '../i18n.js';
import { get } from '../api.js';
import { badge, section } from '../ui.js';

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
  main.append(section(t('pupil_home.ideas'),
    h('div', { class: 'big-choice' },
      h('a', { href: '#/pupil/idea' }, t('nav.idea'), h('small', {}, t('pupil_home.idea_hint'))),
      h('a', { href: '#/pupil/ideas' }, t('nav.my_ideas'), h('small', {}, t('pupil_home.my_ideas_hint'))))));
  return t('pupil_home.title', { name: me.pseudonym || me.name });
}
