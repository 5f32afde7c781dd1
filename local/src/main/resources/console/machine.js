// One state machine: its graph beside its ASL, its executions (filtered by status, paged), versions and aliases.
import { call, all } from './api.js';
import { h, formatDate, statusBadge, lastSegment, pretty } from './dom.js';
import { renderGraph } from './graph.js';
import { openStartDialog } from './start-dialog.js';
import { showError } from './app.js';

const STATUSES = ['', 'RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];
const PAGE = 20;

export function executionsTable(stateMachineArn) {
  const filter = h('select', { id: 'status-filter' }, STATUSES.map((status) => h('option', { value: status }, status || 'All')));
  const body = h('tbody');
  const pageLabel = h('span', { class: 'page-label', 'aria-live': 'polite' });
  const previous = h('button', { type: 'button', id: 'executions-previous' }, 'Previous');
  const next = h('button', { type: 'button', id: 'executions-next' }, 'Next');
  const tokens = [undefined];
  let page = 0;
  let nextToken;
  const load = async () => {
    const response = await call('ListExecutions', { stateMachineArn, maxResults: PAGE,
      ...(filter.value ? { statusFilter: filter.value } : {}), ...(tokens[page] ? { nextToken: tokens[page] } : {}) });
    nextToken = response.nextToken;
    body.replaceChildren(...(response.executions || []).map((execution) => h('tr', {},
        h('td', {}, h('a', { href: '#/execution/' + encodeURIComponent(execution.executionArn) }, execution.name)),
        h('td', {}, statusBadge(execution.status)),
        h('td', {}, formatDate(execution.startDate)),
        h('td', {}, formatDate(execution.stopDate)))));
    if (!body.children.length) body.append(h('tr', {}, h('td', { colspan: 4, class: 'empty' }, 'No executions.')));
    previous.disabled = page === 0;
    next.disabled = !nextToken;
    pageLabel.textContent = 'Page ' + (page + 1);
  };
  filter.addEventListener('change', () => {
    tokens.length = 1;
    page = 0;
    load().catch(showError);
  });
  previous.addEventListener('click', () => {
    page = Math.max(0, page - 1);
    load().catch(showError);
  });
  next.addEventListener('click', () => {
    tokens[page + 1] = nextToken;
    page += 1;
    load().catch(showError);
  });
  const element = h('section', { 'aria-labelledby': 'executions-title' },
      h('div', { class: 'title-row' }, h('h2', { id: 'executions-title' }, 'Executions'),
          h('label', { for: 'status-filter' }, 'Status '), filter),
      h('table', { class: 'list', id: 'executions' },
          h('thead', {}, h('tr', {}, ['Name', 'Status', 'Started', 'Stopped'].map((t) => h('th', { scope: 'col' }, t)))),
          body),
      h('div', { class: 'pager' }, previous, pageLabel, next));
  return { element, load };
}

export async function machineView(arn) {
  const machine = await call('DescribeStateMachine', { stateMachineArn: arn });
  const [versions, aliases] = await Promise.all([
    all('ListStateMachineVersions', { stateMachineArn: arn }, 'stateMachineVersions').catch(() => []),
    all('ListStateMachineAliases', { stateMachineArn: arn }, 'stateMachineAliases').catch(() => []),
  ]);
  const definition = JSON.parse(machine.definition);
  const graph = renderGraph(definition, {});
  const executions = executionsTable(arn);
  await executions.load();
  const element = h('section', { 'aria-labelledby': 'machine-title' },
      h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'State machines'), ' / '),
      h('div', { class: 'title-row' },
          h('h1', { id: 'machine-title' }, machine.name),
          statusBadge(machine.status),
          h('button', { type: 'button', class: 'primary', id: 'start-execution',
            onclick: () => openStartDialog(arn) }, 'Start execution')),
      h('dl', { class: 'facts' },
          h('dt', {}, 'ARN'), h('dd', {}, h('code', {}, arn)),
          h('dt', {}, 'Type'), h('dd', {}, machine.type),
          h('dt', {}, 'Created'), h('dd', {}, formatDate(machine.creationDate)),
          h('dt', {}, 'Role'), h('dd', {}, machine.roleArn)),
      h('div', { class: 'split' },
          h('div', { class: 'graph-box', id: 'definition-graph' }, graph.element),
          h('div', {}, h('h2', {}, 'Definition'), h('pre', { class: 'asl', tabindex: 0, 'aria-label': 'Definition' },
              pretty(machine.definition)))),
      executions.element,
      h('div', { class: 'split' },
          h('section', { 'aria-labelledby': 'versions-title' }, h('h2', { id: 'versions-title' }, 'Versions'),
              versions.length ? h('table', { class: 'list', id: 'versions' },
                  h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Version'), h('th', { scope: 'col' }, 'Created'))),
                  h('tbody', {}, versions.map((v) => h('tr', {}, h('td', {}, lastSegment(v.stateMachineVersionArn)),
                      h('td', {}, formatDate(v.creationDate))))))
                : h('p', { class: 'empty' }, 'No versions.')),
          h('section', { 'aria-labelledby': 'aliases-title' }, h('h2', { id: 'aliases-title' }, 'Aliases'),
              aliases.length ? h('table', { class: 'list', id: 'aliases' },
                  h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Alias'), h('th', { scope: 'col' }, 'Created'))),
                  h('tbody', {}, aliases.map((a) => h('tr', {}, h('td', {}, lastSegment(a.stateMachineAliasArn)),
                      h('td', {}, formatDate(a.creationDate))))))
                : h('p', { class: 'empty' }, 'No aliases.'))));
  return { element };
}
