// Step 1 of Circular 36: the plan of a consultation — why children are asked, whose, which ages,
// when, the decision it informs, who decides and when children hear back, and what each age band
// is told before answering. A draft saves at any point; once published, what may no longer
// change is shown locked (only the closing time, the feedback date and the cards' wording move).
import { h, uid } from '../dom.js';
import { t, formatDate } from '../i18n.js';
import { get, post, patch } from '../api.js';
import { form, showMessage } from '../ui.js';
import { toVnInput, fromVnInput } from '../vn_time.js';
import { steps, publishPanel } from '../consultation_publish.js';

const CARD_KEYS = ['why', 'who_reads', 'hear_back'];

function lockNote() {
  return h('span', { class: 'locked' }, h('span', { 'aria-hidden': 'true' }, '🔒 '), t('consult.plan.locked'));
}

// A date or time field says back what it holds in Vietnamese (07/12/2026, 10:16 07/12/2026): the
// browser draws the field in its own language's order (12/07/2026, 10:16 AM on an English one),
// and a day and a month swapped is a consultation closing months late.
function readBack(input, withTime) {
  const out = h('p', { class: 'hint read-back', 'aria-live': 'polite' });
  const show = () => {
    const value = withTime ? fromVnInput(input.value) : input.value;
    out.textContent = value ? t(withTime ? 'consult.plan.reads_as' : 'consult.plan.reads_as_day', { value: formatDate(value, withTime) }) : '';
  };
  input.addEventListener('input', show);
  input.addEventListener('change', show);
  show();
  return out;
}

// A labelled field marked with the API's name for it, so a publish problem lands beside it.
function fieldOf(name, label, input, { hint, locked } = {}) {
  const id = input.id || uid('plan');
  input.id = id;
  input.name = name;
  if (locked) input.disabled = true;
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) input.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field', dataset: { field: name } },
    h('label', { for: id }, label, locked ? [' ', lockNote()] : null),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    input,
    input.type === 'date' || input.type === 'datetime-local' ? readBack(input, input.type !== 'date') : null);
}

