// One execution: its graph coloured by what each state did, the selected state's input, output, error and events,
// the event table, a timeline of state durations, and Stop / Redrive / New execution. While the execution runs
// the view polls the API for new events and repaints without a page reload.
import { call } from './api.js';
import { h, fill, formatDate, formatDuration, statusBadge, pretty, toDate } from './dom.js';
import { renderGraph, stateIndex, legend } from './graph.js';
import { HistoryModel, detailsOf } from './history.js';
import { eventTable } from './events.js';
import { timeline } from './timeline.js';
import { openStartDialog } from './start-dialog.js';
import { showError, navigate } from './app.js';

const HISTORY_PAGE = 1000;
const POLL_MS = 1000;

export async function executionView(executionArn, context) {
  const [execution, forExecution, first] = await Promise.all([
    call('DescribeExecution', { executionArn }),
    call('DescribeStateMachineForExecution', { executionArn }),
    call('GetExecutionHistory', { executionArn, maxResults: HISTORY_PAGE }),
  ]);
  let current = execution;
  const definition = JSON.parse(forExecution.definition);
  const model = new HistoryModel(stateIndex(definition));
  model.add(first.events || []);
  let selected = null;

  const header = h('div', { class: 'execution-header' });
  const panel = h('aside', { class: 'state-panel', id: 'state-panel', 'aria-live': 'polite', 'aria-label': 'Selected state' },
      h('p', { class: 'help' }, 'Select a state in the graph to see its input, output, error and events.'));
  const graph = renderGraph(definition, { onSelect: (name) => select(name) });
  const events = eventTable(model);
  const times = timeline(model, () => current.status);
  const io = h('div', { class: 'split io' });
  const progress = h('p', { class: 'help', id: 'history-progress', 'aria-live': 'polite' });

  const renderHeader = () => {
    const actions = [];
    if (current.status === 'RUNNING') {
      actions.push(h('button', { type: 'button', id: 'stop', class: 'danger', onclick: () => act('StopExecution',
          { executionArn, error: 'Console.Stop', cause: 'Stopped from the Stepwise console' }) }, 'Stop'));
    }
    if (current.redriveStatus === 'REDRIVABLE') {
      actions.push(h('button', { type: 'button', id: 'redrive', onclick: () => act('RedriveExecution', { executionArn }) },
          'Redrive'));
    }
    actions.push(h('button', { type: 'button', id: 'new-execution',
      onclick: () => openStartDialog(current.stateMachineArn, pretty(current.input || '{}')) }, 'New execution'));
    const stop = toDate(current.stopDate);
    header.replaceChildren(
        h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'State machines'), ' / ',
            h('a', { href: '#/machine/' + encodeURIComponent(current.stateMachineArn) }, forExecution.name), ' / '),
        h('div', { class: 'title-row' }, h('h1', { id: 'execution-title' }, current.name),
            h('span', { id: 'execution-status' }, statusBadge(current.status)), ...actions),
        h('dl', { class: 'facts' },
            h('dt', {}, 'Started'), h('dd', {}, formatDate(current.startDate)),
            h('dt', {}, 'Stopped'), h('dd', {}, formatDate(current.stopDate)),
            h('dt', {}, 'Duration'), h('dd', {}, formatDuration((stop ? stop.getTime() : Date.now())
                - toDate(current.startDate).getTime())),
            current.redriveCount ? [h('dt', {}, 'Redrives'), h('dd', {}, current.redriveCount)] : null,
            current.error ? [h('dt', {}, 'Error'), h('dd', { class: 'error' }, current.error + (current.cause
              ? ': ' + current.cause : ''))] : null));
    io.replaceChildren(
        h('section', { 'aria-labelledby': 'input-title' }, h('h2', { id: 'input-title' }, 'Execution input'),
            h('pre', { class: 'json', tabindex: 0 }, pretty(current.input))),
        h('section', { 'aria-labelledby': 'output-title' }, h('h2', { id: 'output-title' }, 'Execution output'),
            h('pre', { class: 'json', tabindex: 0 }, current.output !== undefined ? pretty(current.output) : '—')));
  };

  const act = async (operation, body) => {
    try {
      await call(operation, body);
      navigate(location.hash);
    } catch (error) {
      showError(error);
    }
  };

  const select = (name) => {
    selected = name;
    graph.select(name);
    const state = model.states.get(name);
    const status = model.statuses(current.status).get(name);
    const occurrence = model.last(name);
    const stateEvents = model.eventsOf(name);
    const shown = stateEvents.slice(-100);
    fill(panel,
        h('h2', { id: 'panel-title' }, name),
        h('p', {}, state ? state.type : '', ' · ', status ? status.status : 'not reached',
            status && status.entered > 1 ? ` · entered ${status.entered}×` : '',
            status && status.retries ? ` · retried ${status.retries}×` : ''),
        occurrence ? [
          h('h3', {}, 'Input'), h('pre', { class: 'json', id: 'state-input', tabindex: 0 }, pretty(occurrence.input)),
          h('h3', {}, 'Output'), h('pre', { class: 'json', id: 'state-output', tabindex: 0 },
              occurrence.output !== undefined ? pretty(occurrence.output) : '—'),
          occurrence.error || occurrence.cause ? [h('h3', {}, 'Error'), h('pre', { class: 'json error', id: 'state-error' },
              (occurrence.error || '') + (occurrence.cause ? '\n' + pretty(occurrence.cause) : ''))] : null,
          h('h3', {}, `Events (${stateEvents.length}${stateEvents.length > shown.length ? ', last 100 shown' : ''})`),
          h('ol', { class: 'state-events' }, shown.map((event) => h('li', {},
              h('details', {}, h('summary', {}, `#${event.id} ${event.type} `, h('time', {}, formatDate(event.timestamp))),
                  h('pre', { class: 'json' }, JSON.stringify(detailsOf(event) || {}, null, 2)))))),
        ] : h('p', {}, 'This state was not reached.'));
  };

  const paint = () => {
    progress.textContent = `${model.events.length} events${nextToken ? ' loaded so far…' : '.'}`;
    graph.paint(model.statuses(current.status));
    events.refresh();
    times.refresh();
    if (selected) select(selected);
  };

  renderHeader();
  graph.paint(model.statuses(current.status));
  const element = h('section', { 'aria-labelledby': 'execution-title', class: 'execution' },
      header,
      h('div', { class: 'graph-row' },
          h('div', { class: 'graph-box', id: 'execution-graph' }, legend(), graph.element),
          panel),
      progress,
      io,
      events.element,
      times.element);

  let stopped = false;
  let timer = null;
  let nextToken = first.nextToken;

  const loadRest = async () => {
    while (nextToken && !stopped) {
      const page = await call('GetExecutionHistory', { executionArn, maxResults: HISTORY_PAGE, nextToken });
      model.add(page.events || []);
      nextToken = page.nextToken;
      paint();
    }
    progress.textContent = `${model.events.length} events.`;
    document.body.dataset.historyLoadedMs = String(Math.round(performance.now() - context.started));
  };

  const poll = async () => {
    if (stopped) return;
    try {
      const described = await call('DescribeExecution', { executionArn });
      const lastId = model.events.length ? model.events[model.events.length - 1].id : 0;
      const fresh = [];
      let token;
      do {
        const page = await call('GetExecutionHistory', { executionArn, reverseOrder: true, maxResults: 200,
          ...(token ? { nextToken: token } : {}) });
        const newer = (page.events || []).filter((event) => event.id > lastId);
        fresh.push(...newer);
        token = newer.length === (page.events || []).length ? page.nextToken : undefined;
      } while (token);
      fresh.sort((a, b) => a.id - b.id);
      model.add(fresh);
      const changed = described.status !== current.status || described.redriveCount !== current.redriveCount;
      current = described;
      if (changed || fresh.length) {
        renderHeader();
        paint();
      }
    } catch (error) {
      showError(error);
    }
    if (!stopped && current.status === 'RUNNING') timer = setTimeout(poll, POLL_MS);
  };

  const after = () => {
    // Milliseconds from navigation (or from the click that routed here) to the coloured graph and first events.
    document.body.dataset.firstRenderMs = String(Math.round(performance.now() - context.started));
    loadRest().then(() => {
      if (current.status === 'RUNNING') timer = setTimeout(poll, POLL_MS);
    }).catch(showError);
  };
  const cleanup = () => {
    stopped = true;
    clearTimeout(timer);
    delete document.body.dataset.firstRenderMs;
    delete document.body.dataset.historyLoadedMs;
  };
  return { element, after, cleanup };
}
