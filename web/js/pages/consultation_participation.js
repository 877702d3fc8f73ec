// While a consultation is open: who has answered so far — by channel, age band (against the
// pupils enrolled), unit and gender —, progress towards the unit's target, and closing it.
// Every count comes from the server already protected: a hidden group reads "too few to show".
import { h } from '../dom.js';
import { t, formatDate } from '../i18n.js';
import { get, post } from '../api.js';
import { button, section, table, statusArea } from '../ui.js';
import { stages, count, protectionNote, groupName } from '../consultation_stages.js';

function share(n, of) {
  if (typeof n !== 'number' || typeof of !== 'number' || of <= 0) return '—';
  return `${Math.round((n * 100) / of)}\u00a0%`;
}

function flag(g) {
  if (g.under_represented === true) {
    return h('span', { class: 'badge badge-late' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), t('participation.under'));
  }
  if (g.under_represented === false) return t('participation.fair');
  return '—';
}

function withEnrolment(caption, dimension, groups, unitName) {
  return table(caption,
    [t(`participation.dimension.${dimension}`), t('participation.answered'), t('participation.enrolled'), t('participation.share'), t('participation.balance')],
    groups.map((g) => [groupName(dimension, g.group, unitName), count(g.respondents), count(g.enrolled), share(g.respondents, g.enrolled), flag(g)]));
}

function answeredOnly(caption, dimension, groups, unitName) {
  return table(caption, [t(`participation.dimension.${dimension}`), t('participation.answered')],
    groups.map((g) => [groupName(dimension, g.group, unitName), count(g.respondents)]));
}

// Targets of the consultation's owner unit or of a unit it asks.
function targetProgress(c, targets, unitName) {
  const units = new Set([c.owner_unit_id, ...(c.audience_unit_ids || [])]);
  const mine = targets.filter((x) => units.has(x.unit_id));
  if (!mine.length) {
    return h('p', {}, t('participation.no_target'), ' ', h('a', { href: '#/targets' }, t('participation.to_targets')));
  }
  return h('ul', { class: 'cards' }, mine.map((x) => {
    const p = x.progress;
    const label = t('targets.progress_of', { unit: unitName[x.unit_id] || x.unit_id, kind: t(`targets.kind.${x.kind}`) });
    return h('li', { class: 'card' },
      h('h3', {}, label),
      h('p', {}, t('targets.period', { from: formatDate(x.period_start), to: formatDate(x.period_end) })),
      typeof p.total === 'number'
        ? h('progress', { max: String(x.target), value: String(Math.min(p.total, x.target)), 'aria-label': label })
        : null,
      h('p', {}, t('targets.reached'), ' ', count(p.total), ' / ', count(x.target),
        typeof p.percent === 'number' ? ` (${p.percent.toFixed(1)} %)` : ''));
  }));
}

export async function render({ main, params, me, route }) {
  const id = encodeURIComponent(params.id);
  const c = await get(`/consultations/${id}`);
  const [rep, units, targets] = await Promise.all([
    get(`/consultations/${id}/representativeness`),
    get('/units?limit=200'),
    get('/targets').catch(() => ({ items: [] })),
  ]);
  const unitName = Object.fromEntries(units.items.map((u) => [u.id, u.name]));
  const title = t('participation.title', { title: c.title });
  main.append(stages(c, '/participation'), h('h1', {}, title));
  main.append(h('dl', { class: 'meta' },
    h('dt', {}, t('participation.opens')), h('dd', {}, formatDate(c.opens_at, true)),
    h('dt', {}, t('participation.closes')), h('dd', {}, formatDate(c.closes_at, true)),
    h('dt', {}, t('participation.total')), h('dd', { class: 'total-answered' }, count(rep.respondents)),
    h('dt', {}, t('participation.total_enrolled')), h('dd', {}, count(rep.enrolled))));
  main.append(protectionNote(rep.threshold));

  const channelOrder = ['online', 'paper', 'forum'];
  const channels = [...(rep.channel || [])].sort((a, b) => channelOrder.indexOf(a.group) - channelOrder.indexOf(b.group));
  main.append(section(t('participation.by_channel'), answeredOnly(t('participation.by_channel'), 'channel', channels, unitName)));
  // Youngest first, as the plan lists the bands (not "11-13" before "7-10" as text sorts).
  const bandOrder = c.audience_bands || [];
  const rank = (band) => (bandOrder.includes(band) ? bandOrder.indexOf(band) : bandOrder.length);
  const bands = [...(rep.age_band || [])].sort((a, b) => rank(a.group) - rank(b.group));
  main.append(section(t('participation.by_band'),
    h('p', {}, t('participation.band_lead')),
    withEnrolment(t('participation.by_band'), 'age_band', bands, unitName)));
  main.append(section(t('participation.by_unit'), withEnrolment(t('participation.by_unit'), 'unit', rep.unit, unitName)));
  main.append(section(t('participation.by_gender'), answeredOnly(t('participation.by_gender'), 'gender', rep.gender, unitName)));
  main.append(section(t('participation.target'), targetProgress(c, targets.items, unitName)));

  if (c.status === 'published' && ['moderator', 'admin'].includes(me.role)) {
    const area = statusArea('alert');
    main.append(section(t('participation.close_title'),
      h('p', {}, t('participation.close_lead')),
      h('div', { class: 'actions' }, button(t('participation.close'), async () => {
        await post(`/consultations/${id}/close`);
        route();
      }, { area })), area));
  } else if (c.status !== 'draft' && c.status !== 'published') {
    main.append(h('p', { class: 'message message-ok' }, t('participation.closed'), ' ',
      h('a', { href: `#/consultations/${id}/results` }, t('participation.to_results'))));
  }
  return title;
}
