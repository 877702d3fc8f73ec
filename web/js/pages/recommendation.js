// One recommendation for the Youth Union: forward a draft to an authority, print the forwarding
// and reminder letters, read the answer and its commitments, write the children's feedback
// ("You said / We did / Why / What next") for all ages or per age band, report back, close.
import { h, field, append } from '../dom.js';
import { t, has, formatDate, todayIso } from '../i18n.js';
import { get, post } from '../api.js';
import { form, button, section, table, statusArea } from '../ui.js';
import { statusBadge, dueText, decisionName } from './recommendations.js';

export const PARTS = ['you_said', 'we_did', 'why', 'what_next'];
const progressName = (s) => (has(`commitment.status.${s}`) ? t(`commitment.status.${s}`) : s);

export function facts(r) {
  return h('dl', { class: 'meta' },
    h('dt', {}, t('rec.status_label')), h('dd', {}, statusBadge(r)),
    r.topic ? [h('dt', {}, t('compile.topic')), h('dd', {}, r.topic)] : null,
    r.authority ? [h('dt', {}, t('rec.authority')), h('dd', {}, r.authority.name)] : null,
    r.dispatch_number ? [h('dt', {}, t('rec.dispatch')), h('dd', {}, t('rec.dispatch_value', { number: r.dispatch_number, date: formatDate(r.dispatch_date) }))] : null,
    h('dt', {}, t('rec.due_label')), h('dd', {}, dueText(r)),
    h('dt', {}, t('rec.children')), h('dd', {}, String(r.children)));
}

export function body(r) {
  return section(t('rec.what'),
    h('p', { class: 'idea-text' }, r.text),
    r.quotes.length ? [h('h3', {}, t('rec.quotes')), h('ul', { class: 'quotes' }, r.quotes.map((q) => h('li', { class: 'idea-text' }, `“${q}”`)))] : null);
}

export function commitmentState(c) {
  return h('span', {}, progressName(c.status),
    c.overdue ? [' ', h('span', { class: 'badge badge-late' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), t('rec.overdue'))] : null);
}

export function answerBlock(r) {
  const a = r.answer || {};
  if (!a.decision) return null;
  return section(t('rec.answer'),
    h('dl', { class: 'meta' },
      h('dt', {}, t('answer.decision')), h('dd', { class: 'decision' }, decisionName(a.decision)),
      a.reasons ? [h('dt', {}, t('answer.reasons')), h('dd', { class: 'idea-text' }, a.reasons)] : null,
      a.referred_to ? [h('dt', {}, t('answer.referred_to')), h('dd', {}, a.referred_to.name)] : null,
      h('dt', {}, t('rec.answered')), h('dd', {}, dueText(r))),
    r.commitments.length
      ? table(t('answer.commitments'), [t('commitment.text'), t('commitment.owner'), t('commitment.due'), t('commitment.progress'), t('commitment.latest')],
        r.commitments.map((c) => {
          const last = c.updates[c.updates.length - 1];
          return [c.text, c.owner, formatDate(c.due_date), commitmentState(c), last ? `${formatDate(last.at)}: ${last.note}` : '—'];
        }))
      : h('p', {}, t('answer.no_commitments')));
}

export function feedbackBlock(feedback) {
  if (!feedback) return null;
  return Object.entries(feedback).map(([band, text]) => h('div', { class: 'card feedback', dataset: { band } },
    h('h3', {}, band === 'all' ? t('feedback.for_all') : t('feedback.for_band', { band })),
    h('dl', { class: 'feedback-parts' }, PARTS.map((p) => [h('dt', {}, t(`feedback.${p}`)), h('dd', { class: 'idea-text' }, text[p])]))));
}

function forwardForm(id, authorities, route) {
  const live = authorities.filter((a) => !a.retired_at);
  const authority = field(t('forward.authority'), 'select', {}, live.map((a) => ({ value: a.id, label: a.name })));
  const number = field(t('forward.number'), 'text', { required: true, maxlength: 60, hint: t('forward.number_hint') });
  const date = field(t('forward.date'), 'date', { required: true, value: todayIso() });
  const days = field(t('forward.days'), 'number', { min: 1, max: 365, inputmode: 'numeric', hint: ' ' });
  // The hint names the chosen authority's own number of working days, used when left empty.
  const hintDays = () => {
    const a = live.find((x) => x.id === authority.input.value);
    days.wrap.querySelector('.hint').textContent = a ? t('forward.days_hint', { n: a.due_days }) : '';
  };
  authority.input.addEventListener('change', hintDays);
  hintDays();
  return section(t('forward.title'), h('p', {}, t('forward.lead')),
    form({ 'aria-label': t('forward.title') }, [authority.wrap, number.wrap, date.wrap, days.wrap,
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('forward.submit')))], async () => {
      const payload = { authority_id: authority.input.value, dispatch_number: number.input.value.trim(), dispatch_date: date.input.value };
      if (days.input.value) payload.due_working_days = Number(days.input.value);
      await post(`/recommendations/${id}/forward`, payload);
      route();
    }));
}

