// The Children's Councils of my units (Youth Union and admins): open one, or set up a new one.
import { h, field } from '../dom.js';
import { t, formatDate, localYear } from '../i18n.js';
import { get, post } from '../api.js';
import { form, section } from '../ui.js';
import { myUnits } from './recommendation_new.js';

export async function render({ main, me, navigate }) {
  const title = t('councils.title');
  main.append(h('h1', {}, title), h('p', { class: 'lead' }, t('councils.lead')));
  const [{ items }, units, bands] = await Promise.all([get('/councils?limit=100'), get('/units?limit=200'), get('/age-bands')]);
  const unitName = Object.fromEntries(units.items.map((u) => [u.id, u.name]));
  main.append(items.length
    ? h('ul', { class: 'cards' }, items.map((c) => h('li', { class: 'card' },
      h('h2', {}, h('a', { href: `#/councils/${encodeURIComponent(c.id)}` }, c.name)),
      h('dl', { class: 'meta' },
        h('dt', {}, t('council.unit')), h('dd', {}, unitName[c.unit_id] || c.unit_id),
        h('dt', {}, t('council.term')), h('dd', {}, t('council.term_value', { from: formatDate(c.term_start), to: formatDate(c.term_end) })),
        h('dt', {}, t('council.ages')), h('dd', {}, t('council.ages_value', { min: c.min_age, max: c.max_age })),
        h('dt', {}, t('council.cap')), h('dd', {}, String(c.member_cap))))))
    : h('p', {}, t('councils.none')));

  const year = localYear();
  const unit = field(t('council.unit'), 'select', {}, myUnits(me, units.items).map((u) => ({ value: u.id, label: u.name })));
  const name = field(t('council.name'), 'text', { required: true, maxlength: 200 });
  const start = field(t('council.term_start'), 'date', { required: true, value: `${year}-01-01` });
  const end = field(t('council.term_end'), 'date', { required: true, value: `${year + 1}-12-31` });
  const cap = field(t('council.cap'), 'number', { required: true, min: 1, max: 500, value: '15' });
  // Age limits are the age bands' edges (never one age alone); 7 to 15 unless chosen otherwise.
  const oldest = (bands.items.find((b) => b.min_age <= 15 && b.max_age >= 15) || bands.items[bands.items.length - 1]).max_age;
  const minAge = field(t('council.min_age'), 'select', { hint: t('council.ages_hint') },
    bands.items.map((b, i) => ({ value: String(b.min_age), label: String(b.min_age), selected: i === 0 })));
  const maxAge = field(t('council.max_age'), 'select', {},
    bands.items.map((b) => ({ value: String(b.max_age), label: String(b.max_age), selected: b.max_age === oldest })));
  main.append(section(t('councils.new'), form({ 'aria-label': t('councils.new') }, [
    unit.wrap, name.wrap, start.wrap, end.wrap, cap.wrap, minAge.wrap, maxAge.wrap,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('councils.create')))], async () => {
    const made = await post('/councils', {
      unit_id: unit.input.value, name: name.input.value.trim(), term_start: start.input.value, term_end: end.input.value,
      member_cap: Number(cap.input.value), min_age: Number(minAge.input.value), max_age: Number(maxAge.input.value),
    });
    navigate(`/councils/${encodeURIComponent(made.id)}`);
  })));
  return title;
}
