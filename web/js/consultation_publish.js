// What the plan page and the question editor share: the steps of planning a consultation, the
// "publish" panel, and the problems of a refused publish shown next to the field each one names
// (kept for the session, so those of the other page show there too).
import { h, clear, uid } from './dom.js';
import { t } from './i18n.js';
import { post } from './api.js';
import { errorMessage, statusArea, showMessage } from './ui.js';

const KEY = (id) => `langnghe.publish-problems.${id}`;

export function steps(c, current) {
  const id = c && c.id ? encodeURIComponent(c.id) : null;
  const item = (name, href, n) => h('li', {},
    current === name
      ? h('span', { 'aria-current': 'step', class: 'step-current' }, t(`consult.steps.${name}`, { n }))
      : (href ? h('a', { href }, t(`consult.steps.${name}`, { n })) : h('span', { class: 'step-later' }, t(`consult.steps.${name}`, { n }))));
  return h('nav', { class: 'steps', 'aria-label': t('consult.steps.label') },
    h('ol', {},
      item('plan', id ? `#/consultations/${id}` : null, 1),
      item('questions', id ? `#/consultations/${id}/questions` : null, 2),
      c && c.status !== 'draft'
        ? h('li', {}, h('span', { class: 'step-done' }, h('span', { 'aria-hidden': 'true' }, '✔ '), t('consult.steps.published', { n: 3 })))
        : item('publish', null, 3)),
    h('p', {}, h('a', { href: '#/consultations' }, t('consult.steps.back'))));
}

// The problem in the reader's language (the API's words are its fallback).
export function problemText(p) {
  const f = p.field || '';
  const m = p.message || '';
  let band = /\.(\d+-\d+)(\.|$)/.exec(f);
  band = band ? band[1] : '';
  if (/^info_cards\./.test(f)) return t('consult.problem.info_card', { band });
  if (/^questions\[\d+\]\.(options\[\d+\]\.)?text\./.test(f)) return t('consult.problem.wording', { band });
  if (/^questions\[\d+\]\.scale_labels\./.test(f)) return t('consult.problem.scale_labels', { band });
  const q = /^questions\[\d+\]\.(options|max_choices|rank_count|faces|max_length)$/.exec(f);
  if (q) return t(`consult.problem.${q[1] === 'options' && /has no options/.test(m) ? 'no_options' : q[1]}`);
  if (f === 'questions') {
    const cap = /At most (\d+) questions for the (\S+) band/.exec(m);
    return cap ? t('consult.problem.too_many', { n: cap[1], band: cap[2] }) : t('consult.problem.no_questions');
  }
  if (f === 'closes_at' && /passed/.test(m)) return t('consult.problem.closes_passed');
  if (f === 'closes_at' && /after it opens/.test(m)) return t('consult.problem.closes_order');
  if (f === 'feedback_due' && /after/.test(m)) return t('consult.problem.feedback_order');
  const known = ['title', 'purpose', 'decision', 'decision_maker', 'decision_due', 'feedback_due', 'opens_at', 'closes_at', 'audience_unit_ids', 'audience_bands'];
  if (known.includes(f)) return t(`consult.problem.${f}`);
  return m;
}

// Which question, option or card a problem is about, for the summary ("Câu 2 · Lựa chọn 1").
function whereText(field) {
  const q = /^questions\[(\d+)\](?:\.options\[(\d+)\])?/.exec(field || '');
  if (q) {
    const parts = [t('consult.publish.where_question', { n: Number(q[1]) + 1 })];
    if (q[2] !== undefined) parts.push(t('consult.q.option_n', { n: Number(q[2]) + 1 }));
    return parts.join(' · ');
  }
  const card = /^info_cards\.([^.]+)\.(why|who_reads|hear_back)$/.exec(field || '');
  if (card) return `${t('consult.plan.card_for', { band: card[1] })} · ${t(`consult.plan.card_${card[2]}`)}`;
  return '';
}

// Where a problem goes: the element marked data-field with its field, or the nearest one above.
function placeOf(root, field) {
  let name = field;
  while (name) {
    const el = root.querySelector(`[data-field="${CSS.escape(name)}"]`);
    if (el) return el;
    const cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf('['));
    name = cut > 0 ? name.slice(0, cut) : '';
  }
  return null;
}

