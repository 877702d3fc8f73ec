// Typing in a batch of paper questionnaires: sheet by sheet, then the batch is saved at once.
import { h, field, clear, uid } from '../dom.js';
import { t, formatDate } from '../i18n.js';
import { get, post } from '../api.js';
import { form, table, section, statusArea, showMessage, errorMessage } from '../ui.js';
import { answersShown } from './consultations.js';

const GENDERS = ['unknown', 'girl', 'boy', 'other', 'prefer_not_to_say'];

function wording(text, band) {
  if (!text) return '';
  if (typeof text === 'string') return text;
  return text[band] || Object.values(text)[0] || '';
}

// The inputs of one question for the sheet form; read() gives the answer or undefined.
function questionInput(q, band) {
  const label = wording(q.text, band);
  const options = (q.options || []).map((o) => ({ value: o.id, label: wording(o.text, band) }));
  if (q.type === 'single' || q.type === 'yes_no' || q.type === 'scale') {
    let choices = options;
    if (q.type === 'yes_no') choices = [{ value: 'true', label: t('paper.yes') }, { value: 'false', label: t('paper.no') }];
    if (q.type === 'scale') {
      const labels = (q.scale_labels && q.scale_labels[band]) || [];
      choices = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: labels[n - 1] ? `${n} — ${labels[n - 1]}` : String(n) }));
    }
    const f = field(label, 'select', {}, [{ value: '', label: t('paper.blank') }, ...choices]);
    return { el: f.wrap, read: () => {
      const v = f.input.value;
      if (!v) return undefined;
      if (q.type === 'yes_no') return v === 'true';
      if (q.type === 'scale') return Number(v);
      return v;
    } };
  }
  if (q.type === 'multiple') {
    const boxes = options.map((o) => {
      const id = uid('m');
      return { input: h('input', { type: 'checkbox', id, value: o.value }), label: h('label', { for: id }, o.label) };
    });
    return { el: h('fieldset', {}, h('legend', {}, label), boxes.map((b) => h('div', { class: 'check' }, b.input, b.label))),
      read: () => { const v = boxes.filter((b) => b.input.checked).map((b) => b.input.value); return v.length ? v : undefined; } };
  }
  if (q.type === 'ranking') {
    const selects = [];
    const set = h('fieldset', {}, h('legend', {}, label));
    for (let i = 0; i < (q.rank_count || 1); i += 1) {
      const f = field(t('consult.rank_place', { n: i + 1 }), 'select', {}, [{ value: '', label: t('paper.blank') }, ...options]);
      selects.push(f.input);
      set.append(f.wrap);
    }
    return { el: set, read: () => { const v = selects.map((s) => s.value).filter(Boolean); return v.length ? v : undefined; } };
  }
  const f = field(label, 'textarea', { maxlength: q.max_length || 500 });
  return { el: f.wrap, read: () => (f.input.value.trim() ? f.input.value.trim() : undefined) };
}

// How many pupils of each of my classes answered online: counts only, under small-group protection.
async function classAnswers(id) {
  const r = await get(`/consultations/${id}/classes`);
  if (r.status === 'draft') return section(t('paper.classes'), h('p', {}, t('paper.classes_draft')));
  return section(t('paper.classes'), h('p', {}, t('paper.classes_lead', { n: r.threshold })),
    r.classes.length
      ? table(t('paper.classes'), [t('paper.class'), t('paper.class_answered')],
        r.classes.map((k) => [k.name, answersShown(k.answered)]))
      : h('p', {}, t('paper.no_classes')));
}

export async function render({ main, params, me, route }) {
  const id = encodeURIComponent(params.id);
  const c = await get(`/consultations/${id}`);
  const [{ items: batches }, { items: units }] = await Promise.all([get(`/consultations/${id}/paper-batches`), get('/units?limit=200')]);
  const unitName = Object.fromEntries(units.map((u) => [u.id, u.name]));
  const title = t('paper.batch_title', { title: c.title });
  main.append(h('h1', {}, title));
  if (me.role === 'facilitator' || me.role === 'admin') main.append(await classAnswers(id));
  main.append(section(t('paper.batches'), batches.length
    ? table(t('paper.batches'), [t('paper.reference'), t('paper.channel'), t('paper.sheets'), t('paper.unit'), t('paper.added')],
      batches.map((b) => [b.reference, t(`paper.channel_${b.channel}`), String(b.sheets), unitName[b.unit_id] || b.unit_id, formatDate(b.created_at, true)]))
    : h('p', {}, t('paper.no_batches'))));

  if (c.status !== 'published' && c.status !== 'closed') {
    main.append(h('p', {}, t('paper.not_open')));
    return title;
  }
  const mine = me.role === 'admin' ? units.map((u) => u.id) : me.unit_ids || [];
  // Offer the units of mine that the consultation asks (when any are); the server checks the rest.
  const asked = mine.filter((u) => (c.audience_unit_ids || []).includes(u));
  const myUnits = asked.length ? asked : mine;
  const sheets = [];
  const reference = field(t('paper.reference'), 'text', { required: true, maxlength: 100, hint: t('paper.reference_hint') });
  const unit = field(t('paper.unit'), 'select', {}, myUnits.map((u) => ({ value: u, label: unitName[u] || u })));
  const counter = h('p', { role: 'status' }, t('paper.sheet_count', { n: 0 }));
  const band = field(t('paper.age_band'), 'select', {}, (c.audience_bands || []).map((b) => ({ value: b, label: t('paper.band', { band: b }) })));
  const gender = field(t('paper.gender'), 'select', {}, GENDERS.map((g) => ({ value: g, label: t(`paper.gender_${g}`) })));
  const questionsBox = h('div', {});
  let inputs = [];
  const drawQuestions = () => {
    clear(questionsBox);
    inputs = (c.questions || []).map((q) => ({ q, ...questionInput(q, band.input.value) }));
    inputs.forEach((i) => questionsBox.append(i.el));
  };
  band.input.addEventListener('change', drawQuestions);
  drawQuestions();
  const sheetArea = statusArea();
  const addSheet = h('button', { type: 'button', class: 'secondary', onclick: () => {
    const answers = {};
    inputs.forEach(({ q, read }) => { const v = read(); if (v !== undefined) answers[q.id] = v; });
    sheets.push({ age_band: band.input.value, gender: gender.input.value === 'unknown' ? null : gender.input.value, answers });
    counter.textContent = t('paper.sheet_count', { n: sheets.length });
    drawQuestions();
    showMessage(sheetArea, t('paper.sheet_added', { n: sheets.length }), 'ok');
    band.input.focus();
  } }, t('paper.add_sheet'));

  main.append(section(t('paper.new_batch'), form({ 'aria-label': t('paper.new_batch') }, [
    reference.wrap, unit.wrap,
    h('fieldset', {}, h('legend', {}, t('paper.sheet')), band.wrap, gender.wrap, questionsBox,
      h('div', { class: 'actions' }, addSheet), sheetArea),
    counter,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('paper.save_batch'))),
  ], async () => {
    if (!sheets.length) throw new Error(t('paper.no_sheets'));
    const body = { channel: 'paper', reference: reference.input.value.trim(), unit_id: unit.input.value, sheets: sheets.map((s) => {
      const out = { age_band: s.age_band, answers: s.answers };
      if (s.gender) out.gender = s.gender;
      return out;
    }) };
    try {
      await post(`/consultations/${id}/paper-batches`, body);
    } catch (e) {
      if (e.problems) throw new Error(`${errorMessage(e)} ${e.problems.map((p) => p.field).join(', ')}`);
      throw e;
    }
    route();
  })));
  return title;
}
