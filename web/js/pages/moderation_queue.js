// One queue: waiting items, oldest first, with the screener's labels; the text stays collapsed.
import { h } from '../dom.js';
import { t, has, formatDate, formatDuration } from '../i18n.js';
import { get } from '../api.js';
import { table } from '../ui.js';

export function labelTags(labels) {
  if (!labels || !labels.length) return h('span', {}, t('labels.none'));
  return h('span', {}, labels.map((l) => h('span', { class: 'label-tag' }, has(`labels.${l}`) ? t(`labels.${l}`) : l)));
}

export function kindText(s) {
  return s.consultation_id ? t('item.from_consultation') : t(`idea.kind_${s.kind}`);
}

export async function render({ main, params }) {
  const queue = params.queue;
  const title = t('queue.title', { queue: has(`queue.${queue}`) ? t(`queue.${queue}`) : queue });
  main.append(h('h1', {}, title), h('p', {}, h('a', { href: '#/moderation' }, t('queue.back'))));
  const { items } = await get(`/moderation/queues/${encodeURIComponent(queue)}/items?limit=100`);
  if (!items.length) {
    main.append(h('p', {}, t('queues.empty')));
    return title;
  }
  const now = Date.now();
  main.append(table(title,
    [t('item.kind'), t('item.excerpt'), t('item.author'), t('item.labels'), t('item.waiting'), t('item.claimed'), t('item.open')],
    items.map((s) => [
      kindText(s),
      // The text stays unread until opened (each reading is audited): a short reference and the
      // time it was sent tell rows apart.
      h('span', { class: 'item-ref' }, `#${s.id.slice(-6)}`, h('br'), formatDate(s.created_at, true)),
      `${s.author.pseudonym} (${t('item.band', { band: s.author.age_band })})`,
      labelTags(s.labels),
      h('span', { title: formatDate(s.created_at, true) }, formatDuration(now - new Date(s.created_at).getTime())),
      s.claimed_by ? t('item.claimed_yes') : t('item.claimed_no'),
      h('a', { href: `#/moderation/items/${encodeURIComponent(s.id)}`, class: 'open-item' },
        t('item.open'), h('span', { class: 'visually-hidden' }, ` — ${kindText(s)}, ${s.author.pseudonym}, ${formatDate(s.created_at, true)}`)),
    ]), { quietCaption: true }));
  return title;
}
