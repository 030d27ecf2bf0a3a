// Dashboard entry point: wires the API to the store (token in, 401 out), keeps the header
// and the status line in step with the store, and mounts the view the route names.
import { api, configure } from './api.js';
import { getState, subscribe, update, signOut } from './store.js';
import { startRouter } from './router.js';
import { replace } from './dom.js';
import { authView } from './views/auth.js';
import { newBackendView } from './views/new-backend.js';
import { projectsView } from './views/projects.js';
import { projectView } from './views/project.js';
import { advancedView } from './views/advanced.js';

const $ = (id) => document.getElementById(id);

const VIEWS = {
  new: { view: newBackendView, title: 'New backend' },
  projects: { view: projectsView, title: 'Projects' },
  project: { view: projectView, title: 'Project' },
  advanced: { view: advancedView, title: 'Advanced' },
};

configure({
  getToken: () => getState().token,
  onUnauthorized: () => {
    if (getState().token) signOut('Your session has ended. Please sign in again.', 'error');
  },
});

// What is mounted now, so a store change re-renders only when the screen really changes.
let mounted = null;

function renderView(state) {
  const view = $('view');
  // With a token the routed view mounts at once, while /auth/me confirms it in parallel
  // (one round trip less before the first paint); a 401 from either signs out.
  const signedIn = Boolean(state.user || state.token);
  let key = 'auth';
  // The open file and the version the code browser shows are its business: choosing one
  // does not rebuild the page.
  if (signedIn) {
    const { file, version, ...params } = state.route.params;
    key = `${state.route.name}:${JSON.stringify(params)}`;
  }
  if (key === mounted) return;
  mounted = key;
  if (!signedIn) {
    replace(view, authView());
    document.title = 'Sign in · Backforge';
    return;
  }
  const { view: make, title } = VIEWS[state.route.name] || VIEWS.new;
  const hadView = view.childElementCount > 0; // not on the first paint
  replace(view, make(state.route.params));
  document.title = `${title} · Backforge`;
  // A new screen takes the focus, so keyboard and screen-reader users start at its top.
  if (hadView) view.focus();
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.route === state.route.name || (a.dataset.route === 'projects' && state.route.name === 'project')) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  }
}

function renderChrome(state) {
  $('nav').hidden = !state.user;
  $('account').hidden = !state.user;
  $('account-email').textContent = state.user ? state.user.email : '';
  const status = $('status');
  status.textContent = state.message.text;
  status.dataset.kind = state.message.kind;
}

function render(state, keys) {
  renderChrome(state);
  if (!keys || keys.some((k) => k === 'user' || k === 'route' || k === 'token')) renderView(state);
}

async function restoreSession() {
  if (!getState().token) return;
  try {
    update({ user: await api.me() });
  } catch (err) {
    // A 401 has already signed out through the hook; anything else leaves the token be
    // but shows the sign-in screen with the reason.
    if (err.status !== 401) signOut(`Could not restore your session: ${err.message}`, 'error');
  }
}

function start() {
  subscribe(render);
  $('sign-out').addEventListener('click', () => {
    signOut('You are signed out.');
  });
  // Messages are about what just happened; a new screen clears them.
  window.addEventListener('hashchange', () => {
    if (getState().message.text) update({ message: { text: '', kind: 'info' } });
  });
  startRouter();
  render(getState());
  api.health().then((hh) => {
    $('version').textContent = hh && hh.version ? `Backforge ${hh.version}` : '';
  }).catch(() => {});
  restoreSession();
}

start();
