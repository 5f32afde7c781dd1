// Draws an ASL definition as a graph: dagre lays out each scope (the machine, every Parallel branch, every Map
// processor) and a Parallel or Map state becomes a group holding the layouts of its scopes.
import { h, s } from './dom.js';

const NODE_HEIGHT = 46;
const GROUP_HEADER = 30;
const GROUP_PAD = 14;
const MARKER = 'marker';

/** Every state of the definition, by name, with its type, enclosing Parallel/Map state and ASL. */
export function stateIndex(definition) {
  const states = new Map();
  const visit = (scope, parent) => {
    for (const [name, state] of Object.entries(scope.States || {})) {
      states.set(name, { name, type: state.Type, parent, state });
      for (const inner of innerScopes(state)) visit(inner, name);
    }
  };
  visit(definition, null);
  return states;
}

export function innerScopes(state) {
  if (state.Type === 'Parallel') return state.Branches || [];
  if (state.Type === 'Map') return [state.ItemProcessor || state.Iterator].filter(Boolean);
  return [];
}

/** A short text for a Choice rule: its condition, or the comparison it makes. */
export function ruleLabel(rule) {
  if (rule.Condition) return String(rule.Condition);
  for (const op of ['And', 'Or']) {
    if (Array.isArray(rule[op])) return rule[op].map(ruleLabel).join(op === 'And' ? ' && ' : ' || ');
  }
  if (rule.Not) return '!(' + ruleLabel(rule.Not) + ')';
  const comparison = Object.keys(rule).find((key) => !['Variable', 'Next', 'Comment', 'Assign', 'Output'].includes(key));
  if (!comparison) return rule.Variable || 'rule';
  const value = rule[comparison];
  return (rule.Variable || '') + ' ' + comparison + ' ' + (typeof value === 'string' ? JSON.stringify(value) : value);
}

function truncate(text, max) {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

function nodeWidth(name, type) {
  return Math.max(130, Math.min(280, Math.max(name.length, type.length + 10) * 7.4 + 32));
}

function edgesOf(name, state, names, topLevel) {
  const edges = [];
  const add = (to, kind, label) => {
    if (names.has(to)) edges.push({ from: name, to, kind, label });
  };
  if (state.Type === 'Choice') {
    (state.Choices || []).forEach((rule) => add(rule.Next, 'choice', truncate(ruleLabel(rule), 36)));
    if (state.Default) add(state.Default, 'default', 'Default');
  } else if (state.Next) {
    add(state.Next, 'next', null);
  }
  (state.Catch || []).forEach((catcher) => add(catcher.Next, 'catch', truncate(
      'Catch ' + (catcher.ErrorEquals || []).join(', '), 36)));
  const ends = state.End || state.Type === 'Succeed' || state.Type === 'Fail';
  if (ends && topLevel) edges.push({ from: name, to: '__end', kind: 'next', label: null });
  return edges;
}

/** Lays out one scope; positions are relative to the scope's top-left corner. */
function layoutScope(scope, topLevel) {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 42, edgesep: 12, marginx: 8, marginy: topLevel ? 8 : 20 });
  g.setDefaultEdgeLabel(() => ({}));
  const states = scope.States || {};
  const names = new Set(Object.keys(states));
  const nodes = new Map();
  if (topLevel) {
    nodes.set('__start', { id: '__start', kind: MARKER, label: 'Start', width: 64, height: 28 });
    nodes.set('__end', { id: '__end', kind: MARKER, label: 'End', width: 64, height: 28 });
    names.add('__end');
  }
  for (const [name, state] of Object.entries(states)) {
    const scopes = innerScopes(state);
    if (scopes.length) {
      const inner = scopes.map((child) => layoutScope(child, false));
      const width = Math.max(nodeWidth(name, state.Type) + 40,
          inner.reduce((sum, layout) => sum + layout.width, 0) + GROUP_PAD * (inner.length + 1));
      const height = GROUP_HEADER + Math.max(...inner.map((layout) => layout.height), 20) + GROUP_PAD;
      nodes.set(name, { id: name, kind: 'group', state, inner, width, height });
    } else {
      nodes.set(name, { id: name, kind: 'state', state, width: nodeWidth(name, state.Type), height: NODE_HEIGHT });
    }
  }
  for (const node of nodes.values()) g.setNode(node.id, { width: node.width, height: node.height });
  const edges = [];
  if (topLevel && names.has(scope.StartAt)) edges.push({ from: '__start', to: scope.StartAt, kind: 'next' });
  for (const [name, state] of Object.entries(states)) edges.push(...edgesOf(name, state, names, topLevel));
  edges.forEach((edge, i) => {
    const label = edge.label ? { label: edge.label, width: edge.label.length * 6.4 + 10, height: 18, labelpos: 'c' } : {};
    g.setEdge(edge.from, edge.to, { ...label, minlen: 1 }, 'e' + i);
  });
  dagre.layout(g);
  edges.forEach((edge, i) => {
    const laid = g.edge(edge.from, edge.to, 'e' + i);
    edge.points = laid.points;
    if (edge.label) {
      edge.labelX = laid.x;
      edge.labelY = laid.y;
    }
  });
  for (const node of nodes.values()) {
    const laid = g.node(node.id);
    node.x = laid.x - node.width / 2;
    node.y = laid.y - node.height / 2;
  }
  const graph = g.graph();
  return { nodes: [...nodes.values()], edges, width: graph.width || 40, height: graph.height || 40 };
}

