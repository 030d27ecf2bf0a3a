// An API error in plain words: the headline, what to do next, and the details to list (a
// 422's paths). Pure, so the unit test checks every case; components/error-box.js shows it.

function nextUtcMidnight(now) {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

// When a refused request may be tried again: Retry-After seconds from now, rounded to the
// nearest minute (the header counts whole seconds from the server's clock), or (no
// header) the next UTC midnight, when the daily quota starts again.
export function retryAt(retryAfter, now = new Date()) {
  if (retryAfter !== null && retryAfter !== undefined && Number.isFinite(Number(retryAfter))) {
    return new Date(Math.round((now.getTime() + Number(retryAfter) * 1000) / 60000) * 60000);
  }
  return nextUtcMidnight(now);
}

export function formatWhen(date) {
  return date.toLocaleString(undefined, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
  });
}

// err: {status, code, message, details, retryAfter}; returns {headline, advice, details,
// signIn}. status 0 is "no answer" (network), with err.message already in words.
export function describe(err, now = new Date()) {
  const e = err || {};
  const details = Array.isArray(e.details)
    ? e.details.map((d) => (d && typeof d === 'object'
      ? { path: d.path || '', message: d.message ?? JSON.stringify(d) }
      : { path: '', message: String(d) }))
    : [];
  const out = { headline: '', advice: '', details, signIn: false };
  switch (e.status) {
    case undefined:
    case null:
      out.headline = 'Something went wrong in the page.';
      out.advice = 'Reload the page and try again.';
      break;
    case 0:
      out.headline = e.message || 'Cannot reach the server.';
      out.advice = 'Check your connection and try again.';
      break;
    case 401:
      out.headline = 'Your session has ended.';
      out.advice = 'Sign in again to go on.';
      out.signIn = true;
      break;
    case 404:
      out.headline = 'Not found: it may have been deleted, or it belongs to another account.';
      out.advice = 'Go back to your projects.';
      break;
    case 413:
      out.headline = 'That is too large for the server to accept.';
      out.advice = 'Make it smaller and try again.';
      break;
    case 422:
      out.headline = e.code === 'unrecognized_prompt'
        ? 'The planner could not find anything to build in that prompt.'
        : 'Refused: fix the points below and try again.';
      out.advice = e.code === 'unrecognized_prompt'
        ? 'Name the things to store (for example "tasks with a title and a due date").' : '';
      break;
    case 429: {
      const when = formatWhen(retryAt(e.retryAfter, now));
      out.headline = e.code === 'quota_exceeded'
        ? `You have used today's generation quota. It resets at ${when}.`
        : `Too many attempts. Try again after ${when}.`;
      out.advice = e.code === 'quota_exceeded'
        ? 'Your projects stay available; new generations can start again then.' : 'Wait, then try again.';
      break;
    }
    case 502:
      out.headline = 'The model provider failed to answer.';
      out.advice = 'Try again, or choose another model (the offline planner always answers).';
      break;
    case 503:
      out.headline = e.code === 'busy'
        ? 'The model is busy with other generations.'
        : 'The service is temporarily unavailable (its database or a worker is not answering).';
      out.advice = e.code === 'busy'
        ? 'Try again in a few seconds, or use the offline planner.' : 'Try again in a minute.';
      break;
    default:
      out.headline = e.status >= 500 ? 'The server failed.' : 'The request was refused.';
      out.advice = e.status >= 500 ? 'Try again in a minute.' : '';
  }
  return out;
}
