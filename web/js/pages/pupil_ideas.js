// "My ideas": each idea with where it is as a short timeline, in words for the child's age band;
// a returned idea says why and can be changed and sent again; once the Youth Union has reported
// back, what happened ("You said / We did / Why / What next") shows once per recommendation, with
// one reaction — agree, disagree or a question, whose answer shows here too.
import { h, field } from '../dom.js';
import { t, has, formatDate, pick } from '../i18n.js';
import { get, post } from '../api.js';
import { button, form, statusArea } from '../ui.js';
import { supportBox } from './pupil_idea.js';

const UNDECIDED = ['submitted', 'screened', 'queued'];
const PARTS = ['you_said', 'we_did', 'why', 'what_next'];
const REACTIONS = ['agree', 'disagree', 'question'];
const REVIEWING = ['submitted', 'screened', 'queued', 'claimed', 'escalated'];

// The younger children (7–10) get their own words where the strings have them.
function wordsFor(me) {
  const young = me && me.age_band === '7-10';
  return (key, vars) => (young && has(`young.${key}`) ? t(`young.${key}`, vars) : t(key, vars));
}

// Steps: [key, state ('done' | 'now' | 'todo' | 'stop'), date?]
function steps(s) {
  const journey = s.journey || [];
  const forwarded = journey.find((j) => j.forwarded_at);
  const answered = journey.find((j) => j.answered_at);
  const told = (s.outcomes || []).length > 0;
  const list = [['timeline.sent', 'done', s.resent_at || s.created_at]];
  if (REVIEWING.includes(s.status)) {
    list.push(['timeline.reading', 'now'], ['timeline.approved', 'todo']);
  } else if (s.status === 'returned') {
    list.push(['timeline.returned', 'now', s.reviewed_at]);
    return list;
  } else if (s.status === 'rejected') {
    list.push(['timeline.rejected', 'stop', s.reviewed_at]);
    return list;
  } else {
    list.push(['timeline.approved', 'done', s.reviewed_at]);
  }
  list.push(['timeline.forwarded', forwarded ? 'done' : (s.status.startsWith('approved') ? 'now' : 'todo'),
    forwarded && forwarded.forwarded_at]);
  list.push(['timeline.answered', answered ? 'done' : (forwarded ? 'now' : 'todo'), answered && answered.answered_at]);
  list.push(['timeline.told', told ? 'done' : (answered ? 'now' : 'todo')]);
  return list;
}

const MARK = { done: '✔', now: '➜', todo: '○', stop: '■' };

function timeline(s, w) {
  const authority = ((s.journey || []).find((j) => j.authority) || {}).authority || t('timeline.someone');
  return h('ol', { class: 'timeline', 'aria-label': t('timeline.label') },
    steps(s).map(([key, state, date]) => h('li', { class: `step step-${state}`, 'aria-current': state === 'now' ? 'step' : null },
      h('span', { class: 'step-mark', 'aria-hidden': 'true' }, MARK[state]),
      h('span', { class: 'step-body' },
        h('span', { class: 'visually-hidden' }, `${t(`timeline.state.${state}`)}: `),
        h('span', { class: 'step-text' }, w(key, { authority })),
        date ? [' ', h('span', { class: 'step-date' }, `(${formatDate(date)})`)] : null))));
}

// A returned idea: why, the adult's note, and the form to change it and send it again.
function returned(s, route, w) {
  const text = field(w('ideas.edit_label'), 'textarea', { maxlength: 2000, required: true, hint: t('idea.text_hint') });
  text.input.value = s.text;
  return h('div', { class: 'returned-box' },
    h('h3', {}, w('ideas.returned_title')),
    s.returned_because ? h('p', {}, h('strong', {}, t('ideas.returned_because')), ' ', pick(s.returned_because)) : null,
    s.note ? h('p', {}, h('strong', {}, t('ideas.returned_note')), ' ', h('span', { class: 'idea-text moderator-note' }, s.note)) : null,
    form({ 'aria-label': t('ideas.edit_form') }, [text.wrap,
      h('p', { class: 'hint' }, w('ideas.resend_hint')),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('ideas.resend')))], async () => {
      const changed = text.input.value.trim();
      if (!changed) throw new Error(t('idea.empty'));
      await post(`/submissions/${encodeURIComponent(s.id)}/resend`, { text: changed, version: s.version });
      route();
    }));
}

