// Compile a recommendation from approved ideas: tick them in the list of the chosen unit's
// approved ideas, or gather them from the moderation pages ("Add to a recommendation"), where
// they wait on the server (GET/PUT /me/compile-draft) — in any tab or browser — until the
// recommendation is saved. Each idea shows in its approved (or redacted) words.
import { h, field, clear, uid } from '../dom.js';
import { t, formatDate, lang } from '../i18n.js';
import { get, post, api } from '../api.js';
import { form, section, button, statusArea, badge } from '../ui.js';

export async function basket() {
  const { submission_ids: ids } = await get('/me/compile-draft');
  return ids;
}

async function saveBasket(list) {
  await api('PUT', '/me/compile-draft', { submission_ids: [...new Set(list)] });
}

export async function addToBasket(id) { await saveBasket([...(await basket()), id]); }
export async function removeFromBasket(id) { await saveBasket((await basket()).filter((x) => x !== id)); }

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

// The approved ideas of a unit (and the units below it), newest first, each with a box to tick;
// "Show more" reads the next page. `ticked` is the set of ids chosen so far.
function approvedList(ticked, gathered) {
  const list = h('div', { class: 'approved-list' });
  const area = statusArea('status');
  let unitId = null;
  let next = null;
  const more = button(t('compile.more'), () => load(false), { class: 'secondary', area });
  const box = (x) => {
    const id = uid('idea');
    // A gathered idea goes in anyway (remove it above): its box stays ticked.
    const inBasket = gathered.includes(x.id);
    const input = h('input', { type: 'checkbox', id, value: x.id, checked: inBasket || ticked.has(x.id), disabled: inBasket });
    input.addEventListener('change', () => { if (input.checked) ticked.add(x.id); else ticked.delete(x.id); });
    return h('div', { class: 'check' }, input, h('label', { for: id },
      h('span', { class: 'idea-text' }, `“${x.text}”`), h('br'),
      h('span', { class: 'hint' }, t('compile.idea_from', { name: x.author.pseudonym, band: x.author.age_band }),
        ` · ${formatDate(x.created_at)}`),
      x.in_recommendation ? [' ', badge(true, t('compile.already_in'))] : null));
  };
  async function load(fresh) {
    const query = `limit=20${unitId ? `&unit_id=${encodeURIComponent(unitId)}` : ''}${!fresh && next ? `&after=${encodeURIComponent(next)}` : ''}`;
    const page = await get(`/moderation/approved?${query}`);
    if (fresh) clear(list);
    if (fresh && !page.items.length) list.append(h('p', {}, t('compile.no_approved')));
    page.items.forEach((x) => list.append(box(x)));
    next = page.next;
    more.hidden = !next;
  }
  const wrap = h('fieldset', { class: 'approved' }, h('legend', {}, t('compile.approved')),
    h('p', { class: 'hint' }, t('compile.approved_hint')), list, h('div', { class: 'actions' }, more), area);
  return {
    wrap,
    show: async (id) => { unitId = id; next = null; await load(true); },
  };
}

export async function render({ main, me, navigate, route }) {
  const title = t('compile.title');
  main.append(h('h1', {}, title), h('p', { class: 'lead' }, t('compile.lead')),
    h('p', {}, h('a', { href: '#/recommendations' }, t('rec.back'))));
  const ids = await basket();
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

  const gathered = usable.map((x) => x.id);
  const ticked = new Set();
  const approved = approvedList(ticked, gathered);
  const titleField = field(t('compile.rec_title'), 'text', { required: true, maxlength: 200 });
  const text = field(t('compile.text'), 'textarea', { required: true, maxlength: 5000, hint: t('compile.text_hint') });
  const topic = field(t('compile.topic'), 'text', { maxlength: 100 });
  // The gathered ideas' own unit first; a district moderator may file it under the district
  // instead. The list below shows the chosen unit's approved ideas.
  const mine = myUnits(me, units.items).sort((a, b) => a.name.localeCompare(b.name, lang()));
  // The gathered ideas' unit, else the unit where the newest approved idea waits.
  let first = usable.length ? usable[0].unit_id : null;
  if (!first) {
    const newest = await get('/moderation/approved?limit=1').catch(() => ({ items: [] }));
    const waiting = newest.items.find((x) => mine.some((u) => u.id === x.unit_id));
    first = waiting ? waiting.unit_id : (mine[0] || {}).id;
  }
  const unit = field(t('compile.unit'), 'select', { hint: t('compile.unit_hint') }, mine.map((u) => ({ value: u.id, label: u.name, selected: u.id === first })));
  unit.input.addEventListener('change', () => approved.show(unit.input.value));
  main.append(section(t('compile.write'), form({ 'aria-label': t('compile.write') }, [
    unit.wrap, approved.wrap, titleField.wrap, text.wrap, topic.wrap,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('compile.save')))], async () => {
    const chosen = [...new Set([...gathered, ...ticked])];
    if (!chosen.length) throw new Error(t('compile.choose_one'));
    const body = {
      title: titleField.input.value.trim(), text: text.input.value.trim(), unit_id: unit.input.value,
      submission_ids: chosen,
    };
    if (topic.input.value.trim()) body.topic = topic.input.value.trim();
    const made = await post('/recommendations', body);
    navigate(`/recommendations/${encodeURIComponent(made.id)}`);
  })));
  if (unit.input.value) await approved.show(unit.input.value);
  return title;
}
