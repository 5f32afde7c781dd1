// The dialog that starts an execution, with a JSON input editor that is validated as it is typed.
import { call } from './api.js';
import { h } from './dom.js';
import { navigate, showError } from './app.js';

export function openStartDialog(stateMachineArn, initialInput = '{}') {
  const name = h('input', { id: 'execution-name', autocomplete: 'off', placeholder: 'generated when empty' });
  const input = h('textarea', { id: 'execution-input', rows: 12, spellcheck: 'false', 'aria-describedby': 'input-status' });
  input.value = initialInput;
  const status = h('p', { id: 'input-status', class: 'help', 'aria-live': 'polite' });
  const start = h('button', { type: 'submit', class: 'primary', id: 'start-confirm' }, 'Start execution');
  const check = () => {
    try {
      JSON.parse(input.value);
      input.removeAttribute('aria-invalid');
      status.textContent = 'Valid JSON.';
      status.className = 'help ok';
      start.disabled = false;
    } catch (e) {
      input.setAttribute('aria-invalid', 'true');
      status.textContent = 'Not valid JSON: ' + e.message;
      status.className = 'help error';
      start.disabled = true;
    }
  };
  input.addEventListener('input', check);
  const dialog = h('dialog', { id: 'start-dialog', 'aria-labelledby': 'start-title' },
      h('form', { method: 'dialog', onsubmit: async (event) => {
        event.preventDefault();
        try {
          const started = await call('StartExecution', { stateMachineArn, input: input.value,
            ...(name.value ? { name: name.value } : {}) });
          dialog.close();
          navigate('#/execution/' + encodeURIComponent(started.executionArn));
        } catch (error) {
          showError(error);
        }
      } },
      h('h2', { id: 'start-title' }, 'Start execution'),
      h('label', { for: 'execution-name' }, 'Name'), name,
      h('label', { for: 'execution-input' }, 'Input (JSON)'), input, status,
      h('div', { class: 'actions' },
          h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'), start)));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  check();
  dialog.showModal();
  input.focus();
}
