// Dashboard entry point: wires the account forms to the API and shows the view that fits
// the store (signed out: log in / register; signed in: the account and log out).
import { api, ApiError } from './api.js';
import { getState, subscribe, update } from './store.js';

const $ = (id) => document.getElementById(id);

function say(message, kind = 'info') {
  const el = $('status');
  el.textContent = message;
  el.dataset.kind = kind;
}

function describe(err) {
  if (!(err instanceof ApiError)) return 'Something went wrong.';
  if (err.status === 429) return `${err.message} Please wait a moment.`;
  return err.message;
}

function render({ user }) {
  $('signed-out').hidden = Boolean(user);
  $('signed-in').hidden = !user;
  if (user) {
    $('account-email').textContent = user.email ?? '';
    $('account-id').textContent = String(user.id ?? '');
    const created = user.created_at ? new Date(user.created_at) : null;
    $('account-created').textContent =
      created && !Number.isNaN(created.valueOf()) ? created.toLocaleString() : '';
  }
}

async function loadUser() {
  const { token } = getState();
  if (!token) {
    update({ user: null });
    return;
  }
  try {
    update({ user: await api.me(token) });
  } catch (err) {
    update({ token: null, user: null });
    if (err instanceof ApiError && err.status === 401) say('Your session has ended; please log in again.');
    else say(describe(err), 'error');
  }
}

async function logIn(email, password) {
  const answer = await api.login(email, password);
  update({ token: answer.access_token });
  await loadUser();
}

function busy(form, on) {
  for (const el of form.elements) el.disabled = on;
}

function onSubmit(form, action) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const email = form.elements.email.value.trim();
    const password = form.elements.password.value;
    if (!email || !password) {
      say('Please enter an email and a password.', 'error');
      return;
    }
    busy(form, true);
    try {
      await action(email, password);
      form.reset();
    } catch (err) {
      say(describe(err), 'error');
    } finally {
      busy(form, false);
    }
  });
}

function start() {
  subscribe(render);
  render(getState());
  onSubmit($('login-form'), async (email, password) => {
    await logIn(email, password);
    say('Logged in.');
  });
  onSubmit($('register-form'), async (email, password) => {
    await api.register(email, password);
    await logIn(email, password);
    say('Account created; you are logged in.');
  });
  $('logout').addEventListener('click', () => {
    update({ token: null, user: null });
    say('Logged out.');
    $('login-email').focus();
  });
  api.health().then((h) => {
    $('version').textContent = h && h.version ? `Backforge ${h.version}` : '';
  }).catch(() => {});
  loadUser();
}

start();
