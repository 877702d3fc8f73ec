// An official's home: the recommendations addressed to their authority, grouped by status,
// the overdue ones first and marked in words as well as colour.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { allRecommendations, board, BOARD } from './recommendations.js';

export async function render({ main }) {
  const title = t('official.title');
  main.append(h('h1', {}, title), h('p', { class: 'lead' }, t('official.lead')));
  const items = await allRecommendations();
  if (!items.length) {
    main.append(h('p', {}, t('official.none')));
    return title;
  }
  const waiting = items.filter((r) => ['forwarded', 'acknowledged'].includes(r.status)).length;
  main.append(h('p', { role: 'status' }, t('official.waiting', { n: waiting })));
  main.append(...board(items, '/official/recommendations', BOARD.filter((g) => g !== 'draft')));
  return title;
}
