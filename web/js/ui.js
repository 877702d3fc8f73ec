// Small pieces every page uses: headings, errors, buttons that talk to the server.
import { h, clear, statusArea, showMessage } from './dom.js';
import { t, has } from './i18n.js';

export function errorMessage(e) {
  if (!e) return t('error.generic');
  if (e.status === undefined && e.message) return e.message;
  if (e.code && has(`error.${e.code}`)) return t(`error.${e.code}`);
  if (e.status && has(`error.status_${e.status}`)) {
    return e.message ? `${t(`error.status_${e.status}`)} (${e.message})` : t(`error.status_${e.status}`);
  }
  return e.message ? `${t('error.generic')} (${e.message})` : t('error.generic');
}

export function heading(title, lead) {
  return [h('h1', {}, title), lead ? h('p', { class: 'lead' }, lead) : null];
}

// A form whose submit handler may fail: the message area says what went wrong, and the
// submit button stays disabled while the request is in flight.
export function form(attrs, children, onSubmit) {
  const area = statusArea('alert');
  const el = h('form', { ...attrs, novalidate: true }, children, area);
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    const buttons = el.querySelectorAll('button[type=submit]');
    buttons.forEach((b) => { b.disabled = true; });
    showMessage(area, '');
    try {
      await onSubmit(event);
    } catch (e) {
      showMessage(area, errorMessage(e), 'error');
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  });
  el.messageArea = area;
  return el;
}

export function button(label, onClick, attrs = {}) {
  const area = attrs.area || null;
  const { area: _ignored, ...rest } = attrs;
  const b = h('button', { type: 'button', ...rest }, label);
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      await onClick();
    } catch (e) {
      if (area) showMessage(area, errorMessage(e), 'error');
      else throw e;
    } finally {
      b.disabled = false;
    }
  });
  return b;
}

export function loadingInto(main) {
  clear(main);
  main.append(h('p', { role: 'status' }, t('app.loading')));
}

// A table; on phones each row becomes a card whose cells name their column (data-label), and
// the explicit roles keep it a table for screen readers when CSS changes how it is drawn.
// `quietCaption`: the heading just above already names the table, so its caption is for screen
// readers only (the same word is not written twice).
export function table(caption, headers, rows, { quietCaption = false } = {}) {
  const label = (i) => (typeof headers[i] === 'string' ? headers[i] : '');
  return h('div', { class: 'table-wrap', role: 'region', 'aria-label': caption, tabindex: '0' },
    h('table', { role: 'table' },
      h('caption', quietCaption ? { class: 'visually-hidden' } : {}, caption),
      h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' }, headers.map((x) => h('th', { scope: 'col', role: 'columnheader' }, x)))),
      h('tbody', { role: 'rowgroup' }, rows.map((cells) => h('tr', { role: 'row' },
        // On a phone each cell is labelled with its column's heading, but a link says what it
        // does itself (no "Open: Open").
        cells.map((c, i) => h('td', { role: 'cell', 'data-label': c instanceof HTMLAnchorElement ? '' : label(i) }, c)))))));
}

// A yes / no badge that does not rely on colour: an icon and a word.
export function badge(ok, yesText, noText) {
  return h('span', { class: ok ? 'badge badge-ok' : 'badge badge-wait' },
    h('span', { 'aria-hidden': 'true' }, ok ? '✔ ' : '… '), ok ? yesText : noText);
}

export function section(title, ...children) {
  const id = `s-${Math.random().toString(36).slice(2, 8)}`;
  return h('section', { 'aria-labelledby': id }, h('h2', { id }, title), children);
}

export { statusArea, showMessage };
