// Building the page with DOM calls only: text from the server always becomes a text node,
// never HTML (the Content-Security-Policy forbids inline scripts; this forbids injection too).

// h('p', {class: 'note', onclick: fn}, 'text', child, [more]) → an element.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      el.className = value;
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (name === 'value') {
      el.value = value;
    } else if (name === 'checked' || name === 'disabled' || name === 'selected' || name === 'required') {
      el[name] = Boolean(value);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

let counter = 0;
export function uid(prefix = 'f') {
  counter += 1;
  return `${prefix}-${counter}`;
}

// A labelled form field: returns {wrap, input}. kind is an input type, 'textarea' or 'select'.
export function field(label, kind = 'text', attrs = {}, options = []) {
  const { hint, ...rest } = attrs;
  const id = rest.id || uid('field');
  const hintId = hint ? `${id}-hint` : undefined;
  const common = { ...rest, id, 'aria-describedby': hintId };
  let input;
  if (kind === 'textarea') input = h('textarea', common);
  else if (kind === 'select') {
    input = h('select', common,
      options.map((o) => h('option', { value: o.value, selected: o.selected }, o.label)));
  } else input = h('input', { type: kind, ...common });
  const wrap = h('div', { class: 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    input);
  return { wrap, input };
}

// A message area that screen readers announce when it changes.
export function statusArea(kind = 'status') {
  return h('div', { class: 'message-area', role: kind === 'alert' ? 'alert' : 'status', 'aria-live': kind === 'alert' ? 'assertive' : 'polite' });
}

export function showMessage(area, text, tone = 'info') {
  clear(area);
  if (!text) return;
  area.append(h('p', { class: `message message-${tone}` }, text));
}
