// Consultations of children by status (Circular 36's steps): dates, audience, answers so far and
// the next step each one needs. The Youth Union and admins plan and run them; facilitators read
// the ones open to their classes and how many children answered — a count, never who, and
// hidden while it is under the small-group minimum.
import { h } from '../dom.js';
import { t, formatDate } from '../i18n.js';
import { get } from '../api.js';
import { table } from '../ui.js';

const STATUSES = ['draft', 'published', 'closed', 'results_published', 'feedback_given'];
const PLANNERS = ['moderator', 'admin'];

// The page each status leads to next, and what that step is called.
const NEXT = {
  draft: ['questions', 'consult.list.next_draft'],
  published: ['participation', 'consult.list.next_published'],
  closed: ['results', 'consult.list.next_closed'],
  results_published: ['feedback', 'consult.list.next_results_published'],
  feedback_given: ['results', 'consult.list.next_feedback_given'],
};

export function audienceText(c, unitNames) {
  const units = (c.audience_unit_ids || []).map((id) => unitNames.get(id) || id).join(', ');
  const bands = (c.audience_bands || []).join(', ');
  return [units || t('consult.list.no_units'), bands ? t('consult.list.bands', { bands }) : ''].filter(Boolean).join(' · ');
}

function dates(c) {
  if (!c.opens_at && !c.closes_at) return t('consult.list.no_dates');
  return t('consult.list.dates', { opens: c.opens_at ? formatDate(c.opens_at, true) : '…', closes: c.closes_at ? formatDate(c.closes_at, true) : '…' });
}

// What a facilitator may know of the answers: the protected count from the results.
// The count as the API publishes it: null when it would show (or give away) a group too small.
export function answersShown(n) {
  return n === null || n === undefined ? t('participation.too_few') : String(n);
}

async function protectedCount(c) {
  if (c.status === 'draft') return '—';
  try {
    const r = await get(`/consultations/${encodeURIComponent(c.id)}/results`);
    if (r.respondents === null || r.respondents === undefined) return t('consult.list.hidden', { n: r.threshold });
    return String(r.respondents);
  } catch (e) {
    return '—';
  }
}

export async function render({ main, me }) {
  const planner = PLANNERS.includes(me.role);
  main.append(h('h1', {}, t('consult.list.title')),
    h('p', { class: 'lead' }, t(planner ? 'consult.list.lead' : 'consult.list.lead_facilitator')));
  if (planner) {
    main.append(h('p', { class: 'actions' },
      h('a', { class: 'button', href: '#/consultations/new' }, t('consult.list.new')),
      h('a', { class: 'button secondary', href: '#/targets' }, t('consult.list.targets'))));
  }
  const [{ items }, units] = await Promise.all([get('/consultations?limit=100'), get('/units?limit=200')]);
  const unitNames = new Map(units.items.map((u) => [u.id, u.name]));
  const counts = planner ? null : await Promise.all(items.map(protectedCount));
  if (!items.length) main.append(h('p', {}, t('consult.list.none')));
  for (const status of STATUSES) {
    const here = items.map((c, i) => [c, i]).filter(([c]) => c.status === status);
    if (!here.length) continue;
    const headers = [t('consult.list.col_title'), t('consult.list.col_dates'), t('consult.list.col_audience'),
      t(planner ? 'consult.list.col_answers' : 'consult.list.col_answers_protected'), t('consult.list.col_next')];
    const rows = here.map(([c, i]) => {
      const id = encodeURIComponent(c.id);
      const [page, key] = NEXT[c.status];
      const next = planner
        ? h('a', { href: `#/consultations/${id}/${page}` }, t(key), h('span', { class: 'visually-hidden' }, `: ${c.title}`))
        : (c.status === 'draft'
          ? t('consult.list.next_none')
          : h('a', { href: `#/paper/${id}` }, t(c.status === 'published' ? 'consult.list.next_classes_paper' : 'consult.list.next_classes'),
            h('span', { class: 'visually-hidden' }, `: ${c.title}`)));
      return [
        planner ? h('a', { href: `#/consultations/${id}` }, c.title) : c.title,
        dates(c), audienceText(c, unitNames),
        planner ? answersShown(c.responses) : counts[i],
        next];
    });
    main.append(h('section', { class: 'status-group', dataset: { status } },
      table(t(`consultation.status.${status}`) + ` (${here.length})`, headers, rows)));
  }
  return t('consult.list.title');
}