// Shows each problem beside its field until the field is edited (then `onEdited(problem)`);
// returns those this page has no field for.
export function showProblems(root, problems, onEdited = () => {}) {
  root.querySelectorAll('.field-problem').forEach((el) => el.remove());
  root.querySelectorAll('[aria-invalid="true"]').forEach((el) => {
    el.removeAttribute('aria-invalid');
    const kept = (el.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && !x.startsWith('problem-'));
    if (kept.length) el.setAttribute('aria-describedby', kept.join(' ')); else el.removeAttribute('aria-describedby');
  });
  const elsewhere = [];
  for (const p of problems || []) {
    const place = placeOf(root, p.field);
    if (!place) { elsewhere.push(p); continue; }
    const id = uid('problem');
    const note = h('p', { class: 'field-problem', id, dataset: { problemFor: p.field } },
      h('span', { 'aria-hidden': 'true' }, '⚠ '), problemText(p));
    const label = place.querySelector(':scope > label, :scope > legend');
    if (label) label.after(note); else place.prepend(note);
    const input = place.matches('input, textarea, select') ? place : place.querySelector('input, textarea, select');
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
      const edited = () => {
        note.remove();
        input.removeAttribute('aria-invalid');
        const rest = (input.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && x !== id);
        if (rest.length) input.setAttribute('aria-describedby', rest.join(' ')); else input.removeAttribute('aria-describedby');
        onEdited(p);
      };
      input.addEventListener(input.matches('select, [type=checkbox]') ? 'change' : 'input', edited, { once: true });
    }
    p.element = note;
  }
  return elsewhere;
}

export function keptProblems(id) {
  try { return JSON.parse(sessionStorage.getItem(KEY(id)) || '[]'); } catch (e) { return []; }
}

function keep(id, problems) {
  try {
    if (problems.length) sessionStorage.setItem(KEY(id), JSON.stringify(problems.map(({ field, message }) => ({ field, message }))));
    else sessionStorage.removeItem(KEY(id));
  } catch (e) { /* storage may be off */ }
}

// The summary of the problems: those of this page link to their field, the others to their page.
function summary(c, problems, elsewhere, here) {
  const id = encodeURIComponent(c.id);
  const other = here === 'plan' ? `#/consultations/${id}/questions` : `#/consultations/${id}`;
  const items = problems.map((p) => {
    const where = whereText(p.field);
    const text = where ? `${where}: ${problemText(p)}` : problemText(p);
    if (elsewhere.includes(p)) return h('li', {}, h('a', { href: other }, text), ` (${t(here === 'plan' ? 'consult.publish.on_questions' : 'consult.publish.on_plan')})`);
    return h('li', {}, h('a', { href: `#${p.element.id}`, onclick: (e) => {
      e.preventDefault();
      const input = p.element.parentElement.querySelector('input, textarea, select');
      (input || p.element).focus();
    } }, text));
  });
  return [h('p', {}, t('consult.publish.problems', { n: problems.length })), h('ul', { class: 'problem-list' }, items)];
}

// The publish panel: saves what is on the page, then publishes; a 422 shows every problem.
export function publishPanel({ c, root, save, here, onPublished }) {
  const area = statusArea('alert');
  const list = h('div', { class: 'problem-summary' });
  const shown = (problems) => {
    clear(list);
    const elsewhere = showProblems(root, problems, (fixed) => {
      keep(c.id, keptProblems(c.id).filter((k) => k.field !== fixed.field));
      shown(keptProblems(c.id));
    });
    if (problems.length) list.append(...summary(c, problems, elsewhere, here));
  };
  const button = h('button', { type: 'button' }, t('consult.publish.button'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    showMessage(area, '');
    try {
      await save();
      const done = await post(`/consultations/${encodeURIComponent(c.id)}/publish`);
      keep(c.id, []);
      shown([]);
      await onPublished(done);
    } catch (e) {
      if (e.status === 422 && e.problems) {
        keep(c.id, e.problems);
        shown(e.problems);
        showMessage(area, t('consult.publish.refused'), 'error');
      } else showMessage(area, errorMessage(e), 'error');
    } finally {
      button.disabled = false;
    }
  });
  const panel = h('section', { class: 'card publish-panel', 'aria-labelledby': 'publish-title' },
    h('h2', { id: 'publish-title' }, t('consult.publish.title')),
    h('p', {}, t('consult.publish.lead')), area, list, h('div', { class: 'actions' }, button));
  shown(keptProblems(c.id));
  // The page redrew its fields: put the problems back beside them.
  panel.refresh = () => shown(keptProblems(c.id));
  return panel;
}
