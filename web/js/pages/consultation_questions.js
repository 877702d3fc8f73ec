// The questionnaire of a consultation: every question type the API has (one choice, several with
// a maximum, a scale with faces for 7–10, yes/no, ranking, free text with a length limit); add,
// reorder, remove; each question and option worded once per age band asked, side by side so a
// missing wording shows at once; a preview as a child of each band, drawn by the code that draws
// the pupil's page. Once published only the wording may change: the rest is shown locked.
import { h, clear, uid } from '../dom.js';
import { t, formatDate } from '../i18n.js';
import { get, patch } from '../api.js';
import { form, showMessage, statusArea, errorMessage } from '../ui.js';
import { steps, publishPanel } from '../consultation_publish.js';
import { infoCard, drawQuestions } from '../consultation_view.js';

const TYPES = ['single', 'multiple', 'scale', 'yes_no', 'ranking', 'text'];
const WITH_OPTIONS = ['single', 'multiple', 'ranking'];
const FACES = ['😟', '🙁', '😐', '🙂', '😄'];

function freshId(prefix, taken) {
  let n = taken.length + 1;
  while (taken.includes(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

function blank(type, questions) {
  const q = { id: freshId('q', questions.map((x) => x.id)), type, text: {} };
  if (WITH_OPTIONS.includes(type)) q.options = [{ id: 'o1', text: {} }, { id: 'o2', text: {} }];
  if (type === 'multiple') q.max_choices = 2;
  if (type === 'ranking') q.rank_count = 2;
  if (type === 'scale') { q.scale_labels = {}; q.faces = [...FACES]; }
  if (type === 'text') q.max_length = 500;
  return q;
}

// The questions as the API takes them: empty wordings left out (publishing names them).
function wire(questions) {
  const words = (w) => Object.fromEntries(Object.entries(w || {}).filter(([, v]) => v && v.trim()).map(([b, v]) => [b, v.trim()]));
  return questions.map((q) => {
    const out = { id: q.id, type: q.type, text: words(q.text) };
    if (WITH_OPTIONS.includes(q.type)) out.options = (q.options || []).map((o) => ({ id: o.id, text: words(o.text) }));
    if (q.type === 'multiple') out.max_choices = Number(q.max_choices) || 0;
    if (q.type === 'ranking') out.rank_count = Number(q.rank_count) || 0;
    if (q.type === 'scale') {
      out.scale_labels = {};
      for (const [band, labels] of Object.entries(q.scale_labels || {})) {
        const filled = (labels || []).map((l) => (l || '').trim()).filter(Boolean);
        if (filled.length) out.scale_labels[band] = filled;
      }
      out.faces = (q.faces || []).map((f) => (f || '').trim()).filter(Boolean);
    }
    if (q.type === 'text') out.max_length = Number(q.max_length) || 0;
    return out;
  });
}

export async function render({ main, params, navigate }) {
  const id = encodeURIComponent(params.id);
  const c = await get(`/consultations/${id}`);
  const allBands = (await get('/age-bands')).items.map((b) => b.id);
  const bands = c.audience_bands && c.audience_bands.length ? c.audience_bands : allBands;
  const draft = c.status === 'draft';
  const wordingOnly = c.status === 'published';
  const readOnly = !draft && !wordingOnly;
  const questions = JSON.parse(JSON.stringify(c.questions || []));
  const title = t('consult.q.title', { title: c.title });

  main.append(h('h1', {}, title), steps(c, 'questions'),
    h('p', { class: 'lead' }, h('span', { class: 'badge' }, t(`consultation.status.${c.status}`)), ' ',
      t('consult.plan.saved_at', { time: formatDate(c.updated_at, true) })));
  if (!c.audience_bands || !c.audience_bands.length) main.append(h('p', { class: 'message message-info' }, t('consult.q.no_bands')));
  if (wordingOnly) main.append(h('p', { class: 'message message-info' }, t('consult.q.published_note')));
  if (readOnly) main.append(h('p', { class: 'message message-info' }, t('consult.plan.closed_note')));

  const lock = () => h('span', { class: 'locked' }, h('span', { 'aria-hidden': 'true' }, '🔒 '), t('consult.plan.locked'));
  const structureLocked = !draft;
  const list = h('div', { class: 'question-list' });

  // One wording per band, side by side; an empty one is marked so the gap shows at once.
  function wordingGrid(field, legend, wording, { long = false, max = 500 } = {}) {
    const grid = h('div', { class: 'band-grid' });
    for (const band of bands) {
      const inputId = uid('w');
      const gapId = `${inputId}-gap`;
      const box = long
        ? h('textarea', { id: inputId, rows: 3, maxlength: max, value: wording[band] || '', disabled: readOnly, 'aria-describedby': gapId })
        : h('input', { type: 'text', id: inputId, maxlength: max, value: wording[band] || '', disabled: readOnly, 'aria-describedby': gapId });
      const gap = h('span', { class: 'gap-note', id: gapId });
      const mark = () => {
        const empty = !box.value.trim();
        box.classList.toggle('gap', empty);
        gap.textContent = empty ? t('consult.q.gap') : '';
      };
      box.addEventListener('input', () => { wording[band] = box.value; mark(); });
      mark();
      grid.append(h('div', { class: 'field band-cell', dataset: { field: `${field}.${band}` } },
        h('label', { for: inputId }, t('consult.q.band_only', { band }), h('span', { class: 'visually-hidden' }, ` — ${legend}`)), box, gap));
    }
    return grid;
  }

  function numberField(field, label, value, onChange, hint) {
    const inputId = uid('n');
    const input = h('input', { type: 'number', id: inputId, min: 1, max: 2000, value: String(value ?? ''), disabled: structureLocked, 'aria-describedby': hint ? `${inputId}-hint` : null });
    input.addEventListener('input', () => onChange(input.value));
    return h('div', { class: 'field narrow', dataset: { field } },
      h('label', { for: inputId }, label, structureLocked ? [' ', lock()] : null),
      hint ? h('p', { class: 'hint', id: `${inputId}-hint` }, hint) : null, input);
  }

  function moveButtons(items, index, what, redraw) {
    if (structureLocked) return null;
    const b = (label, fn, disabled) => h('button', { type: 'button', class: 'secondary small', disabled, onclick: () => { fn(); redraw(); } }, label,
      h('span', { class: 'visually-hidden' }, ` ${what}`));
    return h('div', { class: 'actions row-actions' },
      b(t('consult.q.up'), () => items.splice(index - 1, 0, items.splice(index, 1)[0]), index === 0),
      b(t('consult.q.down'), () => items.splice(index + 1, 0, items.splice(index, 1)[0]), index === items.length - 1),
      b(t('consult.q.remove'), () => items.splice(index, 1), false));
  }

  function questionCard(q, i) {
    const n = i + 1;
    const field = `questions[${i}]`;
    const headingId = uid('qh');
    const card = h('section', { class: 'card question-edit', 'aria-labelledby': headingId, dataset: { field, question: q.id } },
      h('h3', { id: headingId }, t('consult.q.number', { n, type: t(`consult.q.type_${q.type}`) })));
    const typeId = uid('type');
    const typeSelect = h('select', { id: typeId, disabled: structureLocked },
      TYPES.map((type) => h('option', { value: type, selected: type === q.type }, t(`consult.q.type_${type}`))));
    typeSelect.addEventListener('change', () => {
      const fresh = blank(typeSelect.value, questions.filter((x) => x !== q));
      questions[i] = { ...fresh, id: q.id, text: q.text, options: WITH_OPTIONS.includes(fresh.type) ? (q.options || fresh.options) : undefined };
      redraw();
    });
    card.append(h('div', { class: 'field narrow' }, h('label', { for: typeId }, t('consult.q.type'), structureLocked ? [' ', lock()] : null), typeSelect));
    card.append(h('h4', {}, t('consult.q.wording')), wordingGrid(`${field}.text`, t('consult.q.question_word'), q.text, { long: true }));

    if (WITH_OPTIONS.includes(q.type)) {
      const box = h('div', { class: 'options', dataset: { field: `${field}.options` } }, h('h4', {}, t('consult.q.options')));
      q.options.forEach((o, j) => {
        box.append(h('div', { class: 'option-edit', dataset: { field: `${field}.options[${j}]` } },
          h('p', { class: 'option-name' }, t('consult.q.option_n', { n: j + 1 })),
          wordingGrid(`${field}.options[${j}].text`, t('consult.q.option_word', { n: j + 1 }), o.text, { max: 200 }),
          moveButtons(q.options, j, t('consult.q.option_n', { n: j + 1 }), redraw)));
      });
      if (!structureLocked) {
        box.append(h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: () => {
          q.options.push({ id: freshId('o', q.options.map((o) => o.id)), text: {} });
          redraw();
        } }, t('consult.q.add_option'), h('span', { class: 'visually-hidden' }, ` ${t('consult.publish.where_question', { n })}`))));
      }
      card.append(box);
    }
    if (q.type === 'multiple') card.append(numberField(`${field}.max_choices`, t('consult.q.max_choices'), q.max_choices, (v) => { q.max_choices = v; }));
    if (q.type === 'ranking') card.append(numberField(`${field}.rank_count`, t('consult.q.rank_count'), q.rank_count, (v) => { q.rank_count = v; }));
    if (q.type === 'text') card.append(numberField(`${field}.max_length`, t('consult.q.max_length'), q.max_length, (v) => { q.max_length = v; }, t('consult.q.max_length_hint')));
    if (q.type === 'scale') {
      q.scale_labels = q.scale_labels || {};
      q.faces = q.faces && q.faces.length ? q.faces : [...FACES];
      const grid = h('div', { class: 'band-grid' });
      for (const band of bands) {
        const labels = q.scale_labels[band] = q.scale_labels[band] || ['', '', '', '', ''];
        while (labels.length < 5) labels.push('');
        const set = h('fieldset', { class: 'field band-cell scale-labels', dataset: { field: `${field}.scale_labels.${band}` } },
          h('legend', {}, t('consult.q.scale_for', { band })));
        labels.slice(0, 5).forEach((label, k) => {
          const inputId = uid('s');
          const box = h('input', { type: 'text', id: inputId, maxlength: 60, value: label, disabled: readOnly });
          const mark = () => box.classList.toggle('gap', !box.value.trim());
          box.addEventListener('input', () => { labels[k] = box.value; mark(); });
          mark();
          set.append(h('div', { class: 'scale-point' }, h('label', { for: inputId }, t('consult.q.point', { n: k + 1 })), box));
        });
        grid.append(set);
      }
      card.append(h('h4', {}, t('consult.q.scale_labels')), grid);
      const faces = h('fieldset', { class: 'field faces-edit', dataset: { field: `${field}.faces` } },
        h('legend', {}, t('consult.q.faces'), structureLocked ? [' ', lock()] : null),
        h('p', { class: 'hint' }, t('consult.q.faces_hint')));
      q.faces.forEach((face, k) => {
        const inputId = uid('f');
        const box = h('input', { type: 'text', id: inputId, maxlength: 16, value: face, disabled: structureLocked, class: 'face-input' });
        box.addEventListener('input', () => { q.faces[k] = box.value; });
        faces.append(h('span', { class: 'face-point' }, h('label', { for: inputId }, t('consult.q.point', { n: k + 1 })), box));
      });
      card.append(faces);
    }
    card.append(moveButtons(questions, i, t('consult.publish.where_question', { n }), redraw));
    return card;
  }

  function redraw() {
    clear(list);
    if (!questions.length) list.append(h('p', { class: 'hint' }, t('consult.q.none')));
    questions.forEach((q, i) => list.append(questionCard(q, i)));
    if (panel) panel.refresh();
  }

  const save = () => patch(`/consultations/${id}`, { questions: wire(questions) });
  const addType = h('select', { id: 'add-type' }, TYPES.map((type) => h('option', { value: type }, t(`consult.q.type_${type}`))));
  const adder = structureLocked ? null : h('div', { class: 'card add-question' },
    h('div', { class: 'field narrow' }, h('label', { for: 'add-type' }, t('consult.q.add_type')), addType),
    h('button', { type: 'button', class: 'secondary', onclick: () => {
      questions.push(blank(addType.value, questions));
      redraw();
      const last = list.lastElementChild && list.lastElementChild.querySelector('h3');
      if (last) { last.setAttribute('tabindex', '-1'); last.focus(); }
    } }, t('consult.q.add')));

  const editor = form({ class: 'question-form', 'aria-label': title }, [
    h('div', { dataset: { field: 'questions' } }, h('h2', {}, t('consult.q.questions', { n: bands.length }))),
    list, adder,
    readOnly ? null : h('div', { class: 'actions' }, h('button', { type: 'submit' }, t(wordingOnly ? 'consult.q.save_wording' : 'consult.q.save'))),
  ], async () => {
    const saved = await save();
    showMessage(editor.messageArea, t('consult.plan.saved', { time: formatDate(saved.updated_at, true) }), 'ok');
  });
  let panel = null;
  redraw();
  main.append(editor);

  // The preview: the page a child of the chosen band gets, at a phone's size.
  const previewArea = statusArea('status');
  const frame = h('div', { class: 'phone-frame', role: 'region', tabindex: '0', 'aria-label': t('consult.preview.frame') });
  const showPreview = async (band) => {
    if (!readOnly) await save();
    const view = await get(`/consultations/${id}/preview?band=${encodeURIComponent(band)}`);
    clear(frame);
    frame.setAttribute('aria-label', t('consult.preview.frame_band', { band }));
    frame.dataset.band = band;
    const sent = statusArea('status');
    const stage = h('div', { class: 'stage' });
    frame.append(h('p', { class: 'preview-title' }, view.title), infoCard(view), stage, sent);
    drawQuestions(stage, view, {}, async () => showMessage(sent, t('consult.preview.not_sent'), 'info'));
    showMessage(previewArea, t('consult.preview.showing', { band }));
  };
  main.append(h('section', { class: 'preview', 'aria-labelledby': 'preview-title' },
    h('h2', { id: 'preview-title' }, t('consult.preview.title')),
    h('p', {}, t('consult.preview.lead')),
    h('div', { class: 'actions' }, bands.map((band) => h('button', { type: 'button', class: 'secondary', dataset: { band }, onclick: async (e) => {
      const b = e.currentTarget;
      b.disabled = true;
      try { await showPreview(band); } catch (err) { showMessage(previewArea, errorMessage(err), 'error'); } finally { b.disabled = false; }
    } }, t('consult.preview.as_band', { band })))),
    previewArea, frame));

  if (draft) {
    panel = publishPanel({ c, root: editor, save, here: 'questions', onPublished: async () => navigate(`/consultations/${id}/questions`) });
    main.append(panel);
  }
  return title;
}
