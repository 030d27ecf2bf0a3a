// Keeps a project's status current without a reload: while it is queued, verifying or
// fixing, or failed with the runner's fix round still to come, GET /api/projects/{id} is polled with backoff (lib/poller.js) while the tab is
// visible; onChange(project) runs when its status or latest verification changes; the
// polling ends when the project settles, the tab hides, or `host` leaves the page.
import { api } from '../api.js';
import { createPoller, browserEnv } from '../lib/poller.js';
import { isMoving } from '../lib/status.js';

export function projectKey(p) {
  const v = p && p.latest_verification;
  const loop = p && p.fix_loop;
  return [p && p.status, p && p.latest_version, v && v.id, v && v.status,
    loop ? `${loop.can_fix}/${loop.automatic_pending}` : ''].join('|');
}

// Nothing more will change by itself: not queued, verifying or fixing, and no automatic
// fix round still to come after a failure (fix_loop.automatic_pending).
export function projectSettled(p) {
  return !isMoving(p.status) && !(p.fix_loop && p.fix_loop.automatic_pending);
}

// Counts polling requests for the page's figures (read by the browser tests).
export const pollStats = { requests: 0 };

export function watchProject(id, initial, host, { onChange, onAnswer, onError }) {
  const poller = createPoller({
    load: () => { pollStats.requests += 1; return api.project(id); },
    settled: projectSettled,
    key: projectKey,
    alive: () => host.isConnected,
    env: browserEnv(),
    onAnswer: (p) => {
      if (onAnswer) onAnswer(p);
      if (projectKey(p) !== last) { last = projectKey(p); onChange(p); }
    },
    // A 401 or 404 ends it (signed out, deleted); other failures back off and try again.
    onError: (err) => { if (onError) onError(err); return !(err.status === 401 || err.status === 404); },
  });
  let last = projectKey(initial);
  poller.start(initial);
  return poller;
}
