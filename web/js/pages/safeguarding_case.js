// One safeguarding case: acknowledge within the deadline, record referrals, reveal the
// child's identity only with a reason, close — "no concern" needs a second lead.
import { h, clear, field } from '../dom.js';
import { t, has, formatDate, formatDuration, todayIso } from '../i18n.js';
import { get, post } from '../api.js';
import { form, button, section, table, statusArea } from '../ui.js';
import { highlightedText } from './moderation_item.js';
import { labelTags } from './moderation_queue.js';

const ACTIONS = ['referral_111', 'police', 'commune_officer', 'school', 'other'];
const OUTCOMES = ['referred', 'resolved', 'no_concern'];

// The acknowledgement timer in words and an icon, never colour alone.
export function timerText(c) {
  const info = c.case || {};
  const timing = c.timing || {};
  if (info.acknowledged_at) return h('span', {}, '✔ ', t('case.acknowledged_at', { date: formatDate(info.acknowledged_at, true) }));
  const left = new Date(timing.acknowledge_by).getTime() - Date.now();
  if (timing.late || left < 0) {
    return h('span', { class: 'timer-late' }, '⚠ ', t('case.late', { time: formatDuration(-left) }));
  }
  return h('span', {}, '⏱ ', t('case.left', { time: formatDuration(left), date: formatDate(timing.acknowledge_by, true) }));
}

// Redraws a timer every 30 seconds while it is on the page.
export function keepTicking(holder, c) {
  const tick = setInterval(() => {
    if (!holder.isConnected) { clearInterval(tick); return; }
    clear(holder);
    holder.append(timerText(c));
  }, 30000);
}

