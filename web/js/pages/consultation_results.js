// The results of a consultation: per question a chart with its data table beside it, a filter
// by age band, gender, unit or channel (one at a time: the server protects each breakdown as a
// whole, and crossing them would make groups too small to show), free-text answers only as a
// count and the words moderators approved, the CSV, and "publish results" once closed.
import { h, field, clear } from '../dom.js';
import { t } from '../i18n.js';
import { get, post } from '../api.js';
import { button, section, statusArea, showMessage } from '../ui.js';
import { stages, count, protectionNote, groupName, loadChart } from '../consultation_stages.js';

const DIMENSIONS = ['age_band', 'gender', 'unit', 'channel'];
const COLOURS = ['#0b6e4f', '#3a6ea5', '#a66f00', '#b5485d', '#5b5b5b', '#5b8c5a'];
const charts = [];

function share(n, of) {
  if (typeof n !== 'number' || typeof of !== 'number' || of <= 0) return '—';
  return `${Math.round((n * 100) / of)}\u00a0%`;
}

// Yes / no answers come with their keys as text: said in the reader's language.
function answerText(q, o) {
  if (q.type === 'yes_no' && (o.key === 'yes' || o.key === 'no')) return t(`paper.${o.key}`);
  return o.text;
}

// The figures of one question as the filter chooses them: the whole, or one group's column.
function figures(q, filter) {
  if (!filter) return { answered: q.answered, rows: q.options.map((o) => ({ text: answerText(q, o), n: o.count })) };
  const b = q.breakdowns[filter.dimension];
  const g = b ? b.groups.indexOf(filter.group) : -1;
  if (g < 0 || !b.rows.length) return null;
  return { answered: b.totals[g], rows: b.rows.map((r, k) => ({ text: answerText(q, q.options[k]), n: r.counts[g] })) };
}

function dataTable(q, f, caption) {
  // A real table on phones too (three short columns), not the cards other tables become.
  return h('div', { class: 'result-table-wrap', role: 'region', 'aria-label': caption, tabindex: '0' },
    h('table', { class: 'result-table' },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('results.answer')),
        h('th', { scope: 'col' }, t('results.children')),
        h('th', { scope: 'col' }, t('results.share')))),
      h('tbody', {}, f.rows.map((r) => h('tr', {},
        h('th', { scope: 'row' }, r.text), h('td', {}, count(r.n)), h('td', {}, share(r.n, f.answered))))),
      h('tfoot', {}, h('tr', {},
        h('th', { scope: 'row' }, t('results.answered')), h('td', {}, count(f.answered)), h('td', {}, '')))));
}

