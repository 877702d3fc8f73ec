// The Youth Union's board of recommendations, one group per status; anything past its due date
// sits in its own "overdue" group, marked with an icon and a word as well as a colour.
import { h } from '../dom.js';
import { t, has, formatDate, lang, localYear } from '../i18n.js';
import { get } from '../api.js';
import { section } from '../ui.js';

export const BOARD = ['overdue', 'draft', 'forwarded', 'acknowledged', 'answered', 'reported_back', 'closed'];

export const statusName = (s) => (has(`rec.status.${s}`) ? t(`rec.status.${s}`) : s);
export const decisionName = (d) => (has(`rec.decision.${d}`) ? t(`rec.decision.${d}`) : d);

// The status in words; an overdue item also says so with ⚠ and the word "overdue".
export function statusBadge(r) {
  return h('span', { class: 'rec-status', dataset: { status: r.status } },
    h('span', { class: r.status === 'closed' || r.status === 'reported_back' ? 'badge badge-ok' : 'badge' }, statusName(r.status)),
    r.overdue ? [' ', h('span', { class: 'badge badge-late' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), t('rec.overdue'))] : null);
}

// "Due 6 Jan 2027 (30 working days left)" or "Due … — 32 working days late".
export function dueText(r) {
  if (!r.due_date) return t('rec.no_due_date');
  const left = r.working_days_left;
  if (r.answered_at) {
    return t(r.answered_on_time === false ? 'rec.answered_late' : 'rec.answered_on', { date: formatDate(r.answered_at) });
  }
  if (left === null || left === undefined) return t('rec.due', { date: formatDate(r.due_date) });
  if (left < 0) return t('rec.due_late', { date: formatDate(r.due_date), n: -left });
  return t('rec.due_left', { date: formatDate(r.due_date), n: left });
}

export function groupOf(r) {
  return r.overdue ? 'overdue' : r.status;
}

function card(r, base) {
  return h('li', { class: r.overdue ? 'card rec-card is-overdue' : 'card rec-card', dataset: { id: r.id, status: r.status } },
    h('h3', {}, h('a', { href: `#${base}/${encodeURIComponent(r.id)}` }, r.title)),
    h('p', {}, statusBadge(r)),
    h('dl', { class: 'meta' },
      r.authority ? [h('dt', {}, t('rec.authority')), h('dd', {}, r.authority.name)] : null,
      r.dispatch_number ? [h('dt', {}, t('rec.dispatch')), h('dd', {}, t('rec.dispatch_value', { number: r.dispatch_number, date: formatDate(r.dispatch_date) }))] : null,
      h('dt', {}, t('rec.due_label')), h('dd', {}, dueText(r)),
      h('dt', {}, t('rec.children')), h('dd', {}, String(r.children))));
}

// Every recommendation the reader may see (pages of 100 until the end).
export async function allRecommendations() {
  const out = [];
  let after = null;
  for (let i = 0; i < 20; i += 1) {
    const page = await get(`/recommendations?limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    out.push(...page.items);
    if (!page.next) break;
    after = page.next;
  }
  return out;
}

export function board(items, base, groups = BOARD) {
  return groups.map((group) => {
    const mine = items.filter((r) => groupOf(r) === group);
    return h('div', { class: `board-group board-${group}`, dataset: { group } },
      section(t('board.group', { name: group === 'overdue' ? t('rec.overdue_group') : statusName(group), n: mine.length }),
        mine.length ? h('ul', { class: 'cards' }, mine.map((r) => card(r, base))) : h('p', {}, t('board.empty'))));
  });
}

// The public tracker and the printable report of each unit (both open outside the app; the
// report page is read with the session cookie).
export function publicLinks(units) {
  const year = localYear();
  return section(t('links.title'), h('p', {}, t('links.lead')),
    h('ul', { class: 'unit-links' }, units.map((u) => h('li', {},
      h('strong', {}, u.name), ' ',
      h('a', { href: `/tracker.html?unit=${encodeURIComponent(u.id)}`, target: '_blank', rel: 'noopener' },
        t('links.tracker'), h('span', { class: 'visually-hidden' }, ` — ${u.name}`)), ' · ',
      h('a', { href: `/api/v1/units/${encodeURIComponent(u.id)}/reports?period=${year}&format=html&lang=${lang()}`, target: '_blank', rel: 'noopener' },
        t('links.report', { year }), h('span', { class: 'visually-hidden' }, ` — ${u.name}`))))));
}

export async function render({ main, me }) {
  const title = t('board.title');
  main.append(h('h1', {}, title), h('p', { class: 'lead' }, t('board.lead')));
  const [items, units] = await Promise.all([allRecommendations(), get('/units?limit=200')]);
  main.append(h('div', { class: 'actions' },
    h('a', { class: 'button', href: '#/recommendations/new' }, t('board.new')),
    h('a', { class: 'button secondary', href: '#/councils' }, t('nav.councils'))));
  main.append(...board(items, '/recommendations'));
  // My own units and those the recommendations come from (a district's wards).
  const wanted = new Set([...(me.unit_ids || []), ...items.map((r) => r.unit_id)]);
  const shown = units.items.filter((u) => wanted.has(u.id));
  if (shown.length) main.append(publicLinks(shown));
  return title;
}
