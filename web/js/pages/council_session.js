// A Council session, planned → held → minuted: the agenda (approved ideas and closed
// consultations), who was present, the proposals voted on (adopted by more than half of those
// present; an adopted one becomes a draft recommendation) and the minutes. The Youth Union
// keeps the record; Council members read it (without how each child voted).
import { h, field, uid } from '../dom.js';
import { t, has, formatDate, todayIso } from '../i18n.js';
import { get, post, patch } from '../api.js';
import { form, section, table, badge } from '../ui.js';
import { sessionStatus } from './council.js';
import { basket } from './recommendation_new.js';

const MANAGERS = ['moderator', 'admin'];

function agendaList(s) {
  if (!s.agenda.length) return h('p', {}, t('session.no_agenda'));
  return h('ul', { class: 'agenda' }, s.agenda.map((a) => {
    if (!a.available) return h('li', {}, t('session.agenda_gone'));
    if (a.kind === 'submission') return h('li', {}, h('span', { class: 'label-tag' }, t('session.agenda_idea')), ' ', h('span', { class: 'idea-text' }, `“${a.text}”`), a.topic ? ` (${a.topic})` : '');
    const status = has(`consultation.status.${a.status}`) ? t(`consultation.status.${a.status}`) : a.status;
    return h('li', {}, h('span', { class: 'label-tag' }, t('session.agenda_consultation')), ' ', a.title, ` (${status})`);
  }));
}

// Adds closed consultations or the approved ideas gathered for a recommendation.
async function agendaForm(s, route) {
  const { items } = await get('/consultations?limit=100').catch(() => ({ items: [] }));
  const closed = items.filter((k) => !['draft', 'published'].includes(k.status));
  const ideas = await basket().catch(() => []);
  const options = [
    ...closed.map((k) => ({ value: `consultation:${k.id}`, label: t('session.agenda_consultation_option', { title: k.title }) })),
    ...ideas.map((id, i) => ({ value: `submission:${id}`, label: t('session.agenda_idea_option', { n: i + 1 }) })),
  ];
  if (!options.length) return h('p', { class: 'hint' }, t('session.agenda_nothing'));
  const pick = field(t('session.agenda_add_label'), 'select', { hint: t('session.agenda_add_hint') }, options);
  return form({ 'aria-label': t('session.agenda_add') }, [pick.wrap,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, t('session.agenda_add')))], async () => {
    const [kind, id] = pick.input.value.split(/:(.*)/s);
    const agenda = [...s.agenda.map((a) => ({ kind: a.kind, id: a.id })), { kind, id }];
    await patch(`/council-sessions/${encodeURIComponent(s.id)}`, { agenda });
    route();
  });
}

function heldForm(s, members, route) {
  const date = field(t('session.held_on'), 'date', { required: true, value: todayIso() });
  const boxes = members.map((m) => {
    const inputId = uid('m');
    return { m, el: h('div', { class: 'check' }, h('input', { type: 'checkbox', id: inputId, value: m.member_id, checked: true }),
      h('label', { for: inputId }, `${m.pseudonym} (${t(`member.role.${m.role}`)})`)) };
  });
  return form({ 'aria-label': t('session.mark_held') }, [date.wrap,
    h('fieldset', {}, h('legend', {}, t('session.present')), boxes.map((b) => b.el)),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('session.mark_held')))], async () => {
    const attendance = boxes.filter((b) => b.el.querySelector('input').checked).map((b) => b.m.member_id);
    await post(`/council-sessions/${encodeURIComponent(s.id)}/held`, { held_on: date.input.value, attendance });
    route();
  });
}

