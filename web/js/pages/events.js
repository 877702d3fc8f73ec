// Forums listening to children's voices and dialogues with leaders: the record of each (how
// many children of each age band took part, what came out of it), and a form to add one.
import { h, field } from '../dom.js';
import { t, has, formatDate, todayIso } from '../i18n.js';
import { get, post } from '../api.js';
import { form, section, table } from '../ui.js';
import { myUnits } from './recommendation_new.js';

const KINDS = ['forum', 'leaders_dialogue', 'school_dialogue'];
const kindName = (k) => (has(`event.kind.${k}`) ? t(`event.kind.${k}`) : k);

export async function render({ main, me, route }) {
  const title = t('events.title');
  main.append(h('h1', {}, title), h('p', { class: 'lead' }, t('events.lead')));
  const units = (await get('/units?limit=200')).items;
  const unitName = Object.fromEntries(units.map((u) => [u.id, u.name]));
  // Admins name a unit: the top of the tree covers every event.
  const top = units.find((u) => !u.parent_id && !u.retired_at);
  const query = me.role === 'admin' && top ? `?unit_id=${encodeURIComponent(top.id)}` : '';
  const [{ items }, ageBands, councils] = await Promise.all([get(`/events${query}`),
    get('/age-bands'), get('/councils?limit=100').catch(() => ({ items: [] }))]);
  main.append(section(t('events.list'),
    items.length
      ? table(t('events.list'), [t('event.title'), t('event.kind'), t('event.held_on'), t('event.unit'), t('event.participants'), t('event.outcomes')],
        items.slice().reverse().map((e) => [e.title, kindName(e.kind), formatDate(e.held_on), unitName[e.unit_id] || e.unit_id,
          h('span', {}, t('event.participants_total', { n: e.participants }), h('br'),
            Object.entries(e.participants_by_band).map(([b, n]) => t('event.band_count', { band: b, n })).join(', ')),
          e.outcomes.length ? h('ul', {}, e.outcomes.map((o) => h('li', {}, o))) : '—']))
      : h('p', {}, t('events.none'))));

  // The deployment's age bands (--age-bands), youngest first.
  const bands = ageBands.items.map((b) => b.id);
  const kind = field(t('event.kind'), 'select', {}, KINDS.map((k) => ({ value: k, label: kindName(k) })));
  const name = field(t('event.title'), 'text', { required: true, maxlength: 200 });
  const date = field(t('event.held_on'), 'date', { required: true, value: todayIso() });
  const unit = field(t('event.unit'), 'select', {}, myUnits(me, units).map((u) => ({ value: u.id, label: u.name })));
  const council = field(t('event.council'), 'select', {}, [{ value: '', label: t('event.no_council') },
    ...councils.items.map((c) => ({ value: c.id, label: c.name }))]);
  const counts = bands.map((b) => ({ b, f: field(t('event.band_label', { band: b }), 'number', { min: 0, max: 100000, value: '0', inputmode: 'numeric' }) }));
  const outcomes = field(t('event.outcomes'), 'textarea', { maxlength: 10000, hint: t('event.outcomes_hint') });
  main.append(section(t('events.new'), form({ 'aria-label': t('events.new') }, [kind.wrap, name.wrap, date.wrap, unit.wrap, council.wrap,
    h('fieldset', {}, h('legend', {}, t('event.participants')), counts.map((c) => c.f.wrap)), outcomes.wrap,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('events.save')))], async () => {
    const participants = Object.fromEntries(counts.map((c) => [c.b, Number(c.f.input.value || 0)]));
    const payload = {
      unit_id: unit.input.value, kind: kind.input.value, title: name.input.value.trim(), held_on: date.input.value, participants,
      outcomes: outcomes.input.value.split('\n').map((x) => x.trim()).filter(Boolean),
    };
    if (council.input.value) payload.council_id = council.input.value;
    await post('/events', payload);
    route();
  })));
  return title;
}
