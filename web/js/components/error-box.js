// Turns an error into plain words (lib/errors.js: headline, what to do, a 422's paths) in
// an alert; a 401 offers the way back to sign-in (the app has already signed out).
import { h } from '../dom.js';
import { ApiError } from '../api.js';
import { describe } from '../lib/errors.js';

// A headline in plain words for an error of any kind.
export function headline(err) {
  return describe(err instanceof ApiError ? err : null).headline;
}

// An alert element: headline, what to do, the server's own message, the details list.
// special(err): a route's own wording ({headline, advice, details}) or null for the general.
export function errorBox(err, { title, special } = {}) {
  const api = err instanceof ApiError;
  const d = (api && special && special(err)) || describe(api ? err : null);
  const own = api && err.status !== 0 ? err.message : '';
  return h('div', { class: 'alert', role: 'alert' },
    h('p', { class: 'alert-title' }, title || d.headline),
    title && d.headline !== title ? h('p', {}, d.headline) : null,
    d.advice ? h('p', {}, d.advice) : null,
    own && own !== d.headline ? h('p', { class: 'muted' }, own) : null,
    d.details.length
      ? h('ul', { class: 'problems', 'aria-label': 'Error details' },
        d.details.map((x) => h('li', {}, x.path ? [h('code', {}, x.path), ' '] : null, x.message)))
      : null,
    d.signIn ? h('p', {}, h('a', { href: '#/new' }, 'Sign in again')) : null,
    api && err.status ? h('p', { class: 'alert-meta' }, `HTTP ${err.status} · ${err.code}`) : null);
}
