// A consultation as a child sees it, in their age band's wording: the information card and the
// questions (big choices, faces on scales, a skip on every question, a progress indicator, one
// question per screen for 7–10). The pupil's page and the planners' preview both draw with this,
// so the preview shows exactly what the child will see.
import { h, clear, uid } from './dom.js';
import { t, formatDate } from './i18n.js';

function choiceList(q, type, name, initial) {
  const box = h('div', { class: type === 'scale' ? 'choices scale' : 'choices' });
  const options = q.type === 'scale'
    ? (q.labels || []).map((label, i) => ({ id: String(i + 1), text: label, face: q.faces ? q.faces[i] : null }))
    : q.options || [];
  for (const o of options) {
    const input = h('input', {
      type: q.type === 'multiple' ? 'checkbox' : 'radio', name, value: o.id,
      checked: Array.isArray(initial) ? initial.includes(o.id) : String(initial) === o.id,
    });
    box.append(h('label', { class: 'choice' }, input,
      o.face ? h('span', { class: 'face', 'aria-hidden': 'true' }, o.face) : null,
      h('span', {}, o.text)));
  }
  return box;
}

// One question as a fieldset; read() returns the answer or undefined when skipped / empty.
export function questionBlock(q, number, total, initial) {
  const name = uid('q');
  const legendId = uid('legend');
  const set = h('fieldset', { class: 'question', 'aria-labelledby': legendId, dataset: { question: q.id } });
  set.append(h('legend', { id: legendId },
    h('span', { class: 'visually-hidden' }, t('consult.question_n', { n: number, total }), ' '), q.text));
  let read;
  if (q.type === 'single' || q.type === 'yes_no' || q.type === 'scale' || q.type === 'multiple') {
    if (q.type === 'multiple') set.append(h('p', { class: 'hint' }, t('consult.choose_up_to', { n: q.max_choices })));
    const start = q.type === 'yes_no' && typeof initial === 'boolean' ? (initial ? 'yes' : 'no') : initial;
    set.append(choiceList(q, q.type, name, start));
    if (q.type === 'multiple' && q.max_choices) {
      const limit = () => {
        const boxes = [...set.querySelectorAll('input[type=checkbox]')];
        const full = boxes.filter((b) => b.checked).length >= q.max_choices;
        boxes.forEach((b) => { b.disabled = full && !b.checked; });
      };
      set.addEventListener('change', limit);
      limit();
    }
    read = () => {
      const checked = [...set.querySelectorAll('input:checked')].map((i) => i.value);
      if (!checked.length) return undefined;
      if (q.type === 'multiple') return checked;
      if (q.type === 'scale') return Number(checked[0]);
      if (q.type === 'yes_no') return checked[0] === 'yes';
      return checked[0];
    };
  } else if (q.type === 'ranking') {
    const selects = [];
    set.append(h('p', { class: 'hint' }, t('consult.rank_hint', { n: q.rank_count })));
    for (let i = 0; i < q.rank_count; i += 1) {
      const id = uid('rank');
      const select = h('select', { id },
        h('option', { value: '' }, t('consult.rank_none')),
        q.options.map((o) => h('option', { value: o.id, selected: Array.isArray(initial) && initial[i] === o.id }, o.text)));
      selects.push(select);
      set.append(h('div', { class: 'field' }, h('label', { for: id }, t('consult.rank_place', { n: i + 1 })), select));
    }
    read = () => {
      const picked = selects.map((s) => s.value).filter(Boolean);
      return picked.length ? [...new Set(picked)] : undefined;
    };
  } else {
    const id = uid('text');
    const area = h('textarea', { id, maxlength: q.max_length || 500, 'aria-labelledby': legendId, value: typeof initial === 'string' ? initial : '' });
    set.append(h('p', { class: 'hint', id: `${id}-hint` }, t('consult.text_hint', { n: q.max_length || 500 })), area);
    area.setAttribute('aria-describedby', `${id}-hint`);
    read = () => (area.value.trim() ? area.value.trim() : undefined);
  }
  return { set, read };
}