function letters(r) {
  if (!r.letters) return null;
  return section(t('letters.title'), h('p', {}, t('letters.lead')),
    h('ul', {},
      h('li', {}, h('a', { href: r.letters.forwarding, target: '_blank', rel: 'noopener' }, t('letters.forwarding'))),
      ['forwarded', 'acknowledged'].includes(r.status)
        ? h('li', {}, h('a', { href: r.letters.reminder, target: '_blank', rel: 'noopener' }, t('letters.reminder')),
          r.escalated_at ? ` (${t('letters.escalated', { date: formatDate(r.escalated_at) })})` : '')
        : null));
}

// One fieldset of the four parts for a band ("all" or "11-13"); required only for "all".
function bandFields(band, existing, required) {
  const parts = Object.fromEntries(PARTS.map((p) => [p, field(t(`feedback.${p}`), 'textarea', {
    maxlength: 1000, required, value: existing ? existing[p] : undefined, hint: t(`feedback.${p}_hint`),
  })]));
  const legend = band === 'all' ? t('feedback.for_all') : t('feedback.for_band', { band });
  const set = h('fieldset', { dataset: { band } }, h('legend', {}, legend), PARTS.map((p) => parts[p].wrap));
  return { band, set, parts };
}

function feedbackForm(r, bands, route) {
  const id = encodeURIComponent(r.id);
  const existing = r.feedback || {};
  const all = bandFields('all', existing.all, true);
  const others = bands.map((b) => bandFields(b, existing[b], false));
  const details = others.map((o) => h('details', { open: existing[o.band] ? true : null },
    h('summary', {}, t('feedback.band_optional', { band: o.band })), o.set));
  return section(t('feedback.title'), h('p', {}, t('feedback.lead')),
    form({ 'aria-label': t('feedback.title') }, [all.set, details,
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('feedback.save')))], async () => {
      const payload = {};
      for (const b of [all, ...others]) {
        const words = Object.fromEntries(PARTS.map((p) => [p, b.parts[p].input.value.trim()]));
        if (b.band !== 'all' && PARTS.every((p) => !words[p])) continue;
        const empty = PARTS.find((p) => !words[p]);
        if (empty) {
          b.parts[empty].input.focus();
          throw new Error(t('feedback.missing_part', { part: t(`feedback.${empty}`) }));
        }
        payload[b.band] = words;
      }
      await post(`/recommendations/${id}/feedback`, { bands: payload });
      route();
    }));
}

export async function render({ main, params, route }) {
  const id = encodeURIComponent(params.id);
  const r = await get(`/recommendations/${id}`);
  main.append(h('h1', {}, r.title), h('p', {}, h('a', { href: '#/recommendations' }, t('rec.back'))));
  main.append(facts(r), body(r));

  if (r.status === 'draft') {
    const { items } = await get('/authorities?limit=200');
    main.append(forwardForm(id, items, route));
  }
  append(main, [letters(r)]);
  append(main, [answerBlock(r)]);

  if (r.status === 'answered') {
    // Words per age band of the deployment (--age-bands), besides the words for all ages.
    const { items } = await get('/age-bands');
    main.append(feedbackForm(r, items.map((b) => b.id), route));
  }
  if (r.feedback) main.append(section(t('feedback.written'), feedbackBlock(r.feedback)));

  const area = statusArea('alert');
  const next = [];
  if (r.status === 'answered' && r.feedback) {
    next.push(h('p', {}, t('report_back.lead', { n: r.children })),
      h('div', { class: 'actions' }, button(t('report_back.submit'), async () => { await post(`/recommendations/${id}/report-back`); route(); }, { area })));
  }
  if (r.status === 'reported_back') {
    next.push(h('p', {}, t('close.lead')),
      h('div', { class: 'actions' }, button(t('close.submit'), async () => { await post(`/recommendations/${id}/close`); route(); }, { class: 'secondary', area })));
  }
  if (next.length) main.append(section(t('rec.next_step'), next, area));

  if (['reported_back', 'closed'].includes(r.status)) {
    const x = r.reactions;
    main.append(section(t('reactions.title'), h('p', {}, t('reactions.lead')),
      h('ul', { class: 'reaction-counts' },
        ['agree', 'disagree', 'question'].map((k) => h('li', { dataset: { kind: k } }, x[k] === null
          ? t(`reactions.hidden.${k}`, { min: x.min_group_size })
          : t(`reactions.count.${k}`, { n: x[k] })))),
      x.disagree !== 0 || x.question !== 0 ? h('p', {}, h('a', { href: '#/moderation' }, t('reactions.to_queue'))) : null,
      x.question !== 0 ? h('p', {}, h('a', { href: '#/questions' }, t('reactions.to_questions'))) : null));
  }

  main.append(section(t('rec.history'), h('ol', {}, r.history.map((e) => h('li', {},
    `${formatDate(e.at, true)} — ${has(`rec.action.${e.action}`) ? t(`rec.action.${e.action}`) : e.action}`)))));
  main.append(h('p', {}, h('a', { href: `/tracker.html?unit=${encodeURIComponent(r.unit_id)}`, target: '_blank', rel: 'noopener' }, t('links.tracker'))));
  return r.title;
}
