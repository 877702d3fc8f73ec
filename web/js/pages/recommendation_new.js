// Compile a recommendation from approved ideas. A moderator gathers the ideas from the
// moderation pages ("Add to a recommendation"); they wait in this tab's sessionStorage until
// the recommendation is saved. Each idea shows in its approved (or redacted) words.
import { h, field } from '../dom.js';
import { t } from '../i18n.js';
import { get, post } from '../api.js';
import { form, section, button, statusArea } from '../ui.js';

const KEY = 'langnghe.compile';

export function basket() {
  try {
    const list = JSON.parse(sessionStorage.getItem(KEY) || '[]');
    return Array.isArray(list) ? list.filter((x) => typeof x === 'string') : [];
  } catch (e) { return []; }
}

function saveBasket(list) {
  try { sessionStorage.setItem(KEY, JSON.stringify([...new Set(list)])); } catch (e) { /* storage off */ }
}

export function addToBasket(id) { saveBasket([...basket(), id]); }
export function removeFromBasket(id) { saveBasket(basket().filter((x) => x !== id)); }

const APPROVED = ['approved', 'approved_redacted'];

// The units someone works for and every unit under them (admins: all).
export function myUnits(me, units) {
  const live = units.filter((u) => !u.retired_at);
  if (me.role === 'admin') return live;
  const byId = Object.fromEntries(units.map((u) => [u.id, u]));
  const mine = new Set(me.unit_ids || []);
  return live.filter((u) => {
    for (let x = u, i = 0; x && i < 20; x = byId[x.parent_id], i += 1) if (mine.has(x.id)) return true;
    return false;
  });
}

export async function render({ main, me, navigate, route }) {
  const title = t('compile.title');
  main.append(h('h1', {}, title), h('p', { class: 'lead' }, t('compile.lead')),
    h('p', {}, h('a', { href: '#/recommendations' }, t('rec.back'))));
  const ids = basket();
  const [units, ...ideas] = await Promise.all([get('/units?limit=200'),
    ...ids.map((id) => get(`/moderation/items/${encodeURIComponent(id)}`).catch(() => null))]);
  const usable = ideas.filter((x) => x && APPROVED.includes(x.status));
  const area = statusArea('alert');
  main.append(section(t('compile.ideas'),
    usable.length
      ? h('ul', { class: 'cards' }, usable.map((x) => h('li', { class: 'card' },
        h('p', { class: 'idea-text' }, `“${x.status === 'approved_redacted' && x.redacted_text ? x.redacted_text : x.text}”`),
        h('p', { class: 'hint' }, t('compile.idea_from', { name: x.author.pseudonym, band: x.author.age_band })),
        h('div', { class: 'actions' }, button([t('compile.remove'), h('span', { class: 'visually-hidden' }, ` — ${x.author.pseudonym}`)],
          async () => { removeFromBasket(x.id); route(); }, { class: 'secondary', area })))))
      : h('p', {}, t('compile.none')),
    area,
    h('p', {}, h('a', { href: '#/moderation' }, t('compile.find_more')))));
  if (!usable.length) return title;

  const titleField = field(t('compile.rec_title'), 'text', { required: true, maxlength: 200 });
  const text = field(t('compile.text'), 'textarea', { required: true, maxlength: 5000, hint: t('compile.text_hint') });
  const topic = field(t('compile.topic'), 'text', { maxlength: 100 });
  // The ideas' own unit first; a district moderator may file it under the district instead.
  const first = usable[0].unit_id;
  const unit = field(t('compile.unit'), 'select', {}, myUnits(me, units.items).map((u) => ({ value: u.id, label: u.name, selected: u.id === first })));
  main.append(section(t('compile.write'), form({ 'aria-label': t('compile.write') }, [
    titleField.wrap, text.wrap, topic.wrap, unit.wrap,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('compile.save')))], async () => {
    const body = {
      title: titleField.input.value.trim(), text: text.input.value.trim(), unit_id: unit.input.value,
      submission_ids: usable.map((x) => x.id),
    };
    if (topic.input.value.trim()) body.topic = topic.input.value.trim();
    const made = await post('/recommendations', body);
    saveBasket([]);
    navigate(`/recommendations/${encodeURIComponent(made.id)}`);
  })));
  return title;
}
