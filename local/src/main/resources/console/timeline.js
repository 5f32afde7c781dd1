// A Gantt chart of state durations. States inside Map iterations fold into one row per Map (its iterations as a
// band), which a button expands into one row per iteration, so a Map of 10,000 iterations stays one row.
import { h, s, formatDuration } from './dom.js';

const ROW = 20;
const LABEL = 220;
const WIDTH = 760;
const MAX_ROWS = 300;
const MAX_ITERATIONS = 200;

export function timeline(model, executionStatus) {
  const expanded = new Set();
  const box = h('div', { class: 'timeline-box' });
  const note = h('p', { class: 'help' });

  const refresh = () => {
    const rows = [];
    for (const occurrence of model.occurrences) {
      if (rows.length >= MAX_ROWS) break;
      if (model.inMap(occurrence)) continue;
      rows.push({ label: occurrence.name, start: occurrence.start, end: occurrence.end,
        status: model.statusOf(occurrence, executionStatus() === 'RUNNING'), depth: 0 });
      const iterations = model.iterations.get(occurrence.id);
      if (iterations && iterations.size) {
        const list = [...iterations.values()];
        const failed = list.filter((i) => i.status === 'failed').length;
        rows.push({ label: `${list.length} iterations${failed ? `, ${failed} failed` : ''}`, depth: 1,
          start: Math.min(...list.map((i) => i.start)), end: list.every((i) => i.end !== null)
            ? Math.max(...list.map((i) => i.end)) : null, status: failed ? 'failed' : 'iterations',
          toggle: occurrence.id });
        if (expanded.has(occurrence.id)) {
          list.slice(0, MAX_ITERATIONS).forEach((i) => rows.push({ label: `Iteration ${i.index}`, depth: 2,
            start: i.start, end: i.end, status: i.status }));
        }
      }
    }
    const t0 = model.startTime || 0;
    const t1 = Math.max(model.endTime || t0, ...rows.map((r) => r.end || 0)) || t0 + 1;
    const span = Math.max(1, t1 - t0);
    const x = (t) => LABEL + ((t - t0) / span) * (WIDTH - LABEL - 10);
    const svg = s('svg', { class: 'timeline', width: WIDTH, height: rows.length * ROW + 24, role: 'img',
      'aria-label': 'Timeline of state durations' });
    svg.append(s('text', { class: 'axis', x: LABEL, y: 12 }, '0'),
        s('text', { class: 'axis', x: WIDTH - 10, y: 12, 'text-anchor': 'end' }, formatDuration(span)));
    const toggles = [];
    rows.forEach((row, i) => {
      const y = 20 + i * ROW;
      const end = row.end === null ? t1 : row.end;
      const bar = s('rect', { class: 'bar', 'data-status': row.status, x: x(row.start), y: y + 3,
        width: Math.max(2, x(end) - x(row.start)), height: ROW - 6, rx: 2 });
      bar.append(s('title', {}, `${row.label}: ${formatDuration(end - row.start)}`));
      svg.append(s('text', { class: 'row-label', x: 4 + row.depth * 12, y: y + 14 },
          row.label.length > 28 ? row.label.slice(0, 27) + '…' : row.label), bar);
      if (row.toggle !== undefined) toggles.push(row.toggle);
    });
    note.textContent = rows.length >= MAX_ROWS ? `The first ${MAX_ROWS} rows are shown.` : '';
    const buttons = toggles.map((id) => h('button', { type: 'button', class: 'toggle', 'aria-expanded': String(expanded.has(id)),
      onclick: () => {
        if (expanded.has(id)) expanded.delete(id);
        else expanded.add(id);
        refresh();
      } }, (expanded.has(id) ? 'Collapse' : 'Expand') + ' iterations of '
        + (model.occurrences.find((o) => o.id === id) || {}).name));
    box.replaceChildren(...buttons, svg);
  };
  const element = h('section', { 'aria-labelledby': 'timeline-title' },
      h('h2', { id: 'timeline-title' }, 'Timeline'), box, note);
  refresh();
  return { element, refresh };
}