// The unit tree as nested order: [unit, depth].
function treeOrder(units) {
  const children = new Map();
  const ids = new Set(units.map((u) => u.id));
  for (const u of units) {
    const parent = u.parent_id && ids.has(u.parent_id) ? u.parent_id : null;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(u);
  }
  const out = [];
  const walk = (parent, depth) => {
    for (const u of (children.get(parent) || []).sort((a, b) => a.name.localeCompare(b.name, 'vi'))) {
      out.push([u, depth]);
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

function checkGroup(name, legend, items, chosen, { locked, hint } = {}) {
  const hintId = hint ? uid('hint') : null;
  const attrs = { class: 'field check-group', 'aria-describedby': hintId, dataset: { field: name } };
  return h('fieldset', attrs,
    h('legend', {}, legend, locked ? [' ', lockNote()] : null),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    items.map(([value, label, depth]) => h('label', { class: `check tree-depth-${Math.min(depth || 0, 4)}` },
      h('input', { type: 'checkbox', name, value, checked: chosen.includes(value), disabled: locked }), ' ', label)));
}

export async function render({ main, params, me, navigate }) {
  const isNew = !params.id;
  const [c, units, bands] = await Promise.all([
    isNew ? Promise.resolve(null) : get(`/consultations/${encodeURIComponent(params.id)}`),
    get('/units?limit=200'), get('/age-bands')]);
  const plan = c || { audience_unit_ids: [], audience_bands: bands.items.map((b) => b.id), info_cards: {}, status: 'draft' };
  const draft = plan.status === 'draft';
  const open = plan.status === 'published';
  const readOnly = !draft && !open;
  const title = isNew ? t('consult.plan.new_title') : t('consult.plan.title', { title: plan.title });

  main.append(h('h1', {}, title), steps(c, 'plan'));
  if (c) {
    main.append(h('p', { class: 'lead' },
      h('span', { class: 'badge' }, t(`consultation.status.${c.status}`)), ' ',
      t('consult.plan.saved_at', { time: formatDate(c.updated_at, true) })));
    if (!draft) main.append(h('p', { class: 'message message-info' }, t(readOnly ? 'consult.plan.closed_note' : 'consult.plan.published_note')));
  } else {
    main.append(h('p', { class: 'lead' }, t('consult.plan.lead')));
  }

  const lockedPlan = !draft;
  const input = (kind, value, attrs = {}) => (kind === 'textarea'
    ? h('textarea', { rows: 3, ...attrs, value: value || '' })
    : h('input', { type: kind, ...attrs, value: value || '' }));
  const titleIn = input('text', plan.title, { maxlength: 200, required: true });
  const purposeIn = input('textarea', plan.purpose, { maxlength: 2000 });
  const ownerIn = h('select', {}, units.items.map((u) => h('option', {
    value: u.id, selected: plan.owner_unit_id ? plan.owner_unit_id === u.id : (me.unit_ids || [])[0] === u.id,
  }, u.name)));
  const opensIn = input('datetime-local', toVnInput(plan.opens_at));
  const closesIn = input('datetime-local', toVnInput(plan.closes_at));
  const decisionIn = input('textarea', plan.decision, { maxlength: 1000 });
  const makerIn = input('text', plan.decision_maker, { maxlength: 200 });
  const decisionDueIn = input('date', plan.decision_due);
  const feedbackDueIn = input('date', plan.feedback_due);
  const tree = treeOrder(units.items).map(([u, depth]) => [u.id, u.name, depth]);
  const unitsBox = checkGroup('audience_unit_ids', t('consult.plan.audience_units'), tree, plan.audience_unit_ids || [],
    { locked: lockedPlan, hint: t('consult.plan.audience_units_hint') });
  const bandsBox = checkGroup('audience_bands', t('consult.plan.audience_bands'),
    bands.items.map((b) => [b.id, t('consult.plan.band', { band: b.id })]), plan.audience_bands || [], { locked: lockedPlan });

  // One information card per age band asked: what the child reads before answering.
  const cards = plan.info_cards || {};
  const cardBoxes = bands.items.map((b) => {
    const card = cards[b.id] || {};
    const set = h('fieldset', { class: 'card info-card', dataset: { field: `info_cards.${b.id}`, band: b.id } },
      h('legend', {}, t('consult.plan.card_for', { band: b.id })),
      CARD_KEYS.map((key) => fieldOf(`info_cards.${b.id}.${key}`, t(`consult.plan.card_${key}`),
        input('textarea', card[key], { rows: 2, maxlength: 1000, disabled: readOnly }))));
    return set;
  });
  const chosenBands = () => [...bandsBox.querySelectorAll('input:checked')].map((x) => x.value);
  const showCards = () => {
    const chosen = chosenBands();
    cardBoxes.forEach((box) => { box.hidden = !chosen.includes(box.dataset.band); });
  };
  bandsBox.addEventListener('change', showCards);
  showCards();

  const vnHint = t('consult.plan.vn_time');
  const body = () => {
    const cardsOut = {};
    for (const band of chosenBands()) {
      const card = {};
      for (const key of CARD_KEYS) card[key] = main.querySelector(`[name="info_cards.${band}.${key}"]`).value.trim();
      cardsOut[band] = card;
    }
    if (!draft) {
      const out = { feedback_due: feedbackDueIn.value, info_cards: cardsOut };
      if (open && fromVnInput(closesIn.value) !== plan.closes_at) out.closes_at = fromVnInput(closesIn.value);
      return out;
    }
    return {
      title: titleIn.value.trim(), purpose: purposeIn.value.trim(), owner_unit_id: ownerIn.value,
      audience_unit_ids: [...unitsBox.querySelectorAll('input:checked')].map((x) => x.value),
      audience_bands: chosenBands(),
      opens_at: fromVnInput(opensIn.value), closes_at: fromVnInput(closesIn.value),
      decision: decisionIn.value.trim(), decision_maker: makerIn.value.trim(),
      decision_due: decisionDueIn.value, feedback_due: feedbackDueIn.value, info_cards: cardsOut,
    };
  };
  const save = async () => {
    if (isNew) return post('/consultations', body());
    return patch(`/consultations/${encodeURIComponent(c.id)}`, body());
  };

  const fields = [
    h('h2', {}, t('consult.plan.section_what')),
    fieldOf('title', t('consult.plan.field_title'), titleIn, { locked: lockedPlan }),
    fieldOf('purpose', t('consult.plan.field_purpose'), purposeIn, { hint: t('consult.plan.field_purpose_hint'), locked: lockedPlan }),
    fieldOf('owner_unit_id', t('consult.plan.field_owner'), ownerIn, { locked: lockedPlan }),
    h('h2', {}, t('consult.plan.section_who')), unitsBox, bandsBox,
    h('h2', {}, t('consult.plan.section_when')),
    fieldOf('opens_at', t('consult.plan.field_opens'), opensIn, { hint: vnHint, locked: lockedPlan }),
    fieldOf('closes_at', t('consult.plan.field_closes'), closesIn, { hint: open ? t('consult.plan.closes_hint_open') : vnHint, locked: readOnly }),
    h('h2', {}, t('consult.plan.section_decision')),
    fieldOf('decision', t('consult.plan.field_decision'), decisionIn, { hint: t('consult.plan.field_decision_hint'), locked: lockedPlan }),
    fieldOf('decision_maker', t('consult.plan.field_maker'), makerIn, { locked: lockedPlan }),
    fieldOf('decision_due', t('consult.plan.field_decision_due'), decisionDueIn, { locked: lockedPlan }),
    fieldOf('feedback_due', t('consult.plan.field_feedback_due'), feedbackDueIn, { hint: t('consult.plan.field_feedback_due_hint'), locked: readOnly }),
    h('h2', {}, t('consult.plan.section_cards')),
    h('p', { class: 'hint' }, t('consult.plan.cards_hint')),
    h('div', { class: 'info-cards' }, cardBoxes),
  ];
  const planForm = form({ class: 'plan-form', 'aria-label': title }, [
    fields,
    readOnly ? null : h('div', { class: 'actions' },
      h('button', { type: 'submit', class: draft && !isNew ? 'secondary' : null }, t(isNew ? 'consult.plan.create' : 'consult.plan.save'))),
  ], async () => {
    const saved = await save();
    if (isNew) navigate(`/consultations/${encodeURIComponent(saved.id)}/questions`);
    else {
      showMessage(planForm.messageArea, t('consult.plan.saved', { time: formatDate(saved.updated_at, true) }), 'ok');
      Object.assign(plan, saved);
    }
  });
  main.append(planForm);
  if (c && draft) {
    main.append(h('p', {}, h('a', { class: 'button', href: `#/consultations/${encodeURIComponent(c.id)}/questions` }, t('consult.plan.to_questions'))));
    main.append(publishPanel({ c, root: planForm, save, here: 'plan', onPublished: async () => navigate(`/consultations/${encodeURIComponent(c.id)}`) }));
  }
  return title;
}
