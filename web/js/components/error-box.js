// Turns an error into plain words with its details: the refusal list of a 422 (path and
// message), when a 429 quota resets, that a 502 came from the model provider, that a 503
// busy means every worker allowed to wait on the model is taken.
import { h } from '../dom.js';
import { ApiError } from '../api.js';

function nextUtcMidnight() {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

function resetTime(err) {
  // Rounded to the minute: Retry-After counts whole seconds from the server's clock.
  const at = err.retryAfter !== null && err.retryAfter !== undefined
    ? new Date(Math.round((Date.now() + err.retryAfter * 1000) / 60000) * 60000)
    : nextUtcMidnight();
  // dateStyle cannot be combined with timeZoneName, hence the separate fields.
  return at.toLocaleString(undefined, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
  });
}

// A headline in plain words for an error of any kind.
export function headline(err) {
  if (!(err instanceof ApiError)) return 'Something went wrong in the page. Reload and try again.';
  switch (err.status) {
    case 0: return err.message;
    case 401: return 'Your session has ended. Please sign in again.';
    case 404: return 'Not found: it may have been deleted.';
    case 413: return 'That is too large for the server to accept.';
    case 422:
      return err.code === 'unrecognized_prompt'
        ? 'The planner could not find anything to build in that prompt.'
        : 'Refused: fix the points below and try again.';
    case 429:
      return err.code === 'quota_exceeded'
        ? `You have used today's generation quota. It resets at ${resetTime(err)}.`
        : `Too many attempts. Try again after ${resetTime(err)}.`;
    case 502: return 'The model provider failed to answer. Try again, or choose another model.';
    case 503:
      return err.code === 'busy'
        ? 'The model is busy with other generations. Try again in a few seconds, or use the offline planner.'
        : 'The service is temporarily unavailable. Try again in a minute.';
    default: return err.status >= 500 ? 'The server failed. Try again in a minute.' : 'The request failed.';
  }
}

// An alert element: headline, the server's own message, and the details list if any.
export function errorBox(err, { title } = {}) {
  const details = err instanceof ApiError && Array.isArray(err.details) ? err.details : [];
  const own = err instanceof ApiError && err.status !== 0 ? err.message : '';
  return h('div', { class: 'alert', role: 'alert' },
    h('p', { class: 'alert-title' }, title || headline(err)),
    own && own !== headline(err) ? h('p', {}, own) : null,
    details.length
      ? h('ul', { class: 'problems', 'aria-label': 'Error details' },
        details.map((d) => h('li', {},
          d && d.path ? h('code', {}, d.path) : null,
          d && d.path ? ' ' : null,
          d && typeof d === 'object' ? d.message ?? JSON.stringify(d) : String(d))))
      : null,
    err instanceof ApiError && err.status
      ? h('p', { class: 'alert-meta' }, `HTTP ${err.status} · ${err.code}`) : null);
}
