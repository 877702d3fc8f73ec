// What the pages of one consultation share: the links between its stages (plan, participation,
// results, feedback), how a count hidden by small-group protection reads, and Chart.js.
import { h } from './dom.js';
import { t, has } from './i18n.js';

const STAGES = [
  ['', 'participation.stage.plan'],
  ['/participation', 'participation.stage.participation'],
  ['/results', 'participation.stage.results'],
  ['/feedback', 'participation.stage.feedback'],
];

export function statusName(status) {
  return has(`consultation.status.${status}`) ? t(`consultation.status.${status}`) : status;
}

// `current`: '' (plan), '/participation', '/results' or '/feedback'.
export function stages(c, current) {
  const base = `#/consultations/${encodeURIComponent(c.id)}`;
  return h('nav', { class: 'stages', 'aria-label': t('participation.stage.label') },
    h('ol', {}, STAGES.map(([suffix, key], i) => h('li', {},
      h('a', { href: `${base}${suffix}`, 'aria-current': suffix === current ? 'page' : null },
        h('span', { class: 'stage-number', 'aria-hidden': 'true' }, `${i + 1}`), t(key))))),
    h('p', { class: 'stage-status' }, t('participation.stage.status'), ' ', h('strong', {}, statusName(c.status))));
}

// A published count, or the words for one small-group protection hides: never a number.
export function count(n) {
  if (n === null || n === undefined) return h('span', { class: 'hidden-count' }, t('participation.too_few'));
  return h('span', { class: 'count' }, Number(n).toLocaleString(document.documentElement.lang === 'en' ? 'en-GB' : 'vi-VN'));
}

export function protectionNote(threshold) {
  return h('p', { class: 'hint protection-note' }, t('participation.protection', { n: threshold }));
}

export function ageBand(band) {
  return t('participation.band', { band });
}

export function groupName(dimension, group, unitName = {}) {
  if (dimension === 'age_band') return ageBand(group);
  if (dimension === 'gender') return has(`paper.gender_${group}`) ? t(`paper.gender_${group}`) : group;
  if (dimension === 'channel') return has(`participation.channel.${group}`) ? t(`participation.channel.${group}`) : group;
  return unitName[group] || group;
}

// Chart.js from /vendor (a script of our own origin, as the CSP wants); null when it is missing,
// and the tables beside every chart still carry each figure.
let chartLoading = null;
export function loadChart() {
  if (window.Chart) return Promise.resolve(window.Chart);
  if (!chartLoading) {
    chartLoading = new Promise((resolve) => {
      const script = document.createElement('script');
      script.src = '/vendor/chart.umd.js';
      script.onload = () => resolve(window.Chart || null);
      script.onerror = () => resolve(null);
      document.head.append(script);
    });
  }
  return chartLoading;
}
