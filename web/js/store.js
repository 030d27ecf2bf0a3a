// The dashboard's one store: the bearer token (kept in sessionStorage, so it dies with the
// tab) and the signed-in user. Views subscribe and re-render on every change.

const TOKEN_KEY = 'backforge.token';
const listeners = new Set();
const state = { token: sessionStorage.getItem(TOKEN_KEY), user: null };

export function getState() {
  return { ...state };
}

export function subscribe(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function update(changes) {
  Object.assign(state, changes);
  if ('token' in changes) {
    if (state.token) sessionStorage.setItem(TOKEN_KEY, state.token);
    else sessionStorage.removeItem(TOKEN_KEY);
  }
  for (const fn of listeners) fn(getState());
}
