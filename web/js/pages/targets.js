// Participation targets (the district plan's "50,000 children consulted by 2027"): admins set
// one for a unit and a period; everyone who reads them sees the progress, over the period and
// year by year, counted online, on paper and at forums — small groups hidden by the server.
import { h, field } from '../dom.js';
import { t, formatDate, todayIso } from '../i18n.js';
import { get, post } from '../api.js';
import { form, section, table } from '../ui.js';
import { count } from '../consultation_stages.js';

const KINDS = ['children_consulted', 'teenagers_participating'];

function targetCard(x, unitName) {
  const p = x.progress;
  const name = `${unitName[x.unit_id] || x.unit_id} — ${t(`targets.kind.${x.kind}`)}`;
  return h('li', { class: 'card target', dataset: { unit: x.unit_id } },
    h('h3', {}, name),
    h('p', {}, t('targets.period', { from: formatDate(x.period_start), to: formatDate(x.period_end) })),
    typeof p.total === 'number'
      ? h('progress', { max: String(x.target), value: String(Math.min(p.total, x.target)), 'aria-label': name })
      : null,
    h('p', { class: 'target-figure' }, t('targets.reached'), ' ', h('strong', {}, count(p.total)), ' / ', count(x.target),
      typeof p.percent === 'number' ? ` (${p.percent.toFixed(1)} %)` : ''),
    table(t('targets.by_year', { name }),
      [t('targets.year'), t('targets.online'), t('targets.paper'), t('targets.forum'), t('targets.total')],
      [...(x.years || []).map((y) => [String(y.year), count(y.online_children), count(y.paper_sheets), count(y.forum_participants), count(y.total)]),
        [t('targets.whole_period'), count(p.online_children), count(p.paper_sheets), count(p.forum_participants), count(p.total)]]));
}

function newTarget(units, route) {
  const unit = field(t('targets.unit'), 'select', {}, units.map((u) => ({ value: u.id, label: u.name })));
  const kind = field(t('targets.kind_label'), 'select', {}, KINDS.map((k) => ({ value: k, label: t(`targets.kind.${k}`) })));
  const year = Number(todayIso().slice(0, 4));
  const start = field(t('targets.start'), 'date', { required: true, value: `${year}-01-01` });
  const end = field(t('targets.end'), 'date', { required: true, value: `${year + 1}-12-31` });
  const number = field(t('targets.number'), 'text', { required: true, inputmode: 'numeric', maxlength: 12, hint: t('targets.number_hint') });
  return section(t('targets.new'), form({ 'aria-label': t('targets.new') },
    [unit.wrap, kind.wrap, start.wrap, end.wrap, number.wrap,
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('targets.save')))], async () => {
      const n = Number(number.input.value.replace(/[.,\s]/g, ''));
      if (!Number.isInteger(n) || n < 1) {
        number.input.focus();
        throw new Error(t('targets.number_needed'));
      }
      await post('/targets', { unit_id: unit.input.value, kind: kind.input.value, period_start: start.input.value, period_end: end.input.value, target: n });
      route();
    }));
}

export async function render({ main, me, route }) {
  const [targets, units] = await Promise.all([get('/targets'), get('/units?limit=200')]);
  const unitName = Object.fromEntries(units.items.map((u) => [u.id, u.name]));
  main.append(h('h1', {}, t('targets.title')), h('p', { class: 'lead' }, t('targets.lead')));
  main.append(h('p', { class: 'hint protection-note' }, t('targets.protection')));
  main.append(section(t('targets.list'), targets.items.length
    ? h('ul', { class: 'cards' }, targets.items.map((x) => targetCard(x, unitName)))
    : h('p', {}, t('targets.none'))));
  if (me.role === 'admin') main.append(newTarget(units.items, route));
  else main.append(h('p', {}, t('targets.admins_set')));
  return t('targets.title');
}