function earlier(s) {
  if (!s.earlier_texts || !s.earlier_texts.length) return null;
  return h('details', { class: 'earlier' }, h('summary', {}, t('ideas.earlier')),
    h('ul', {}, s.earlier_texts.map((e) => h('li', {},
      h('span', { class: 'hint' }, formatDate(e.sent_at)), ' ', h('span', { class: 'idea-text' }, e.text)))));
}

// What the child said about the answer, and where their words are now.
function myReaction(r, w) {
  const out = [h('p', { class: 'my-reaction' }, h('span', { 'aria-hidden': 'true' }, '✔ '), w(`outcome.reacted.${r.kind}`))];
  if (r.text) out.push(h('p', { class: 'idea-text' }, `“${r.text}”`));
  if (r.kind === 'agree') return out;
  if (r.reply) {
    out.push(h('div', { class: 'reply', 'data-testid': 'reply' },
      h('h4', {}, w('outcome.reply_title')),
      h('p', { class: 'idea-text' }, r.reply),
      r.replied_at ? h('p', { class: 'hint' }, formatDate(r.replied_at)) : null));
  } else if (r.progress) {
    out.push(h('p', { class: 'reaction-progress' }, w(`outcome.progress.${r.kind}.${r.progress}`)));
  }
  return out;
}

function outcome(o, route, w, ideas) {
  const box = h('div', { class: 'outcome', id: `answer-${o.recommendation_id}`, tabindex: '-1', dataset: { recommendation: o.recommendation_id } },
    h('h3', {}, w('outcome.title')),
    h('p', {}, w('outcome.recommendation', { title: o.title })),
    ideas.length > 1 ? h('p', { class: 'hint' }, w('outcome.together', { n: ideas.length })) : null,
    o.authority ? h('p', {}, t('outcome.answered_by', { authority: o.authority }),
      o.decision ? [' ', h('strong', { class: 'outcome-decision' }, t(`outcome.decision.${o.decision}`))] : null) : null);
  if (o.feedback) {
    box.append(h('dl', { class: 'feedback-parts' },
      PARTS.map((p) => [h('dt', {}, t(`outcome.${p}`)), h('dd', { class: 'idea-text' }, o.feedback[p])])));
  }
  if (o.my_reaction) {
    box.append(...myReaction(o.my_reaction, w));
    return box;
  }
  // One form, three buttons: the button pressed says what the child thinks.
  const words = field(t('outcome.words'), 'textarea', { maxlength: 1000, hint: w('outcome.words_hint') });
  let kind = 'agree';
  const f = form({ 'aria-label': t('outcome.what_do_you_think') }, [
    h('p', {}, h('strong', {}, t('outcome.what_do_you_think'))), words.wrap,
    h('div', { class: 'actions reaction-buttons' }, REACTIONS.map((k) => h('button', {
      type: 'submit', class: k === 'agree' ? '' : 'secondary', dataset: { kind: k }, onclick: () => { kind = k; },
    }, t(`outcome.react.${k}`))))], async () => {
    const body = { kind };
    if (words.input.value.trim()) body.text = words.input.value.trim();
    if (kind === 'question' && !body.text) {
      words.input.focus();
      throw new Error(t('outcome.question_empty'));
    }
    await post(`/recommendations/${encodeURIComponent(o.recommendation_id)}/reactions`, body);
    route();
  });
  box.append(f);
  return box;
}

