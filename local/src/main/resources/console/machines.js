// The list of state machines and the form that creates one, with validation shown on a preview graph.
import { call, all } from './api.js';
import { h, formatDate, statusBadge } from './dom.js';
import { renderGraph } from './graph.js';
import { showError, clearError, navigate } from './app.js';

export async function listView() {
  const machines = await all('ListStateMachines', { maxResults: 100 }, 'stateMachines');
  const rows = machines.map((machine) => {
    const last = h('td', { class: 'last-status' }, '…');
    call('ListExecutions', { stateMachineArn: machine.stateMachineArn, maxResults: 1 })
        .then((page) => last.replaceChildren(page.executions && page.executions.length
          ? statusBadge(page.executions[0].status) : '—'))
        .catch(() => last.replaceChildren('—'));
    return h('tr', {},
        h('td', {}, h('a', { href: '#/machine/' + encodeURIComponent(machine.stateMachineArn) }, machine.name)),
        h('td', {}, machine.type),
        h('td', {}, formatDate(machine.creationDate)),
        last);
  });
  const element = h('section', { 'aria-labelledby': 'machines-title' },
      h('div', { class: 'title-row' },
          h('h1', { id: 'machines-title' }, 'State machines'),
          h('a', { class: 'button primary', href: '#/create' }, 'Create state machine')),
      machines.length
        ? h('table', { class: 'list', id: 'machines' },
            h('caption', { class: 'sr-only' }, 'State machines'),
            h('thead', {}, h('tr', {}, ['Name', 'Type', 'Created', 'Last execution'].map((t) => h('th', { scope: 'col' }, t)))),
            h('tbody', {}, rows))
        : h('p', { class: 'empty' }, 'No state machines yet.'));
  return { element };
}

const SAMPLE = JSON.stringify({
  Comment: 'A sample machine',
  StartAt: 'Hello',
  States: { Hello: { Type: 'Pass', Result: { hello: 'world' }, Next: 'Done' }, Done: { Type: 'Succeed' } },
}, null, 2);

/** Maps a diagnostic's location (a JSON pointer or path into the definition) to the state it names. */
export function diagnosticsByState(diagnostics) {
  const byState = new Map();
  for (const diagnostic of diagnostics || []) {
    const location = String(diagnostic.location || '');
    const parts = location.split('/').filter(Boolean);
    let name = null;
    for (let i = parts.length - 2; i >= 0; i--) {
      if (parts[i] === 'States') {
        name = decodeURIComponent(parts[i + 1]).replace(/~1/g, '/').replace(/~0/g, '~');
        break;
      }
    }
    if (name) {
      if (!byState.has(name)) byState.set(name, []);
      byState.get(name).push(`${diagnostic.code}: ${diagnostic.message}`);
    }
  }
  return byState;
}

export async function createView() {
  const name = h('input', { id: 'machine-name', name: 'name', required: true, autocomplete: 'off', value: 'my-machine' });
  const type = h('select', { id: 'machine-type', name: 'type' }, h('option', {}, 'STANDARD'), h('option', {}, 'EXPRESS'));
  const role = h('input', { id: 'machine-role', name: 'role', value: 'arn:aws:iam::123456789012:role/stepwise' });
  const definition = h('textarea', { id: 'machine-definition', name: 'definition', rows: 22, spellcheck: 'false',
    'aria-describedby': 'definition-help' });
  definition.value = SAMPLE;
  const diagnostics = h('div', { id: 'diagnostics', 'aria-live': 'polite' });
  const preview = h('div', { class: 'graph-box', id: 'preview', 'aria-label': 'Preview graph' });

  const validate = async () => {
    clearError();
    let parsed;
    try {
      parsed = JSON.parse(definition.value);
    } catch (e) {
      definition.setAttribute('aria-invalid', 'true');
      diagnostics.replaceChildren(h('p', { class: 'error' }, 'The definition is not JSON: ' + e.message));
      return false;
    }
    definition.removeAttribute('aria-invalid');
    const result = await call('ValidateStateMachineDefinition', { definition: definition.value, type: type.value });
    const found = result.diagnostics || [];
    diagnostics.replaceChildren(found.length
      ? h('ul', { class: 'diagnostics' }, found.map((d) => h('li', { class: 'severity-' + String(d.severity).toLowerCase() },
          h('strong', {}, d.severity + ' ' + d.code), ' ', d.message, d.location ? h('code', {}, ' at ' + d.location) : '')))
      : h('p', { class: 'ok' }, 'The definition is valid.'));
    try {
      const graph = renderGraph(parsed, { diagnostics: diagnosticsByState(found) });
      preview.replaceChildren(graph.element);
    } catch (e) {
      preview.replaceChildren(h('p', {}, 'No graph: ' + e.message));
    }
    return result.result === 'OK';
  };

  const form = h('form', { class: 'create', 'aria-labelledby': 'create-title', novalidate: true,
    onsubmit: async (event) => {
      event.preventDefault();
      try {
        if (!(await validate())) return;
        const created = await call('CreateStateMachine', { name: name.value, type: type.value,
          roleArn: role.value, definition: definition.value });
        navigate('#/machine/' + encodeURIComponent(created.stateMachineArn));
      } catch (error) {
        showError(error);
      }
    } },
  h('h1', { id: 'create-title' }, 'Create state machine'),
  h('div', { class: 'fields' },
      h('label', { for: 'machine-name' }, 'Name'), name,
      h('label', { for: 'machine-type' }, 'Type'), type,
      h('label', { for: 'machine-role' }, 'Role ARN'), role),
  h('div', { class: 'split' },
      h('div', {},
          h('label', { for: 'machine-definition' }, 'Definition (Amazon States Language)'),
          h('p', { id: 'definition-help', class: 'help' }, 'Validate shows problems on the graph as well as here.'),
          definition),
      h('div', {}, h('h2', {}, 'Graph'), preview, diagnostics)),
  h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'validate', onclick: () => validate().catch(showError) }, 'Validate'),
      h('button', { type: 'submit', class: 'primary', id: 'create' }, 'Create')));
  return { element: form, after: () => validate().catch(showError) };
}