let graphCount = 0;

/**
 * Renders {@code definition} into an SVG. Returns a handle whose {@code paint(statuses)} colours states without a
 * new layout, and whose {@code select(name)} marks one. {@code onSelect(name)} is called on click or Enter.
 */
export function renderGraph(definition, { onSelect, diagnostics } = {}) {
  const layout = layoutScope(definition, true);
  const id = 'g' + (++graphCount);
  const elements = new Map();
  const svg = s('svg', {
    class: 'graph', width: layout.width, height: layout.height, viewBox: `0 0 ${layout.width} ${layout.height}`,
    role: 'group', 'aria-label': 'State machine graph',
  });
  svg.append(s('defs', {},
      s('marker', { id: id + '-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7,
        orient: 'auto-start-reverse' }, s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead' }))));
  drawScope(svg, layout, 0, 0, id, elements, onSelect, diagnostics || new Map());
  const handle = {
    element: svg,
    paint(statuses) {
      for (const [name, el] of elements) {
        const status = statuses.get(name);
        el.dataset.status = status ? status.status : 'notreached';
        const badge = el.querySelector('.retry');
        if (badge && el.dataset.retryText) {
          badge.textContent = status && status.retries ? `↻ retried ${status.retries}×` : el.dataset.retryText;
        }
        const count = el.querySelector('.count');
        if (count) {
          count.textContent = status && status.entered > 1 ? '×' + status.entered
            : status && status.iterations ? status.iterations + ' iterations' : '';
        }
        el.setAttribute('aria-label', el.dataset.label + ', ' + describe(status));
      }
    },
    select(name) {
      for (const [stateName, el] of elements) el.classList.toggle('selected', stateName === name);
    },
  };
  return handle;
}

function describe(status) {
  if (!status) return 'not reached';
  const words = { succeeded: 'succeeded', failed: 'failed', caught: 'failed and caught', running: 'running',
    retried: 'succeeded after retries', notreached: 'not reached' };
  return (words[status.status] || status.status) + (status.retries ? `, retried ${status.retries} times` : '');
}

function drawScope(svg, layout, ox, oy, id, elements, onSelect, diagnostics) {
  const edgeLayer = s('g', { class: 'edges' });
  const nodeLayer = s('g', { class: 'nodes' });
  svg.append(edgeLayer, nodeLayer);
  for (const edge of layout.edges) {
    const d = edge.points.map((p, i) => (i ? 'L' : 'M') + (p.x + ox).toFixed(1) + ',' + (p.y + oy).toFixed(1)).join(' ');
    edgeLayer.append(s('path', { d, class: 'edge edge-' + edge.kind, 'marker-end': `url(#${id}-arrow)` }));
    if (edge.label) {
      const w = edge.label.length * 6.4 + 10;
      edgeLayer.append(s('g', { class: 'edge-label edge-label-' + edge.kind },
          s('rect', { x: edge.labelX + ox - w / 2, y: edge.labelY + oy - 9, width: w, height: 18, rx: 3 }),
          s('text', { x: edge.labelX + ox, y: edge.labelY + oy + 4, 'text-anchor': 'middle' }, edge.label)));
    }
  }
  for (const node of layout.nodes) {
    const x = node.x + ox;
    const y = node.y + oy;
    if (node.kind === MARKER) {
      nodeLayer.append(s('g', { class: 'marker-node' },
          s('rect', { x, y, width: node.width, height: node.height, rx: 14 }),
          s('text', { x: x + node.width / 2, y: y + 18, 'text-anchor': 'middle' }, node.label)));
      continue;
    }
    const name = node.id;
    const state = node.state;
    const problems = diagnostics.get(name);
    const group = s('g', {
      class: 'state type-' + String(state.Type).toLowerCase() + (node.kind === 'group' ? ' group' : '')
          + (problems ? ' has-diagnostic' : ''),
      tabindex: 0, role: 'button', 'data-state': name, 'data-status': 'none',
    });
    group.dataset.label = `${state.Type} state ${name}` + (problems ? ', ' + problems.length + ' problem(s)' : '');
    group.setAttribute('aria-label', group.dataset.label);
    const select = () => onSelect && onSelect(name);
    group.addEventListener('click', (event) => {
      event.stopPropagation();
      select();
    });
    group.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        select();
      }
    });
    if (problems) group.append(s('title', {}, problems.join('\n')));
    group.append(s('rect', { class: 'box', x, y, width: node.width, height: node.height, rx: 7 }));
    const textY = node.kind === 'group' ? y + 19 : y + 19;
    group.append(s('text', { class: 'name', x: x + 10, y: textY }, truncate(name, 34)));
    group.append(s('text', { class: 'type', x: x + node.width - 10, y: textY, 'text-anchor': 'end' }, state.Type));
    group.append(s('text', { class: 'count', x: x + node.width - 10, y: node.kind === 'group' ? y + node.height - 5 : y + 37,
      'text-anchor': 'end' }));
    if (Array.isArray(state.Retry) && state.Retry.length) {
      const retryText = '↻ Retry ' + state.Retry.map((r) => (r.ErrorEquals || []).join(',')).join('; ');
      group.dataset.retryText = truncate(retryText, 30);
      group.append(s('text', { class: 'retry', x: x + 10, y: node.kind === 'group' ? y + node.height - 4 : y + 37 },
          group.dataset.retryText));
    }
    if (problems) {
      group.append(s('text', { class: 'diagnostic-mark', x: x + node.width - 4, y: y + 4, 'text-anchor': 'end' }, '⚠'));
    }
    nodeLayer.append(group);
    elements.set(name, group);
    if (node.kind === 'group') {
      let cx = x + GROUP_PAD;
      const label = state.Type === 'Map' ? 'Item processor' : 'Branch';
      node.inner.forEach((inner, i) => {
        const ix = cx + (node.inner.length === 1 ? (node.width - 2 * GROUP_PAD - inner.width) / 2 : 0);
        nodeLayer.append(s('rect', { class: 'scope', x: ix, y: y + GROUP_HEADER, width: inner.width,
          height: inner.height, rx: 5 }));
        nodeLayer.append(s('text', { class: 'scope-label', x: ix + 6, y: y + GROUP_HEADER + 11 },
            node.inner.length > 1 ? `${label} ${i + 1}` : label));
        drawScope(svg, inner, ix, y + GROUP_HEADER, id, elements, onSelect, diagnostics);
        cx += inner.width + GROUP_PAD;
      });
    }
  }
}

/** The legend of the colours that {@code paint} uses. */
export function legend() {
  const items = [['succeeded', 'Succeeded'], ['failed', 'Failed'], ['caught', 'Caught'], ['retried', 'Retried'],
    ['running', 'Running'], ['notreached', 'Not reached']];
  return h('ul', { class: 'legend', 'aria-label': 'Colour legend' },
      items.map(([key, text]) => h('li', {}, h('span', { class: 'swatch', 'data-status': key }), text)));
}
