// The public tracker, no sign-in: /tracker.html?unit=<unit id> or ?council=<council id>, and
// ?lang=vi|en to ask for a language (otherwise the reader's saved choice, else Vietnamese).
// Every word comes from web/i18n/<lang>.json; server text is inserted as text only (dom.js).
import { h, clear } from './js/dom.js';
import { initI18n, setLang, t, otherLang, formatDate } from './js/i18n.js';
import { helpBar } from './js/help_bar.js';

const HOTLINE = '111';
const page = document.getElementById('tracker-page');
const params = new URLSearchParams(window.location.search);
// What the page shows: {data} once loaded, or {problem: an i18n key}.
let state = { problem: 'tracker.loading' };

function date(iso) { return iso ? formatDate(iso) : '—'; }


function header() {
  const other = otherLang();
  const button = h('button', {
    type: 'button', class: 'lang-switch', id: 'lang-switch', lang: other,
    onclick: async () => {
      await setLang(other);
      // A ?lang= in the address would bring the old language back on reload.
      if (params.has('lang')) {
        params.set('lang', other);
        history.replaceState(null, '', `${location.pathname}?${params}`);
      }
      render();
      document.getElementById('lang-switch').focus();
    },
  }, t('lang.switch_to'));
  return h('header', { class: 'site-header' },
    h('div', { class: 'brand-row' },
      h('a', { href: '/', class: 'brand' }, t('app.name')),
      h('div', { class: 'header-tools' }, button)));
}

function item(r) {
  const facts = h('dl', { class: 'facts' });
  const fact = (key, value) => facts.append(h('dt', {}, t(key)), h('dd', {}, value));
  fact('tracker.fact.authority', r.authority);
  fact('tracker.fact.dispatch', t('tracker.dispatch', { number: r.dispatch_number || '', date: date(r.dispatch_date) }));
  fact('tracker.fact.due', date(r.due_date));
  const status = t(`tracker.status.${r.status}`);
  fact('tracker.fact.status', r.overdue ? t('tracker.overdue', { status }) : status);
  if (r.answer) {
    const decision = t(`tracker.decision.${r.answer.decision}`);
    let answer = r.answer.reasons ? t('tracker.answer', { decision, reasons: r.answer.reasons }) : decision;
    if (r.answered_on_time === false) answer = t('tracker.answered_late', { answer });
    fact('tracker.fact.answer', answer);
  }
  // What the children who heard back think of the answer; a count of too few children is
  // hidden by the server and said in words here, never as a number.
  if (r.reactions) {
    const said = (k) => (r.reactions[k] === null
      ? t(`tracker.reactions.hidden`, { min: r.reactions.min_group_size })
      : String(r.reactions[k]));
    fact('tracker.fact.agree', h('span', { dataset: { kind: 'agree' } }, said('agree')));
    fact('tracker.fact.disagree', h('span', { dataset: { kind: 'disagree' } }, said('disagree')));
  }
  const text = r.feedback ? (r.feedback.all || Object.values(r.feedback)[0]) : null;
  return h('li', { class: `tracker-item${r.overdue ? ' is-overdue' : ''}` },
    h('h3', {}, r.title),
    h('p', {}, r.text),
    r.children_said.length
      ? h('ul', { class: 'quotes' }, r.children_said.map((q) => h('li', {}, `“${q}”`)))
      : null,
    facts,
    r.commitments.length
      ? h('ul', { class: 'commitments' }, r.commitments.map((c) => {
        const progress = t(`tracker.commitment.${c.status}`);
        return h('li', {}, t('tracker.commitment_line', {
          text: c.text, owner: c.owner, due: date(c.due_date),
          status: c.overdue ? t('tracker.overdue', { status: progress }) : progress,
        }));
      }))
      : null,
    text
      ? h('div', { class: 'feedback' }, ['you_said', 'we_did', 'why', 'what_next'].map((key) =>
        h('p', {}, h('strong', {}, `${t(`tracker.feedback.${key}`)}:`), ' ', text[key])))
      : null);
}

function authorities(data) {
  if (!data.authorities.length && !data.authorities_not_shown) return null;
  const percent = (a) => (a.answered_on_time_percent === null ? '—' : `${Math.round(a.answered_on_time_percent)}%`);
  const median = (a) => (a.median_days_to_answer === null ? '—' : a.median_days_to_answer);
  // On a phone each authority's row becomes a small block of labelled figures (tracker.css), so
  // no column is cut off at the screen's edge.
  const cols = ['received', 'on_time', 'median_days', 'overdue'];
  return h('section', { id: 'tracker-authorities', 'aria-labelledby': 'authorities-title' },
    h('h2', { id: 'authorities-title' }, t('tracker.authorities_title')),
    data.authorities.length
      ? h('table', {},
          h('thead', {}, h('tr', {}, ['authority', 'received', 'on_time', 'median_days', 'overdue']
            .map((k) => h('th', { scope: 'col' }, t(`tracker.col.${k}`))))),
          h('tbody', {}, data.authorities.map((a) => h('tr', {},
            h('th', { scope: 'row' }, a.name),
            [a.received, percent(a), median(a), a.overdue_now].map((v, i) =>
              h('td', { 'data-label': t(`tracker.col.${cols[i]}`) }, v))))))
      : null,
    data.authorities_not_shown
      ? h('p', { class: 'note' }, t('tracker.authorities_hidden', { n: data.authorities_not_shown, min: data.min_recommendations_shown }))
      : null);
}

function render() {
  const { data, problem } = state;
  document.title = `${t('tracker.title')} — ${t('app.name')}`;
  const main = h('main', { id: 'main' },
    h('h1', {}, t('tracker.title')),
    h('p', {}, t('tracker.lead')));
  if (data && data.council) {
    main.append(h('p', { class: 'council' }, t('tracker.council', {
      name: data.council.name, from: date(data.council.term_start), to: date(data.council.term_end),
    })));
  }
  main.append(h('p', { id: 'tracker-status', role: 'status' }, data
    ? t('tracker.count', { name: data.unit.name, n: data.recommendations.length })
    : t(problem)));
  if (data) {
    main.append(...[authorities(data)].filter(Boolean),
      h('section', { 'aria-labelledby': 'items-title' },
        h('h2', { id: 'items-title' }, t('tracker.items_title')),
        h('ol', { id: 'tracker-items', class: 'tracker-items' }, data.recommendations.map(item))));
  }
  clear(page).append(helpBar(HOTLINE, '/#/help'), header(), main);
}

async function load() {
  const unit = params.get('unit');
  const council = params.get('council');
  if (!unit && !council) return { problem: 'tracker.choose' };
  const url = council
    ? `/api/v1/public/councils/${encodeURIComponent(council)}/tracker`
    : `/api/v1/public/units/${encodeURIComponent(unit)}/tracker`;
  const response = await fetch(url);
  if (!response.ok) return { problem: response.status === 404 || response.status === 400 ? 'tracker.not_found' : 'tracker.load_failed' };
  return { data: await response.json() };
}

async function start() {
  const asked = params.get('lang');
  await initI18n(asked);
  render();
  try {
    state = await load();
  } catch (e) {
    state = { problem: 'tracker.load_failed' };
  }
  render();
  document.body.dataset.busy = 'false';
}

start();
