// Builds DOM nodes without innerHTML, so text from the server (answers, titles, audit bodies) can
// never become markup.

/**
 * h('a', {href: '#/x', class: 'btn', onclick: fn}, 'text', child, [more])
 * Attributes starting with "on" become listeners; null/false attributes are skipped; children may
 * be strings, nodes, arrays or null.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

/** Replaces everything inside el with children. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A labelled form field: label + input (or select/textarea given as `control`). */
export function field(label, control, hint) {
  const id = control.id || (control.id = 'f-' + Math.random().toString(36).slice(2, 9));
  const hintId = hint ? id + '-hint' : null;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    control,
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null);
}

/** A problem (RFC 9457) or other error as an alert banner. */
export function problemBanner(err) {
  const title = err.title || 'Something went wrong';
  return h('div', { class: 'banner error', role: 'alert' },
    h('strong', {}, title), err.detail ? ': ' + err.detail : '');
}

/** Shows a short message in the live region, for screen readers and sighted users alike. */
export function toast(text) {
  const t = document.getElementById('toast');
  t.textContent = text;
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 4000);
}

export function formatUsd(v) {
  if (v === null || v === undefined) return '—';
  const n = Number(v);
  return n < 0.01 && n > 0 ? '$' + n.toFixed(4) : '$' + n.toFixed(2);
}

export function formatTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
