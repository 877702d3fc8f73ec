// A child's notifications, newest first: each says what it is about in the child's language and
// links to it; opening one marks it read (the header's count goes down).
import { h } from '../dom.js';
import { t, has, formatDate } from '../i18n.js';
import { get, post } from '../api.js';

// Where a notification takes the child.
export function linkOf(n) {
  if (n.object_type === 'recommendation') return `#/pupil/ideas?answer=${encodeURIComponent(n.object_id)}`;
  if (n.object_type === 'submission') return `#/pupil/ideas?idea=${encodeURIComponent(n.object_id)}`;
  return '#/pupil/ideas';
}

export async function render({ main, navigate }) {
  main.append(h('h1', {}, t('notifications.title')));
  const { items, unread } = await get('/me/notifications?limit=200');
  if (!items.length) {
    main.append(h('p', {}, t('notifications.none')));
    return t('notifications.title');
  }
  main.append(h('p', { class: 'lead' }, t('notifications.unread', { n: unread })));
  const list = h('ul', { class: 'cards notifications' });
  for (const n of [...items].reverse()) {
    const fresh = !n.read_at;
    const key = `notifications.kind.${n.kind}`;
    const href = linkOf(n);
    list.append(h('li', { class: fresh ? 'card notification unread' : 'card notification', dataset: { kind: n.kind } },
      fresh ? h('p', {}, h('span', { class: 'badge badge-new' }, h('span', { 'aria-hidden': 'true' }, '● '), t('notifications.new'))) : null,
      h('p', { class: 'notification-text' }, has(key) ? t(key) : n.message),
      h('p', { class: 'hint' }, formatDate(n.created_at, true)),
      h('p', {}, h('a', {
        class: 'button', href,
        onclick: async (e) => {
          e.preventDefault();
          if (fresh) {
            try { await post(`/me/notifications/${encodeURIComponent(n.id)}/read`); } catch (err) { /* the link still opens */ }
          }
          navigate(href.slice(1));
        },
      }, t('notifications.open'), h('span', { class: 'visually-hidden' }, `: ${has(key) ? t(key) : n.message}`)))));
  }
  main.append(list);
  return t('notifications.title');
}
