// One recommendation as the official of the authority sees it: acknowledge receipt, answer
// with a decision, reasons (the children read them) and commitments, then record progress.
import { h, field, uid, append } from '../dom.js';
import { t, formatDate } from '../i18n.js';
import { get, post } from '../api.js';
import { form, button, section, statusArea } from '../ui.js';
import { decisionName } from './recommendations.js';
import { facts, body, answerBlock, commitmentState } from './recommendation.js';

const DECISIONS = ['accepted', 'partly_accepted', 'declined', 'referred'];
const PROGRESS = ['planned', 'in_progress', 'done', 'dropped'];

function commitmentRow(n) {
  const text = field(t('commitment.text'), 'textarea', { maxlength: 1000, hint: t('commitment.text_hint') });
  const owner = field(t('commitment.owner'), 'text', { maxlength: 200, hint: t('commitment.owner_hint') });
  const due = field(t('commitment.due'), 'date', {});
  const set = h('fieldset', { class: 'commitment' }, h('legend', {}, t('commitment.number', { n })), text.wrap, owner.wrap, due.wrap);
  return { set, text, owner, due };
}

function answerForm(r, authorities, route) {
  const id = encodeURIComponent(r.id);
  const name = uid('decision');
  const choice = h('fieldset', {}, h('legend', {}, t('answer.decision')),
    DECISIONS.map((d) => {
      const inputId = uid('d');
      return h('div', { class: 'check' }, h('input', { type: 'radio', name, id: inputId, value: d, checked: d === 'accepted' }),
        h('label', { for: inputId }, decisionName(d)));
    }));
  const reasons = field(t('answer.reasons'), 'textarea', { maxlength: 5000, hint: t('answer.reasons_hint') });
  const referred = field(t('answer.referred_to'), 'select', {},
    authorities.filter((a) => !a.retired_at && a.id !== r.authority.id).map((a) => ({ value: a.id, label: a.name })));
  const sync = () => { referred.wrap.hidden = choice.querySelector('input:checked').value !== 'referred'; };
  choice.addEventListener('change', sync);
  sync();
  const rows = [commitmentRow(1)];
  const list = h('div', { class: 'commitment-list' }, rows[0].set);
  const more = h('button', { type: 'button', class: 'secondary' }, t('commitment.add'));
  more.addEventListener('click', () => {
    const row = commitmentRow(rows.length + 1);
    rows.push(row);
    list.append(row.set);
    row.text.input.focus();
  });
  return section(t('answer.title'), h('p', {}, t('answer.lead')),
    form({ 'aria-label': t('answer.title') }, [choice, reasons.wrap, referred.wrap,
      h('h3', {}, t('answer.commitments')), h('p', { class: 'hint' }, t('answer.commitments_hint')), list,
      h('div', { class: 'actions' }, more),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('answer.submit')))], async () => {
      const decision = choice.querySelector('input:checked').value;
      const payload = { decision };
      if (reasons.input.value.trim()) payload.reasons = reasons.input.value.trim();
      if (decision !== 'accepted' && !payload.reasons) {
        reasons.input.focus();
        throw new Error(t('answer.reasons_needed'));
      }
      if (decision === 'referred') payload.referred_to = referred.input.value;
      payload.commitments = [];
      for (const row of rows) {
        const c = { text: row.text.input.value.trim(), owner: row.owner.input.value.trim(), due_date: row.due.input.value };
        if (!c.text && !c.owner && !c.due_date) continue;
        const missing = !c.text ? row.text : !c.owner ? row.owner : !c.due_date ? row.due : null;
        if (missing) {
          missing.input.focus();
          throw new Error(t('commitment.incomplete'));
        }
        payload.commitments.push(c);
      }
      await post(`/recommendations/${id}/answer`, payload);
      route();
    }));
}

function progressForms(r, route) {
  return section(t('progress.title'), h('p', {}, t('progress.lead')),
    r.commitments.map((c) => {
      const status = field(t('progress.status'), 'select', {}, PROGRESS.map((p) => ({ value: p, label: t(`commitment.status.${p}`), selected: p === c.status })));
      const note = field(t('progress.note'), 'textarea', { maxlength: 2000, required: true });
      return h('div', { class: 'card' }, h('h3', {}, c.text),
        h('p', {}, t('progress.current', { owner: c.owner, date: formatDate(c.due_date) }), ' ', commitmentState(c)),
        form({ 'aria-label': t('progress.for', { text: c.text }) }, [status.wrap, note.wrap,
          h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('progress.save')))], async () => {
          if (!note.input.value.trim()) {
            note.input.focus();
            throw new Error(t('progress.note_needed'));
          }
          await post(`/commitments/${encodeURIComponent(c.id)}/progress`, { note: note.input.value.trim(), status: status.input.value });
          route();
        }));
    }));
}

export async function render({ main, params, route }) {
  const id = encodeURIComponent(params.id);
  const r = await get(`/recommendations/${id}`);
  main.append(h('h1', {}, r.title), h('p', {}, h('a', { href: '#/official' }, t('official.back'))));
  main.append(facts(r), body(r));
  if (r.letters) main.append(h('p', {}, h('a', { href: r.letters.forwarding, target: '_blank', rel: 'noopener' }, t('letters.forwarding'))));
  const area = statusArea('alert');
  if (r.status === 'forwarded') {
    main.append(section(t('acknowledge.title'), h('p', {}, t('acknowledge.lead')),
      h('div', { class: 'actions' }, button(t('acknowledge.submit'), async () => { await post(`/recommendations/${id}/acknowledge`); route(); }, { area })), area));
  }
  if (r.status === 'acknowledged') {
    const { items } = await get('/authorities?limit=200');
    main.append(answerForm(r, items, route));
  }
  append(main, [answerBlock(r)]);
  if (r.commitments.length && r.status !== 'closed') main.append(progressForms(r, route));
  return r.title;
}
