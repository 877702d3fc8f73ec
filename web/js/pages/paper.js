// Paper questionnaires: choose the consultation whose answered sheets you are typing in.
import { h } from '../dom.js';
import { t, has, formatDate } from '../i18n.js';
import { get } from '../api.js';
import { table } from '../ui.js';
import { answersShown } from './consultations.js';

export async function render({ main }) {
  main.append(h('h1', {}, t('paper.title')), h('p', { class: 'lead' }, t('paper.lead')));
  const { items } = await get('/consultations?limit=100');
  const rows = items.map((c) => [
    h('a', { href: `#/paper/${encodeURIComponent(c.id)}` }, c.title),
    has(`consultation.status.${c.status}`) ? t(`consultation.status.${c.status}`) : c.status,
    formatDate(c.closes_at), answersShown(c.responses)]);
  main.append(items.length
    ? table(t('paper.consultations'), [t('paper.consultation'), t('paper.status'), t('paper.closes'), t('paper.responses')], rows)
    : h('p', {}, t('paper.none')));
  return t('paper.title');
}