// The information card: why the child is asked, who reads, when they hear back.
export function infoCard(c) {
  const card = c.info_card || {};
  const about = h('div', { class: 'card' },
    card.why ? h('p', {}, h('strong', {}, t('consult.why')), ' ', card.why) : null,
    card.who_reads ? h('p', {}, h('strong', {}, t('consult.who_reads')), ' ', card.who_reads) : null,
    card.hear_back ? h('p', {}, h('strong', {}, t('consult.hear_back')), ' ', card.hear_back) : null,
    h('p', {}, t('consult.skip_ok')),
    h('p', {}, t('pupil_home.closes', { date: formatDate(c.closes_at, true) })));
  return about;
}

// The questions of `c` (a view for one band) into `stage`; `answers` holds earlier answers and is
// filled as the child goes; `send(body)` is called with the answers to send (skips left out).
export function drawQuestions(stage, c, answers, send) {
  const questions = c.questions || [];
  const total = questions.length;
  const oneAtATime = Boolean(c.one_question_per_screen);
  const skipped = new Set();
  const sendAnswers = () => {
    const body = {};
    for (const q of questions) if (answers[q.id] !== undefined && !skipped.has(q.id)) body[q.id] = answers[q.id];
    return send(body);
  };
  if (!total) return;
  function progress(n) {
    return h('div', { class: 'progress-wrap' },
      h('p', { id: 'progress-label' }, t('consult.progress', { n, total })),
      h('progress', { max: total, value: n, 'aria-labelledby': 'progress-label' }));
  }

  if (oneAtATime) {
    let index = 0;
    const show = () => {
      clear(stage);
      const q = questions[index];
      const block = questionBlock(q, index + 1, total, answers[q.id]);
      const save = () => {
        const value = block.read();
        if (value === undefined) delete answers[q.id]; else answers[q.id] = value;
        skipped.delete(q.id);
      };
      const go = (step) => {
        index += step;
        show();
        stage.querySelector('legend').setAttribute('tabindex', '-1');
        stage.querySelector('legend').focus();
      };
      const last = index === total - 1;
      stage.append(progress(index + 1), block.set, h('div', { class: 'actions' },
        index > 0 ? h('button', { type: 'button', class: 'secondary', onclick: () => { save(); go(-1); } }, t('consult.back')) : null,
        h('button', { type: 'button', class: 'secondary', onclick: () => {
          delete answers[q.id]; skipped.add(q.id);
          if (last) sendAnswers(); else go(1);
        } }, t('consult.skip')),
        h('button', { type: 'button', onclick: () => { save(); if (last) sendAnswers(); else go(1); } },
          last ? t('consult.send') : t('consult.next'))));
    };
    show();
  } else {
    const blocks = questions.map((q, i) => {
      const block = questionBlock(q, i + 1, total, answers[q.id]);
      const skip = h('button', { type: 'button', class: 'secondary', onclick: () => {
        block.set.querySelectorAll('input').forEach((x) => { x.checked = false; });
        block.set.querySelectorAll('select, textarea').forEach((x) => { x.value = ''; });
        skipped.add(q.id);
        const next = blocks[i + 1];
        if (next) { const l = next.set.querySelector('legend'); l.setAttribute('tabindex', '-1'); l.focus(); }
      } }, t('consult.skip'), h('span', { class: 'visually-hidden' }, ` ${t('consult.question_n', { n: i + 1, total })}`));
      block.set.append(h('div', { class: 'actions' }, skip));
      block.set.addEventListener('change', () => skipped.delete(q.id));
      return block;
    });
    const answered = () => blocks.filter((b) => b.read() !== undefined).length;
    const bar = progress(answered());
    stage.append(bar);
    // Typing counts as it happens: the last answer is counted before the box loses focus.
    // Only what changed is touched: rewriting the label as the child taps "send" made Chromium
    // move the page between the press and the release, so the tap landed on nothing.
    const recount = () => {
      const n = answered();
      const label = bar.querySelector('#progress-label');
      const text = t('consult.progress_answered', { n, total });
      if (label.textContent !== text) label.textContent = text;
      const meter = bar.querySelector('progress');
      if (meter.value !== n) meter.value = n;
    };
    stage.addEventListener('change', recount);
    stage.addEventListener('input', recount);
    bar.querySelector('#progress-label').textContent = t('consult.progress_answered', { n: answered(), total });
    blocks.forEach((b) => stage.append(b.set));
    stage.append(h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => {
      questions.forEach((q, i) => {
        const v = blocks[i].read();
        if (v === undefined) delete answers[q.id]; else answers[q.id] = v;
      });
      sendAnswers();
    } }, t('consult.send'))));
  }
}