export async function render({ main, params, me, route }) {
  const id = encodeURIComponent(params.id);
  const c = await get(`/safeguarding/cases/${id}`);
  const info = c.case || {};
  const title = t('case.title');
  main.append(h('h1', {}, title), h('p', {}, h('a', { href: '#/safeguarding' }, t('case.back'))));
  const timer = h('p', { class: 'timer' }, timerText(c));
  keepTicking(timer, c);
  main.append(h('dl', { class: 'meta' },
    h('dt', {}, t('cases.received')), h('dd', {}, formatDate(c.created_at, true)),
    h('dt', {}, t('cases.status')), h('dd', {}, has(`case.status.${c.status}`) ? t(`case.status.${c.status}`) : c.status),
    h('dt', {}, t('item.labels')), h('dd', {}, labelTags(c.labels)),
    h('dt', {}, t('cases.acknowledge_by')), h('dd', {}, timer)));
  // The child asked to take it back: it stays here until a lead decides, and the lead says so.
  const withdrawal = c.withdrawal_request;
  if (withdrawal) {
    main.append(h('div', { class: 'notice', role: 'status', id: 'withdrawal-request' },
      h('h2', {}, t('case.withdrawal_title')),
      h('p', {}, t('case.withdrawal_text', { date: formatDate(withdrawal.at, true) })),
      withdrawal.code_issued_by
        ? h('p', {}, h('strong', {}, '⚠ '), t('case.withdrawal_code_issued_by', { account: withdrawal.code_issued_by }))
        : null));
  }

  const textBox = h('div', { id: 'case-text', hidden: true });
  const toggle = h('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false', 'aria-controls': 'case-text' }, t('item.show_text'));
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') === 'true';
    toggle.setAttribute('aria-expanded', String(!open));
    toggle.textContent = open ? t('item.show_text') : t('item.hide_text');
    textBox.hidden = open;
    if (!open && !textBox.firstChild) textBox.append(highlightedText(c.text, c.spans));
  });
  main.append(section(t('item.text'), h('p', {}, t('case.collapsed_warning')), h('div', { class: 'actions' }, toggle), textBox));

  const closed = c.status === 'closed';
  const ackArea = statusArea('alert');
  if (!info.acknowledged_at) {
    main.append(section(t('case.acknowledge_title'), h('p', {}, t('case.acknowledge_text')),
      h('div', { class: 'actions' }, button(t('case.acknowledge'), async () => { await post(`/safeguarding/cases/${id}/acknowledge`); route(); }, { area: ackArea })), ackArea));
  }

  const actions = info.actions || [];
  const kind = field(t('case.action_kind'), 'select', {}, ACTIONS.map((a) => ({ value: a, label: t(`case.action.${a}`) })));
  const date = field(t('case.action_date'), 'date', { value: todayIso() });
  const reference = field(t('case.action_reference'), 'text', { maxlength: 100, hint: t('case.action_reference_hint') });
  const note = field(t('case.action_note'), 'textarea', { maxlength: 2000 });
  main.append(section(t('case.actions'),
    actions.length
      ? table(t('case.actions'), [t('case.action_kind'), t('case.action_date'), t('case.action_reference'), t('case.action_note')],
        actions.map((a) => [t(`case.action.${a.kind}`), a.date, a.reference || '—', a.note || '—']))
      : h('p', {}, t('case.no_actions')),
    info.acknowledged_at && !closed ? form({ 'aria-label': t('case.add_action') }, [
      h('h3', {}, t('case.add_action')), kind.wrap, date.wrap, reference.wrap, note.wrap,
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('case.save_action')))],
    async () => {
      const body = { kind: kind.input.value, date: date.input.value };
      if (reference.input.value.trim()) body.reference = reference.input.value.trim();
      if (note.input.value.trim()) body.note = note.input.value.trim();
      await post(`/safeguarding/cases/${id}/actions`, body);
      route();
    }) : null));

  const reveals = info.reveals || [];
  const reason = field(t('case.reveal_reason'), 'textarea', { maxlength: 1000, required: true, hint: t('case.reveal_hint') });
  const revealed = h('div', { role: 'status' });
  main.append(section(t('case.reveal_title'),
    h('p', {}, t('case.reveal_text')),
    reveals.length
      ? table(t('case.reveals'), [t('case.reveal_when'), t('case.reveal_by'), t('case.reveal_reason')],
        reveals.map((r) => [formatDate(r.at, true), r.by === me.id ? t('case.you') : t('case.other_lead'), r.reason]))
      : h('p', {}, t('case.no_reveals')),
    form({ 'aria-label': t('case.reveal_title') }, [reason.wrap,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'danger' }, t('case.reveal')))], async () => {
      const who = await post(`/safeguarding/cases/${id}/reveal`, { reason: reason.input.value.trim() });
      clear(revealed);
      revealed.append(h('div', { class: 'card' }, h('h3', {}, t('case.identity')), h('dl', {},
        h('dt', {}, t('case.real_name')), h('dd', {}, who.real_name || t('case.not_recorded')),
        h('dt', {}, t('case.birth_date')), h('dd', {}, who.birth_date),
        h('dt', {}, t('case.class_id')), h('dd', {}, who.class_id))));
    }), revealed));

  const closure = info.closure;
  const closeBox = [];
  if (closed) {
    closeBox.push(h('p', {}, t('case.closed', { outcome: t(`case.outcome.${closure.outcome}`), date: formatDate(info.closed_at, true) })),
      h('p', {}, t('case.close_reason'), ' ', closure.reason));
  } else if (c.status === 'closure_pending') {
    closeBox.push(h('p', {}, t('case.pending', { reason: closure.reason })));
    if (closure.proposed_by === me.id) closeBox.push(h('p', {}, t('case.needs_second')));
    else {
      const area = statusArea('alert');
      closeBox.push(h('div', { class: 'actions' }, button(t('case.confirm'), async () => { await post(`/safeguarding/cases/${id}/confirm-closure`); route(); }, { area })), area);
    }
  } else if (info.acknowledged_at) {
    const outcome = field(t('case.outcome_label'), 'select', {}, OUTCOMES.map((o) => ({ value: o, label: t(`case.outcome.${o}`) })));
    const why = field(t('case.close_reason'), 'textarea', { maxlength: 2000, required: true, hint: t('case.close_hint') });
    closeBox.push(form({ 'aria-label': t('case.close_title') }, [outcome.wrap, why.wrap,
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('case.close')))], async () => {
      await post(`/safeguarding/cases/${id}/close`, { outcome: outcome.input.value, reason: why.input.value.trim() });
      route();
    }));
  } else closeBox.push(h('p', {}, t('case.acknowledge_first')));
  main.append(section(t('case.close_title'), closeBox));
  return title;
}
