// Builds DOM without innerHTML, so names and payloads from the API are always text.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'text') el.textContent = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Seconds since the epoch (as the API sends them) or an ISO string, as a Date. */
export function toDate(value) {
  if (value === undefined || value === null) return null;
  return typeof value === 'number' ? new Date(value * 1000) : new Date(value);
}

export function formatDate(value) {
  const date = toDate(value);
  return date ? date.toISOString().replace('T', ' ').replace('Z', '') : '';
}

export function formatDuration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '';
  if (ms < 1000) return Math.round(ms) + ' ms';
  if (ms < 60000) return (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + ' s';
  const minutes = Math.floor(ms / 60000);
  return minutes + ' min ' + Math.round((ms % 60000) / 1000) + ' s';
}

export function pretty(text) {
  if (text === undefined || text === null) return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch (e) {
    return String(text);
  }
}

export function statusBadge(status) {
  return h('span', { class: 'badge status-' + String(status || 'NONE').toLowerCase() }, status || '—');
}

export function lastSegment(arn) {
  return String(arn || '').split(':').pop();
}

/** Replaces the children of {@code el}, flattening nested arrays and skipping empty values as {@link h} does. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}
