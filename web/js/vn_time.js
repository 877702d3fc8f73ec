// Times are stored in UTC and shown and entered in the deployment's local time (GET /about:
// time_zone, default Asia/Ho_Chi_Minh; daylight saving where the zone has it), whatever the
// reader's computer is set to.
import { timeZone } from './i18n.js';

const pad = (n) => String(n).padStart(2, '0');

// The wall-clock fields of an instant in the deployment's zone.
function wallClock(ms) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: timeZone(), hourCycle: 'h23',
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return {
    y: Number(parts.year), mo: Number(parts.month), d: Number(parts.day),
    h: Number(parts.hour), mi: Number(parts.minute), s: Number(parts.second),
  };
}

// How far the zone's clocks are ahead of UTC at an instant, in ms.
function offsetAt(ms) {
  const w = wallClock(ms);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(ms / 1000) * 1000;
}

// UTC → the value of a datetime-local field in the deployment's time ("2026-12-01T07:00").
export function toVnInput(iso) {
  if (!iso) return '';
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) return '';
  const w = wallClock(ms);
  return `${w.y}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}`;
}

// A datetime-local value in the deployment's time → UTC ("2026-12-01T00:00:00Z"); '' stays ''.
// Where the clocks go forward the missing hour is read with the offset before the change, and
// where they go back the first of the two hours is taken.
export function fromVnInput(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value || '');
  if (!m) return '';
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  const before = offsetAt(asUtc - 86400000);
  let utc = asUtc - before;
  const after = offsetAt(utc);
  if (after !== before && offsetAt(asUtc - after) === after) utc = asUtc - after;
  return new Date(utc).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
