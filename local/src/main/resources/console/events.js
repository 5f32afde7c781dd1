// The execution's full event table, a page at a time so that a history of tens of thousands of events stays fast.
import { h, formatDate, formatDuration, toDate } from './dom.js';
import { detailsOf } from './history.js';

const PAGE = 100;

export function eventTable(model) {
  let page = 0;
  const body = h('tbody');
  const label = h('span', { class: 'page-label', 'aria-live': 'polite' });
  const first = h('button', { type: 'button', id: 'events-first' }, 'First');
  const previous = h('button', { type: 'button', id: 'events-previous' }, 'Previous');
  const next = h('button', { type: 'button', id: 'events-next' }, 'Next');
  const last = h('button', { type: 'button', id: 'events-last' }, 'Last');
  const pages = () => Math.max(1, Math.ceil(model.events.length / PAGE));
  let rendered = '';

  const refresh = () => {
    page = Math.min(page, pages() - 1);
    const start = page * PAGE;
    const rows = model.events.slice(start, start + PAGE);
    const key = page + ':' + rows.length + ':' + (rows.length ? rows[rows.length - 1].id : 0);
    label.textContent = `Page ${page + 1} of ${pages()} (${model.events.length} events)`;
    first.disabled = previous.disabled = page === 0;
    next.disabled = last.disabled = page >= pages() - 1;
    if (key === rendered) return;
    rendered = key;
    const t0 = model.startTime || 0;
    body.replaceChildren(...rows.map((event) => {
      const occurrence = model.occurrenceOf.get(event.id);
      const t = toDate(event.timestamp).getTime();
      const duration = occurrence && event.type.endsWith('StateExited') ? formatDuration(t - occurrence.start) : '';
      return h('tr', { 'data-type': event.type },
          h('td', { class: 'num' }, event.id),
          h('td', { class: 'event-type' }, event.type),
          h('td', {}, occurrence ? occurrence.name : ''),
          h('td', {}, h('time', {}, formatDate(event.timestamp))),
          h('td', { class: 'num' }, formatDuration(t - t0)),
          h('td', { class: 'num' }, duration),
          h('td', {}, h('details', {}, h('summary', {}, 'Details'),
              h('pre', { class: 'json' }, JSON.stringify(detailsOf(event) || {}, null, 2)))));
    }));
  };
  const go = (target) => {
    page = Math.max(0, Math.min(pages() - 1, target));
    refresh();
  };
  first.addEventListener('click', () => go(0));
  previous.addEventListener('click', () => go(page - 1));
  next.addEventListener('click', () => go(page + 1));
  last.addEventListener('click', () => go(pages() - 1));
  const element = h('section', { 'aria-labelledby': 'events-title' },
      h('h2', { id: 'events-title' }, 'Events'),
      h('table', { class: 'list events', id: 'events' },
          h('thead', {}, h('tr', {}, ['ID', 'Type', 'State', 'Timestamp', 'Elapsed', 'Duration', 'Payload']
              .map((t) => h('th', { scope: 'col' }, t)))),
          body),
      h('div', { class: 'pager' }, first, previous, label, next, last));
  refresh();
  return { element, refresh };
}
