// The console's router: each hash route renders one view into <main>; a view may return a cleanup function.
import { ApiError, needsCredentials } from './api.js';
import { h } from './dom.js';
import { listView, createView } from './machines.js';
import { machineView } from './machine.js';
import { executionView } from './execution.js';

const main = document.getElementById('main');
const banner = document.getElementById('banner');
let cleanup = null;
let routed = false;

export function showError(error) {
  if (needsCredentials(error)) {
    banner.textContent = 'This server accepts only SigV4-signed API requests, which the console cannot make: '
        + 'it needs credentials. Serve Stepwise on loopback without access keys to use the console.';
  } else {
    banner.textContent = error instanceof ApiError ? `${error.type}: ${error.message}` : String(error.message || error);
  }
  banner.hidden = false;
}

export function clearError() {
  banner.hidden = true;
  banner.textContent = '';
}

async function route() {
  if (cleanup) cleanup();
  cleanup = null;
  clearError();
  const hash = location.hash.replace(/^#/, '') || '/';
  const [, view, ...rest] = hash.split('/');
  const arg = decodeURIComponent(rest.join('/'));
  main.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  // The first view counts from navigation start, so its timings include loading the page and its scripts.
  const context = { started: routed ? performance.now() : 0 };
  routed = true;
  try {
    let rendered;
    if (view === 'machine' && arg) rendered = await machineView(arg, context);
    else if (view === 'execution' && arg) rendered = await executionView(arg, context);
    else if (view === 'create') rendered = await createView(context);
    else rendered = await listView(context);
    main.replaceChildren(rendered.element);
    cleanup = rendered.cleanup || null;
    if (rendered.after) rendered.after();
    const heading = main.querySelector('h1');
    document.title = (heading ? heading.textContent + ' – ' : '') + 'Stepwise console';
  } catch (error) {
    main.replaceChildren(h('p', {}, 'This view could not be loaded.'));
    showError(error);
  }
}

export function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

window.addEventListener('hashchange', route);
window.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  showError(event.reason);
});
route();
