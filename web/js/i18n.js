// Every word on the page comes from web/i18n/<lang>.json; Vietnamese by default.
const LANGS = ['vi', 'en'];
const STORE_KEY = 'langnghe.lang';
let strings = {};
let fallback = {};
let current = 'vi';

async function load(lang) {
  const response = await fetch(`/i18n/${lang}.json`, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`i18n ${lang}: ${response.status}`);
  return response.json();
}

// `asked`: a language the address asks for (?lang=), used for this page without becoming the
// reader's saved choice; otherwise the saved choice, else Vietnamese.
export async function initI18n(asked) {
  let wanted = 'vi';
  try {
    const saved = localStorage.getItem(STORE_KEY);
    if (LANGS.includes(saved)) wanted = saved;
  } catch (e) { /* storage may be off; Vietnamese then */ }
  fallback = await load('vi');
  if (LANGS.includes(asked)) await setLang(asked, { remember: false });
  else await setLang(wanted);
}

export async function setLang(lang, { remember = true } = {}) {
  if (!LANGS.includes(lang)) lang = 'vi';
  strings = lang === 'vi' ? fallback : await load(lang);
  current = lang;
  document.documentElement.lang = lang;
  if (remember) {
    try { localStorage.setItem(STORE_KEY, lang); } catch (e) { /* ignore */ }
  }
}

export function lang() { return current; }
export function otherLang() { return current === 'vi' ? 'en' : 'vi'; }

// t('consult.progress', {n: 2, total: 6}) → "Câu 2 / 6"
// A count of exactly one reads "{n}.one" where the strings have it ("1 recommendation").
export function t(key, vars = {}) {
  const one = `${key}.one`;
  if (Number(vars.n) === 1 && (one in strings || one in fallback)) key = one;
  let text = strings[key] ?? fallback[key];
  if (text === undefined) {
    console.warn(`missing string ${key}`);
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

export function has(key) { return key in strings || key in fallback; }

// The server's texts that come in both languages ({vi, en}).
export function pick(both) {
  if (!both) return '';
  return both[current] ?? both.vi ?? '';
}

// The deployment's time zone (GET /about: time_zone): times are stored in UTC and shown and
// typed in this zone, wherever the reader's device thinks it is.
let zone = 'Asia/Ho_Chi_Minh';
export function setTimeZone(name) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    zone = name;
  } catch (e) { /* an unknown zone: keep Viet Nam's */ }
}

export function timeZone() { return zone; }

export function formatDate(iso, withTime = false) {
  if (!iso) return '';
  // A bare date (YYYY-MM-DD) is that calendar day, not an instant: shown as it is.
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const d = day ? new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]))) : new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const timeZone = day ? 'UTC' : zone;
  if (current !== 'vi') {
    return withTime && !day
      ? d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone })
      : d.toLocaleDateString('en-GB', { dateStyle: 'medium', timeZone });
  }
  // Vietnamese as it is written on paper: 07/12/2026, 09:03 07/12/2026 (not "7 thg 12, 2026").
  const numeric = { day: '2-digit', month: '2-digit', year: 'numeric', timeZone };
  return withTime && !day
    ? d.toLocaleString('vi-VN', { ...numeric, hour: '2-digit', minute: '2-digit', hour12: false })
    : d.toLocaleDateString('vi-VN', numeric);
}

// The calendar date (YYYY-MM-DD) of an instant in the deployment's zone.
export function localIso(instant = new Date()) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

// This year in the deployment's zone (on 31 December at 20:00 UTC it is already next year here).
export function localYear() { return Number(localIso().slice(0, 4)); }

// "3 hours" / "3 giờ": a duration in words for queues and timers.
export function formatDuration(ms) {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60000));
  if (minutes < 60) return t('time.minutes', { n: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return t('time.hours', { n: hours });
  return t('time.days', { n: Math.round(hours / 24) });
}

// Today's date (YYYY-MM-DD) in the deployment's zone, for date fields' default values.
export function todayIso() { return localIso(); }