// Once an approved idea has left the Youth Union, its status says how far it has gone.
function statusWords(s, w) {
  if (!s.status.startsWith('approved')) return null;
  const journey = s.journey || [];
  if ((s.outcomes || []).length) return w('ideas.status.heard_back');
  if (journey.some((j) => j.answered_at)) return w('ideas.status.answered');
  if (journey.length) return w('ideas.status.forwarded');
  return null;
}

// #/pupil/ideas?answer=<recommendation> or ?idea=<submission>: a notification's link.
function focusAsked(main) {
  const query = new URLSearchParams(location.hash.split('?')[1] || '');
  const id = query.get('answer') ? `answer-${query.get('answer')}` : query.get('idea') ? `idea-${query.get('idea')}` : null;
  const target = id && document.getElementById(id);
  if (!target || !main.contains(target)) return;
  target.classList.add('asked-for');
  // After the shell has focused the page's heading.
  setTimeout(() => { target.focus(); target.scrollIntoView({ block: 'start' }); }, 0);
}

export async function render({ main, route, me }) {
  const w = wordsFor(me);
  main.append(h('h1', {}, t('ideas.title')));
  const { items } = await get('/submissions?limit=100');
  if (!items.length) {
    main.append(h('p', {}, t('ideas.none')), h('p', {}, h('a', { class: 'button', href: '#/pupil/idea' }, t('nav.idea'))));
    return t('ideas.title');
  }
  // Each answer once: with the first of the child's ideas that went into it.
  const ideasOf = new Map();
  for (const s of items) for (const o of s.outcomes || []) {
    if (!ideasOf.has(o.recommendation_id)) ideasOf.set(o.recommendation_id, []);
    ideasOf.get(o.recommendation_id).push(s);
  }
  const list = h('ul', { class: 'cards' });
  for (const s of items) {
    const statusKey = `ideas.status.${s.status}`;
    const area = statusArea('alert');
    const atRisk = Boolean(s.support);
    const answers = (s.outcomes || []).map((o) => {
      const ideas = ideasOf.get(o.recommendation_id);
      if (ideas[0] === s) return outcome(o, route, w, ideas);
      return h('p', { class: 'outcome-elsewhere' }, h('a', { href: `#/pupil/ideas?answer=${encodeURIComponent(o.recommendation_id)}` },
        w('outcome.see_with', { title: o.title })));
    });
    list.append(h('li', { class: 'card', id: `idea-${s.id}`, tabindex: '-1', dataset: { status: s.status } },
      h('h2', {}, t(`idea.kind_${s.kind}`), s.topic ? `: ${s.topic}` : ''),
      h('p', { class: 'idea-text' }, s.text),
      h('p', {}, h('strong', {}, t('ideas.status_label')), ' ',
        h('span', { class: 'status-text' }, statusWords(s, w) || (has(statusKey) ? w(statusKey) : pick(s.status_text)))),
      // What went to a safeguarding lead keeps the support message and no Youth Union timeline.
      // The timeline carries the dates; without it, the day it was sent.
      atRisk || s.status.startsWith('withdraw') ? h('p', { class: 'hint' }, t('ideas.sent_on', { date: formatDate(s.created_at) })) : timeline(s, w),
      s.support ? supportBox(s.support) : null,
      s.status === 'returned' ? returned(s, route, w) : null,
      earlier(s),
      answers,
      (s.may_withdraw ?? UNDECIDED.includes(s.status))
        ? h('div', { class: 'actions' }, button(t('ideas.withdraw'), async () => {
          // What went to a safeguarding lead stays with them: the child is told so before, too.
          const confirmKey = s.support ? 'ideas.withdraw_confirm_safeguarding' : 'ideas.withdraw_confirm';
          if (!window.confirm(t(confirmKey))) return;
          await post(`/submissions/${encodeURIComponent(s.id)}/withdraw`);
          route();
        }, { class: 'secondary', area }))
        : null,
      area));
  }
  main.append(list);
  focusAsked(main);
  return t('ideas.title');
}
