// Times are stored in UTC and shown and entered in Vietnam's time (UTC+7, no daylight saving),
// whatever the reader's computer is set to.
const OFFSET_MS = 7 * 3600 * 1000;
const pad = (n) => String(n).padStart(2, '0');

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
