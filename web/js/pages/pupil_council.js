// A Council member's page: their Children's Council, its members and its sessions.
import { h } from '../dom.js';
import { t, formatDate } from '../i18n.js';
import { get } from '../api.js';
import { section, table } from '../ui.js';
import { sessionStatus } from './council.js';

export async function render({ main }) {
  const title = t('my_council.title');
  main.append(h('h1', {}, title), h('p', { class: 'lead' }, t('my_council.lead')));
  const { items } = await get('/councils?limit=20');
  if (!items.length) {
    main.append(h('p', {}, t('my_council.none')));
    return title;
  }
  for (const summary of items) {
    const c = await get(`/councils/${encodeURIComponent(summary.id)}`);
    main.append(section(c.name,
      h('p', {}, t('council.term_value', { from: formatDate(c.term_start), to: formatDate(c.term_end) })),
      h('h3', {}, t('council.members')),
      h('ul', {}, c.members.map((m) => h('li', {}, m.pseudonym, ` — ${t(`member.role.${m.role}`)}`))),
      h('h3', {}, t('council.sessions')),
      c.sessions.length
        ? table(t('council.sessions'), [t('session.title_label'), t('session.planned_for'), t('session.status_label'), t('item.open')],
          c.sessions.map((s) => [s.title, formatDate(s.held_on || s.planned_for), sessionStatus(s.status),
            h('a', { href: `#/pupil/council-sessions/${encodeURIComponent(s.id)}` }, t('item.open'), h('span', { class: 'visually-hidden' }, ` — ${s.title}`))]))
        : h('p', {}, t('council.no_sessions'))));
  }
  return title;
}
