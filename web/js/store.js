// The dashboard's one store: the bearer token (kept in sessionStorage, so it dies with the
// tab), the signed-in user, the model list, the current route and the status message.
// Views read it with getState and re-render on changes they subscribe to.

const TOKEN_KEY = 'backforge.token';
const listeners = new Set();

function readToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null; // storage disabled: the session lasts until the page is left
  }
}

const state = {
  token: readToken(),
  user: null,
  models: null, // [{id, name, provider, default}] once loaded
  route: { name: 'new', params: {} },
  // The line under the header: {text, kind: 'info' | 'error'}; views keep their own
  // detailed errors next to the control that caused them.
  message: { text: '', kind: 'info' },
};

export function getState() {
  return state;
}

// fn(state, changedKeys) runs after every update.
export function subscribe(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function update(changes) {
  Object.assign(state, changes);
  if ('token' in changes) {
    try {
      if (state.token) sessionStorage.setItem(TOKEN_KEY, state.token);
      else sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      // storage disabled: the token lives in memory only
    }
  }
  const keys = Object.keys(changes);
  for (const fn of listeners) fn(state, keys);
}

export function say(text, kind = 'info') {
  update({ message: { text, kind } });
}

export function signOut(text, kind = 'info') {
  update({ token: null, user: null, message: { text, kind } });
}