function voteForm(s, route) {
  const title = field(t('proposal.title'), 'text', { required: true, maxlength: 200 });
  const text = field(t('proposal.text'), 'textarea', { required: true, maxlength: 5000 });
  const counts = ['for', 'against', 'abstain'].map((k) => ({ k, f: field(t(`proposal.${k}`), 'number', { min: 0, max: s.attendance.length, value: '0', inputmode: 'numeric' }) }));
  return form({ 'aria-label': t('proposal.add') }, [title.wrap, text.wrap,
    h('fieldset', {}, h('legend', {}, t('proposal.counts', { n: s.attendance.length })), counts.map((c) => c.f.wrap)),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('proposal.submit')))], async () => {
    const payload = { title: title.input.value.trim(), text: text.input.value.trim(), counts: {} };
    counts.forEach((c) => { payload.counts[c.k] = Number(c.f.input.value || 0); });
    await post(`/council-sessions/${encodeURIComponent(s.id)}/proposals`, payload);
    route();
  });
}

function minutesForm(s, route) {
  const minutes = field(t('session.minutes'), 'textarea', { required: true, maxlength: 20000, hint: t('session.minutes_hint') });
  return form({ 'aria-label': t('session.minutes_add') }, [minutes.wrap,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('session.minutes_submit')))], async () => {
    await post(`/council-sessions/${encodeURIComponent(s.id)}/minutes`, { minutes: minutes.input.value.trim() });
    route();
  });
}

export async function render({ main, params, me, route }) {
  const manage = MANAGERS.includes(me.role);
  const s = await get(`/council-sessions/${encodeURIComponent(params.id)}`);
  const back = manage ? `#/councils/${encodeURIComponent(s.council_id)}` : '#/pupil/council';
  main.append(h('h1', {}, s.title), h('p', {}, h('a', { href: back }, t('session.back'))));
  main.append(h('dl', { class: 'meta' },
    h('dt', {}, t('session.status_label')), h('dd', { class: 'session-status' }, sessionStatus(s.status)),
    h('dt', {}, t('session.planned_for')), h('dd', {}, formatDate(s.planned_for)),
    s.held_on ? [h('dt', {}, t('session.held_on')), h('dd', {}, formatDate(s.held_on))] : null,
    s.location ? [h('dt', {}, t('session.location')), h('dd', {}, s.location)] : null));

  const editable = manage && s.status !== 'minuted';
  main.append(section(t('session.agenda'), agendaList(s), editable ? await agendaForm(s, route) : null));

  let attendance;
  if (s.status === 'planned') {
    attendance = manage ? heldForm(s, (await get(`/councils/${encodeURIComponent(s.council_id)}`)).members, route) : h('p', {}, t('session.not_held_yet'));
  } else {
    attendance = [h('p', {}, t('session.present_count', { n: s.attendance.length })),
      h('ul', {}, s.attendance.map((a) => h('li', {}, a.pseudonym)))];
  }
  main.append(section(t('session.attendance'), attendance));

  if (s.status !== 'planned') {
    main.append(section(t('session.proposals'),
      s.proposals.length
        ? table(t('session.proposals'),
          [t('proposal.title'), t('proposal.result'), t('proposal.for'), t('proposal.against'), t('proposal.abstain'), manage ? t('proposal.recommendation') : null].filter(Boolean),
          s.proposals.map((p) => [h('span', {}, h('strong', {}, p.title), h('br'), p.text),
            badge(p.adopted, t('proposal.adopted'), t('proposal.not_adopted')),
            t('proposal.of_present', { n: p.for, present: p.present }), String(p.against), String(p.abstain),
            manage ? (p.recommendation_id ? h('a', { href: `#/recommendations/${encodeURIComponent(p.recommendation_id)}` }, t('proposal.open_recommendation')) : '—') : null]
            .filter((x) => x !== null)))
        : h('p', {}, t('session.no_proposals')),
      manage && s.status === 'held' ? [h('h3', {}, t('proposal.add')), h('p', {}, t('proposal.lead')), voteForm(s, route)] : null));
    main.append(section(t('session.minutes'),
      s.status === 'minuted' ? h('p', { class: 'idea-text' }, s.minutes)
        : manage ? minutesForm(s, route) : h('p', {}, t('session.no_minutes'))));
  }
  return s.title;
}