function drawChart(Chart, canvas, f) {
  // A hidden count is null: Chart.js leaves a gap, never a bar for a number nobody may see.
  charts.push(new Chart(canvas, {
    type: 'bar',
    data: {
      // A hidden count has no bar: its label says why, so the gap is not read as a zero.
      labels: f.rows.map((r) => (typeof r.n === 'number' ? r.text : `${r.text} (${t('participation.too_few')})`)),
      datasets: [{ label: t('results.children'), data: f.rows.map((r) => (typeof r.n === 'number' ? r.n : null)), backgroundColor: COLOURS[0] }],
    },
    options: {
      indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  }));
}

function questionBlock(q, i, filter, Chart, filterLabel) {
  const heading = `${t('results.question_n', { n: i + 1 })} ${q.text}`;
  const block = h('section', { class: 'card result', 'aria-label': heading, dataset: { question: q.id } }, h('h3', {}, heading));
  if (q.type === 'text') {
    block.append(h('p', {}, t('results.text_count'), ' ', h('strong', {}, count(q.answered))),
      h('p', { class: 'hint' }, t('results.text_lead')));
    return block;
  }
  const f = figures(q, filter);
  if (!f) {
    block.append(h('p', {}, t('results.no_breakdown')));
    return block;
  }
  const caption = filterLabel ? t('results.table_caption_filtered', { group: filterLabel }) : t('results.table_caption');
  const canvas = h('canvas', { role: 'img', 'aria-label': t('results.chart_label', { question: q.text }) });
  const chartBox = h('div', { class: 'chart-box' }, canvas);
  block.append(h('div', { class: 'result-pair' }, chartBox, dataTable(q, f, caption)));
  if (!filter && typeof q.mean === 'number' && q.answered > 0) block.append(h('p', {}, t('results.mean', { mean: q.mean.toFixed(2) })));
  if (!filter && q.type === 'scale' && typeof q.mean !== 'number') block.append(h('p', { class: 'hint' }, t('results.mean_hidden')));
  if (!filter && q.scores) {
    block.append(h('p', {}, t('results.scores'), ' ', q.scores.map((s) => `${s.text}: ${s.score}`).join(' · ')));
  }
  if (q.type === 'ranking') block.append(h('p', { class: 'hint' }, t('results.ranking_lead')));
  // A chart of nothing but zeros and hidden counts would be empty axes: the table says it all.
  if (!f.rows.some((row) => typeof row.n === 'number' && row.n > 0)) {
    chartBox.replaceChildren(h('p', { class: 'hint no-chart' }, t('results.no_chart')));
  } else if (Chart) {
    chartBox.style.height = `${Math.max(160, f.rows.length * 48 + 60)}px`;
    drawChart(Chart, canvas, f);
  } else chartBox.hidden = true;
  return block;
}

export async function render({ main, params, me, route }) {
  while (charts.length) charts.pop().destroy();
  const id = encodeURIComponent(params.id);
  const c = await get(`/consultations/${id}`);
  const [r, units, quotes, Chart] = await Promise.all([
    get(`/consultations/${id}/results`),
    get('/units?limit=200'),
    get(`/consultations/${id}/quotes`),
    loadChart(),
  ]);
  const unitName = Object.fromEntries(units.items.map((u) => [u.id, u.name]));
  const title = t('results.title', { title: c.title });
  main.append(stages(c, '/results'), h('h1', {}, title));
  main.append(h('p', {}, t('results.respondents'), ' ', h('strong', {}, count(r.respondents))));
  main.append(protectionNote(r.threshold));

  // Downloads and the next step.
  const area = statusArea('alert');
  const next = h('div', { class: 'actions' },
    h('a', { class: 'button secondary', href: `/api/v1/consultations/${id}/results.csv`, download: `ket-qua-${params.id}.csv` }, t('results.csv')));
  if (c.status === 'closed' && ['moderator', 'admin'].includes(me.role)) {
    next.append(button(t('results.publish'), async () => { await post(`/consultations/${id}/publish-results`); route(); }, { area }));
  }
  main.append(next, area);
  if (c.status === 'published') main.append(h('p', { class: 'message' }, t('results.still_open')));
  if (c.status === 'closed') main.append(h('p', {}, t('results.publish_lead')));
  if (['results_published', 'feedback_given'].includes(c.status)) {
    main.append(h('p', { class: 'message message-ok' }, t('results.published'), ' ',
      h('a', { href: `#/consultations/${id}/feedback` }, t('results.to_feedback'))));
  }

  // One filter at a time: choosing a group in one list clears the others.
  const groupsOf = (dimension) => {
    const seen = new Set();
    for (const q of r.questions) for (const g of (q.breakdowns[dimension] || { groups: [] }).groups) seen.add(g);
    return [...seen];
  };
  const selects = DIMENSIONS.map((dimension) => ({
    dimension,
    ...field(t(`results.filter.${dimension}`), 'select', {}, [{ value: '', label: t('results.filter.all') },
      ...groupsOf(dimension).map((g) => ({ value: g, label: groupName(dimension, g, unitName) }))]),
  }));
  const said = statusArea();
  const list = h('div', { class: 'results-list' });
  const draw = () => {
    while (charts.length) charts.pop().destroy();
    clear(list);
    const chosen = selects.find((s) => s.input.value);
    const filter = chosen ? { dimension: chosen.dimension, group: chosen.input.value } : null;
    const label = chosen ? groupName(chosen.dimension, chosen.input.value, unitName) : '';
    r.questions.forEach((q, i) => list.append(questionBlock(q, i, filter, Chart, label)));
    showMessage(said, chosen ? t('results.showing_group', { group: label }) : t('results.showing_all'));
  };
  for (const s of selects) {
    s.input.addEventListener('change', () => {
      if (s.input.value) selects.filter((o) => o !== s).forEach((o) => { o.input.value = ''; });
      draw();
    });
  }
  main.append(section(t('results.filters'),
    h('p', { class: 'hint' }, t('results.filter_lead')),
    h('div', { class: 'filters' }, selects.map((s) => s.wrap)), said));
  main.append(section(t('results.questions'), list));
  draw();

  main.append(section(t('results.quotes'),
    h('p', {}, t('results.quotes_lead')),
    quotes.items.length
      ? h('ul', { class: 'quotes' }, quotes.items.map((q) => h('li', { class: 'idea-text' }, `“${q}”`)))
      : h('p', {}, t('results.no_quotes'))));
  return title;
}
