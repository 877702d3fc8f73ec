// Safeguarding leads: open cases, oldest first, each with its acknowledgement deadline.
import { h } from '../dom.js';
import { t, has, formatDate } from '../i18n.js';
import { get } from '../api.js';
import { table } from '../ui.js';
import { labelTags } from './moderation_queue.js';
import { timerText, keepTicking } from './safeguarding_case.js';

export async function render({ main }) {
  main.append(h('h1', {}, t('cases.title')), h('p', { class: 'lead' }, t('cases.lead')));
  const { items } = await get('/safeguarding/cases?limit=100');
  if (!items.length) {
    main.append(h('p', {}, t('cases.none')));
    return t('cases.title');
  }
  main.append(table(t('cases.title'),
    [t('cases.received'), t('cases.status'), t('item.labels'), t('cases.acknowledge_by'), t('item.open')],
    items.map((c) => [
      formatDate(c.created_at, true),
      [has(`case.status.${c.status}`) ? t(`case.status.${c.status}`) : c.status,
        c.withdrawal_request ? h('span', { class: 'tag' }, ' — ', t('cases.withdrawal_requested')) : null],
      labelTags(c.labels),
      (() => { const holder = h('span', {}, timerText(c)); keepTicking(holder, c); return holder; })(),
      h('a', { href: `#/safeguarding/cases/${encodeURIComponent(c.id)}` }, t('item.open'),
        h('span', { class: 'visually-hidden' }, ` — ${formatDate(c.created_at, true)}`)),
    ])));
  return t('cases.title');
}
