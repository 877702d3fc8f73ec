// Draws the charts of a unit's report page (api/pages/report_page.cpp) from its data block.
// The CSP forbids inline scripts and styles: the data and the page's words (the report.* strings
// of web/i18n/<lang>.json, in the page's language) are <script type="application/json">
// blocks, read here, never executed. Without Chart.js (/vendor/chart.umd.js) the tables beside
// each canvas still carry every figure.
(function drawReport() {
  const printButton = document.querySelector('[data-print]');
  if (printButton) printButton.addEventListener('click', () => window.print());

  const block = document.getElementById('report-data');
  if (!block || typeof window.Chart === 'undefined') return;
  const report = JSON.parse(block.textContent);
  const wordsBlock = document.getElementById('report-words');
  const words = wordsBlock ? JSON.parse(wordsBlock.textContent) : {};
  const word = (key) => words[`report.${key}`] ?? key;
  // 2026-12-31 → 31/12/2026, as the tables write dates.
  const day = (iso) => (/^\d{4}-\d{2}-\d{2}$/.test(iso || '') ? iso.split('-').reverse().join('/') : iso);
  document.body.classList.add('charts-on');
  const colours = ['#0b6e4f', '#e0b84c', '#3a6ea5', '#b5485d', '#7a7a7a', '#5b8c5a'];

  // A hidden (suppressed) count is null: Chart.js leaves a gap rather than a zero.
  const charts = {
    children() {
      const cc = report.children_consulted;
      return {
        type: 'bar',
        data: {
          labels: cc.rows.map((r) => r.age_band),
          datasets: cc.genders.map((g, i) => ({
            label: word(`gender.${g}`),
            data: cc.rows.map((r) => r.counts[i]),
            backgroundColor: colours[i % colours.length],
          })),
        },
        options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
      };
    },
    channels() {
      const c = report.children_consulted.by_channel;
      return {
        type: 'bar',
        data: {
          labels: Object.keys(c).map((k) => word(`channel.${k}`)),
          datasets: [{ label: word('children'), data: Object.values(c), backgroundColor: colours[0] }],
        },
      };
    },
    submissions() {
      const s = report.submissions;
      const keys = ['received', 'approved', 'returned', 'rejected', 'escalated'];
      return {
        type: 'bar',
        data: {
          labels: keys.map((k) => word(`submission.${k}`)),
          datasets: [{ label: word('submissions'), data: keys.map((k) => s[k]), backgroundColor: colours[2] }],
        },
      };
    },
    events() {
      const k = report.events.by_kind;
      return {
        type: 'bar',
        data: {
          labels: Object.keys(k).map((kind) => word(`event_kind.${kind}`)),
          datasets: [{ label: word('held'), data: Object.values(k), backgroundColor: colours[1] }],
        },
      };
    },
    participants() {
      const p = report.events.participants_by_band;
      return {
        type: 'bar',
        data: {
          labels: p.map((b) => b.age_band),
          datasets: [{ label: word('children_present'), data: p.map((b) => b.participants), backgroundColor: colours[0] }],
        },
      };
    },
    targets() {
      return {
        type: 'bar',
        data: {
          labels: report.targets.map((t) => `${word(`target_kind.${t.kind}`)} ${day(t.period_start)}–${day(t.period_end)}`),
          datasets: [{
            label: word('targets.progress'),
            // A hidden total hides its percent too: a gap, never a 0 (Math.round(null) is 0).
            data: report.targets.map((t) => (t.progress.percent == null ? null : Math.round(t.progress.percent * 10) / 10)),
            backgroundColor: colours[3],
          }],
        },
        options: { indexAxis: 'y', scales: { x: { beginAtZero: true, max: 100 } } },
      };
    },
  };

  for (const canvas of document.querySelectorAll('canvas[data-chart]')) {
    const make = charts[canvas.dataset.chart];
    if (!make) continue;
    const config = make();
    config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: false,
      plugins: { legend: { display: config.data.datasets.length > 1 } } }, config.options || {});
    new window.Chart(canvas, config);
  }
})();
