// Times are stored in UTC and shown and entered in Vietnam's time (UTC+7, no daylight saving),
// whatever the reader's computer is set to.
import { lang } from './i18n.js';

const ZONE = 'Asia/Ho_Chi_Minh';
const OFFSET_MS = 7 * 3600 * 1000;
const pad = (n) => String(n).padStart(2, '0');

// "2026-12-01T00:00:00Z" → "07:00 1 thg 12, 2026" (vi) / "1 Dec 2026, 07:00" (en).
export function formatVnTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang() === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: ZONE, dateStyle: 'medium', timeStyle: 'short' });
}

// A bare date ("2027-01-20") as the reader's language writes it.
export function formatDay(day) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day || '');
  if (!m) return day || '';
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toLocaleDateString(lang() === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'UTC', dateStyle: 'medium' });
}

// UTC → the value of a datetime-local field in Vietnam's time ("2026-12-01T07:00").
export function toVnInput(iso) {
  if (!iso) return '';
  const d = new Date(new Date(iso).getTime() + OFFSET_MS);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

// A datetime-local value in Vietnam's time → UTC ("2026-12-01T00:00:00Z"); '' stays ''.
export function fromVnInput(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value || '');
  if (!m) return '';
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])) - OFFSET_MS;
  return new Date(utc).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
