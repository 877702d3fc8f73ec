// One child's text: the screener's spans highlighted (<mark> built from text nodes), kept
// collapsed until the moderator asks; claim it, hide parts, decide with a reason.
import { h, clear, field, uid, append } from '../dom.js';
import { t, has, formatDate } from '../i18n.js';
import { get, post } from '../api.js';
import { form, button, section, statusArea, showMessage, errorMessage } from '../ui.js';
import { labelTags, kindText } from './moderation_queue.js';
import { addToBasket, basket } from './recommendation_new.js';

const RETURN_REASONS = ['personal_info', 'unclear', 'off_topic', 'unkind_words', 'too_long'];
const REJECT_REASONS = ['spam', 'abusive', 'attacks_a_person', 'not_for_this_platform'];
const DECISIONS = ['approve', 'approve_redacted', 'return', 'reject', 'escalate'];

const labelName = (l) => (has(`labels.${l}`) ? t(`labels.${l}`) : l);

// Merges overlapping spans so that each character belongs to at most one <mark>.
// A part chosen for hiding carries the pseudo-label HIDE, so its edges split runs too.
const HIDE = '#hide';
function segments(chars, spans, hidden) {
  const labelsAt = chars.map(() => new Set());
  const mark = (start, end, label) => {
    for (let i = Math.max(0, start); i < Math.min(chars.length, end); i += 1) labelsAt[i].add(label);
  };
  for (const s of spans || []) mark(s.start, s.end, s.label);
  for (const [a, b] of hidden) mark(a, b, HIDE);
  const out = [];
  let i = 0;
  while (i < chars.length) {
    const key = [...labelsAt[i]].sort().join(',');
    let j = i + 1;
    while (j < chars.length && [...labelsAt[j]].sort().join(',') === key) j += 1;
    out.push({ start: i, end: j, labels: key ? key.split(',') : [] });
    i = j;
  }
  return out;
}

// The child's text as DOM: plain runs and <mark> runs, each run carrying its character offset
// so that a selection can be turned into [start, end) for redaction.
export function highlightedText(text, spans, hidden = []) {
  const chars = Array.from(text);
  const box = h('div', { class: 'child-text', 'data-testid': 'child-text' });
  for (const seg of segments(chars, spans, hidden)) {
    const run = h('span', { 'data-start': seg.start }, chars.slice(seg.start, seg.end).join(''));
    const willHide = seg.labels.includes(HIDE);
    seg.labels = seg.labels.filter((l) => l !== HIDE);
    if (willHide) run.classList.add('redacted-preview');
    const hideNote = willHide ? h('span', { class: 'mark-label', 'data-skip': 'true' }, ` [${t('item.will_hide')}]`) : null;
    if (seg.labels.length) {
      box.append(h('mark', {}, run, hideNote,
        h('span', { class: 'mark-label', 'data-skip': 'true' }, ` [${seg.labels.map(labelName).join(', ')}]`)));
    } else append(box, [run, hideNote]);
  }
  return box;
}

// The character offset of a selection point inside the child's text, not counting the marks'
// labels: the text from the start of the box to the point, with the labels taken out.
function offsetIn(box, node, offset) {
  if (!box || !node || !box.contains(node)) return null;
  const range = document.createRange();
  range.setStart(box, 0);
  range.setEnd(node, offset);
  const part = range.cloneContents();
  part.querySelectorAll('[data-skip]').forEach((e) => e.remove());
  return Array.from(part.textContent).length;
}

// An approved idea can be gathered for a recommendation (Youth Union and admins).
function compileBox(itemId) {
  const count = h('p', { role: 'status' });
  const link = h('a', { class: 'button secondary', href: '#/recommendations/new' }, t('compile.open'));
  const area = statusArea('alert');
  const show = (ids) => {
    count.textContent = ids.length ? t('compile.gathered', { n: ids.length }) : '';
    link.hidden = ids.length === 0;
    add.disabled = ids.includes(itemId);
  };
  const add = h('button', { type: 'button' }, t('compile.add'));
  add.addEventListener('click', async () => {
    add.disabled = true;
    showMessage(area, '');
    try { await addToBasket(itemId); show(await basket()); } catch (e) { add.disabled = false; showMessage(area, errorMessage(e), 'error'); }
  });
  link.hidden = true;
  basket().then(show).catch(() => {});
  return h('div', { class: 'compile-box' }, h('p', {}, t('compile.add_lead')), h('div', { class: 'actions' }, add, link), count, area);
}

