// Moderators: the queues they work, each with its size and how long the oldest has waited.
import { h } from '../dom.js';
import { t, formatDate, formatDuration } from '../i18n.js';
import { get } from '../api.js';

export async function render({ main }) {
  main.append(h('h1', {}, t('queues.title')), h('p', { class: 'lead' }, t('queues.lead')));
  const { items } = await get('/moderation/queues');
  const list = h('ul', { class: 'cards' });
  const now = Date.now();
  for (const q of items) {
    const waited = q.oldest_at ? now - new Date(q.oldest_at).getTime() : 0;
    list.append(h('li', { class: 'card', dataset: { queue: q.queue } },
      h('h2', {}, t(`queue.${q.queue}`)),
      h('p', { class: 'queue-count' }, t('queues.count', { n: q.items })),
      q.oldest_at
        ? h('p', {}, t('queues.oldest', { time: formatDuration(waited), date: formatDate(q.oldest_at, true) }))
        : h('p', {}, t('queues.empty')),
      h('p', {}, h('a', { class: 'button', href: `#/moderation/queues/${q.queue}` },
        t('queues.open'), h('span', { class: 'visually-hidden' }, ` ${t(`queue.${q.queue}`)}`)))));
  }
  main.append(list);
  return t('queues.title');
}
