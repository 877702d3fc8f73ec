// A Council member's page: their Children's Council, what happened to each recommendation it
// adopted (the authority, the dates, late or not, the answer, the commitments and the feedback
// in the member's own age band's words), its members and its sessions.
import { h } from '../dom.js';
import { t, formatDate } from '../i18n.js';
import { get } from '../api.js';
import { section, table } from '../ui.js';
import { sessionStatus } from './council.js';

const STEPS = ['adopted_by_council', 'forwarded', 'acknowledged', 'answered', 'reported_back', 'closed'];
const FEEDBACK = ['you_said', 'we_did', 'why', 'what_next'];

function recommendation(r) {
  const done = Object.fromEntries((r.steps || []).map((s) => [s.action, s.at]));
  const timeline = h('ol', { class: 'rec-steps' }, STEPS.filter((s) => s !== 'closed' || done.closed).map((s) =>
    h('li', { class: done[s] ? 'step step-done' : 'step' },
      h('span', { 'aria-hidden': 'true' }, done[s] ? '✔ ' : '○ '),
      t(`my_council.step.${s}`),
      done[s] ? ` — ${formatDate(done[s])}` : h('span', { class: 'visually-hidden' }, ` — ${t('my_council.not_yet')}`))));
  const facts = h('dl', { class: 'facts' });
  const fact = (key, value) => facts.append(h('dt', {}, t(key)), h('dd', {}, value));
  fact('my_council.authority', r.authority || t('my_council.no_authority'));
  if (r.dispatch_date) fact('my_council.sent_on', formatDate(r.dispatch_date));
  if (r.due_date) {
    fact('my_council.due', r.overdue
      ? h('span', { class: 'badge badge-late' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), t('my_council.overdue', { date: formatDate(r.due_date) }))
      : formatDate(r.due_date));
  }
  const answer = r.answer && r.answer.decision
    ? h('div', { class: 'answer' },
      h('h4', {}, t('my_council.answer')),
      h('p', { class: 'decision' }, t(`my_council.decision.${r.answer.decision}`)),
      r.answer.reasons ? h('p', {}, t('my_council.reasons', { reasons: r.answer.reasons })) : null,
      r.answer.referred_to ? h('p', {}, t('my_council.referred_to', { name: r.answer.referred_to })) : null)
    : null;
  const commitments = r.commitments && r.commitments.length
    ? h('div', {}, h('h4', {}, t('my_council.commitments')),
      h('ul', { class: 'commitments' }, r.commitments.map((c) => h('li', {},
        t('my_council.commitment', {
          text: c.text, owner: c.owner, due: formatDate(c.due_date),
          status: t(`tracker.commitment.${c.status}`),
        }), c.overdue ? [' ', h('span', { class: 'badge badge-late' }, t('my_council.late'))] : null))))
    : null;
  const feedback = r.feedback
    ? h('div', { class: 'feedback' }, h('h4', {}, t('my_council.feedback')),
      FEEDBACK.filter((k) => r.feedback[k]).map((k) => h('p', {}, h('strong', {}, `${t(`tracker.feedback.${k}`)}: `), r.feedback[k])))
    : null;
  return h('li', { class: `card rec-followed${r.overdue ? ' is-overdue' : ''}` },
    h('h3', {}, r.title),
    h('p', {}, r.text),
    timeline, facts, answer, commitments, feedback);
}

export async function render({ main }) {
  const title = t('my_council.title');
  main.append(h('h1', {}, title), h('p', { class: 'lead' }, t('my_council.lead')));
  const { items } = await get('/councils?limit=20');
  if (!items.length) {
    main.append(h('p', {}, t('my_council.none')));
    return title;
  }
  for (const summary of items) {
    const id = encodeURIComponent(summary.id);
    const [c, { items: recs }] = await Promise.all([get(`/councils/${id}`), get(`/councils/${id}/recommendations`)]);
    main.append(h('h2', { class: 'council-name' }, c.name),
      h('p', {}, t('council.term_value', { from: formatDate(c.term_start), to: formatDate(c.term_end) })),
      section(t('my_council.recommendations'),
        recs.length
          ? h('ol', { class: 'cards followed' }, recs.map(recommendation))
          : h('p', {}, t('my_council.no_recommendations')),
        h('p', {}, h('a', { href: `/tracker.html?council=${id}` }, t('my_council.tracker')))),
      section(t('council.sessions'),
        c.sessions.length
          ? table(t('council.sessions'), [t('session.title_label'), t('session.planned_for'), t('session.status_label')],
            c.sessions.map((s) => [h('a', { href: `#/pupil/council-sessions/${encodeURIComponent(s.id)}` }, s.title),
              formatDate(s.held_on || s.planned_for), sessionStatus(s.status)]), { quietCaption: true })
          : h('p', {}, t('council.no_sessions'))),
      section(t('council.members'),
        h('ul', {}, c.members.map((m) => h('li', {}, m.pseudonym, ` — ${t(`member.role.${m.role}`)}`)))));
  }
  return title;
}