export async function render({ main, params, me }) {
  const canCompile = ['moderator', 'admin'].includes(me.role);
  const id = encodeURIComponent(params.id);
  let item = await get(`/moderation/items/${id}`);
  let claimedVersion = null;
  const title = t('item.title', { name: item.author.pseudonym });
  main.append(h('h1', {}, title), h('p', {}, h('a', { href: `#/moderation/queues/${item.queue}` }, t('queue.back'))));
  main.append(h('dl', { class: 'meta' },
    h('dt', {}, t('item.kind')), h('dd', {}, kindText(item)),
    h('dt', {}, t('item.author')), h('dd', {}, `${item.author.pseudonym} (${t('item.band', { band: item.author.age_band })})`),
    h('dt', {}, t('item.queue')), h('dd', {}, has(`queue.${item.queue}`) ? t(`queue.${item.queue}`) : item.queue),
    h('dt', {}, t('item.sent')), h('dd', {}, formatDate(item.created_at, true)),
    h('dt', {}, t('item.labels')), h('dd', {}, labelTags(item.labels)),
    // A child's words about an answer they were given say so, not their internal topic code.
    item.topic && item.topic.startsWith('feedback_reaction:')
      ? [h('dt', {}, t('item.about')), h('dd', {}, t(`item.about_answer.${item.topic.split(':')[1] === 'question' ? 'question' : 'disagree'}`))]
      : item.topic ? [h('dt', {}, t('idea.topic')), h('dd', {}, item.topic)] : null));

  const spans = (item.screening && item.screening.spans) || [];
  // Words the lexicons read as possible harm, or as rude, but the model doubted: marked for the
  // moderator, who decides, each kind with its own label and hint (screener.h, "held").
  const doubted = (item.screening && item.screening.held) || [];
  const held = doubted.map((s) => ({ ...s, label: s.label === 'rude' ? 'held_rude' : 'held' }));
  const heldHint = (label, key, testid) =>
    doubted.some((s) => s.label === label) ? h('p', { 'data-testid': testid }, t(key)) : null;
  const redactions = [];
  const textBox = h('div', { id: 'child-text-box' });
  const drawText = () => {
    clear(textBox);
    textBox.append(highlightedText(item.text, [...spans, ...held], redactions));
  };
  const sensitive = (item.labels || []).length > 0;
  const toggle = h('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false', 'aria-controls': 'child-text-box' }, t('item.show_text'));
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') === 'true';
    toggle.setAttribute('aria-expanded', String(!open));
    toggle.textContent = open ? t('item.show_text') : t('item.hide_text');
    textBox.hidden = open;
    if (!open) drawText();
  });
  textBox.hidden = sensitive;
  if (!sensitive) drawText();
  main.append(section(t('item.text'),
    sensitive ? h('p', {}, t('item.collapsed_warning')) : null,
    sensitive ? h('div', { class: 'actions' }, toggle) : null,
    heldHint('disclosure', 'item.held_hint', 'held-hint'),
    heldHint('rude', 'item.held_rude_hint', 'held-rude-hint'),
    textBox));

  const decisionBox = h('div', {});
  const claimArea = statusArea('alert');
  const claimState = h('p', { role: 'status' });
  // "Claim it for 10 minutes" is gone once claimed, and once decided.
  const claimFirst = h('p', {}, t('item.claim_first'));
  const claimButton = button(t('item.claim'), async () => {
    item = await post(`/moderation/items/${id}/claim`);
    claimedVersion = item.version;
    claimState.textContent = t('item.claimed_until', { time: formatDate(item.claim_expires_at, true) });
    claimButton.hidden = true;
    claimFirst.hidden = true;
    drawDecision();
  }, { area: claimArea });
  const decided = !['queued', 'claimed'].includes(item.status);
  main.append(section(t('item.decide'),
    decided ? h('p', {}, t('item.already_decided', { status: has(`ideas.status.${item.status}`) ? t(`ideas.status.${item.status}`) : item.status })) : null,
    decided && canCompile && ['approved', 'approved_redacted'].includes(item.status) ? compileBox(item.id) : null,
    decided ? null : claimFirst,
    decided ? null : h('div', { class: 'actions' }, claimButton),
    claimState, claimArea, decisionBox));

  function drawDecision() {
    clear(decisionBox);
    const choice = h('fieldset', {}, h('legend', {}, t('item.decision')),
      DECISIONS.map((d) => {
        const inputId = uid('d');
        return h('div', { class: 'check' }, h('input', { type: 'radio', name: 'decision', id: inputId, value: d, checked: d === 'approve' }),
          h('label', { for: inputId }, t(`decision.${d}`)));
      }));
    const reason = field(t('item.reason'), 'select', { name: 'reason' }, []);
    const reasonsFor = (d) => (d === 'return' ? RETURN_REASONS : d === 'reject' ? REJECT_REASONS : []);
    const redactBox = h('fieldset', {}, h('legend', {}, t('item.redactions')), h('p', { class: 'hint' }, t('item.redact_hint')));
    const chosen = h('ul', {});
    const drawChosen = () => {
      clear(chosen);
      const chars = Array.from(item.text);
      redactions.forEach(([a, b], i) => chosen.append(h('li', {}, `“${chars.slice(a, b).join('')}” `,
        h('button', { type: 'button', class: 'secondary', onclick: () => { redactions.splice(i, 1); drawChosen(); drawText(); } },
          t('item.unredact'), h('span', { class: 'visually-hidden' }, ` “${chars.slice(a, b).join('')}”`)))));
    };
    const addRange = (a, b) => {
      if (a === null || b === null || a === b) return false;
      const range = [Math.min(a, b), Math.max(a, b)];
      if (!redactions.some(([x, y]) => x === range[0] && y === range[1])) redactions.push(range);
      drawChosen();
      drawText();
      return true;
    };
    const chars = Array.from(item.text);
    spans.forEach((s) => {
      redactBox.append(h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: () => addRange(s.start, s.end) },
        t('item.hide_span', { text: chars.slice(s.start, s.end).join(''), label: labelName(s.label) }))));
    });
    const selectionArea = statusArea();
    redactBox.append(h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: () => {
      const sel = window.getSelection();
      const box = textBox.querySelector('[data-testid="child-text"]');
      const ok = sel && sel.rangeCount && !textBox.hidden
        && addRange(offsetIn(box, sel.anchorNode, sel.anchorOffset), offsetIn(box, sel.focusNode, sel.focusOffset));
      showMessage(selectionArea, ok ? '' : t('item.select_first'), 'error');
    } }, t('item.hide_selection'))), selectionArea, chosen);
    const note = field(t('item.note'), 'textarea', { name: 'note', maxlength: 1000, hint: t('item.note_hint') });
    // The screener learns from what moderators say it got wrong (/moderation/measures).
    const wrongBox = (item.labels || []).length === 0 ? null : h('fieldset', {},
      h('legend', {}, t('item.wrong_flags')), h('p', { class: 'hint' }, t('item.wrong_flags_hint')),
      item.labels.map((label) => {
        const inputId = uid('w');
        return h('div', { class: 'check' }, h('input', { type: 'checkbox', name: 'wrong_flags', id: inputId, value: label }),
          h('label', { for: inputId }, labelName(label)));
      }));
    const sync = () => {
      const d = choice.querySelector('input:checked').value;
      const reasons = reasonsFor(d);
      clear(reason.input);
      reasons.forEach((r) => reason.input.append(h('option', { value: r }, t(`reason.${r}`))));
      reason.wrap.hidden = reasons.length === 0;
      redactBox.hidden = d !== 'approve_redacted';
    };
    choice.addEventListener('change', sync);
    sync();
    decisionBox.append(form({ 'aria-label': t('item.decide') }, [choice, reason.wrap, redactBox, wrongBox, note.wrap,
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('item.submit_decision')))], async () => {
      const d = choice.querySelector('input:checked').value;
      const body = { decision: d, version: claimedVersion };
      if (!reason.wrap.hidden) body.reason = reason.input.value;
      if (note.input.value.trim()) body.note = note.input.value.trim();
      if (d === 'approve_redacted') body.redactions = redactions;
      const wrong = wrongBox ? Array.from(wrongBox.querySelectorAll('input:checked')).map((i) => i.value) : [];
      if (wrong.length) body.wrong_flags = wrong;
      const done = await post(`/moderation/items/${id}/decision`, body);
      clear(decisionBox);
      claimState.textContent = '';
      claimFirst.hidden = true;
      claimButton.hidden = true;
      append(decisionBox, [h('p', { class: 'message message-ok', role: 'status', tabindex: '-1' },
        t('item.decided', { decision: t(`decision.${d}`) })),
      done.redacted_text ? h('p', {}, t('item.published_as'), ' ', h('span', { class: 'idea-text', 'data-testid': 'published-text' }, done.redacted_text)) : null,
      canCompile && ['approved', 'approved_redacted'].includes(done.status) ? compileBox(done.id) : null,
      h('p', {}, h('a', { class: 'button', href: `#/moderation/queues/${item.queue}` }, t('queue.back')))]);
      decisionBox.querySelector('.message').focus();
    }));
  }
  return title;
}
