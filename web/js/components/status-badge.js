// The status badge of a project (generating, queued, verifying, verified, failed, fixing,
// error) and the one-line summary of its last verification ("12/12 passed · 3 min ago").
import { h } from '../dom.js';
import { statusWord, summaryText, ago, isMoving } from '../lib/status.js';

export function statusBadge(status) {
  return h('span', { class: `badge status-${status}`, dataset: { status, moving: isMoving(status) ? 'yes' : 'no' } },
    statusWord(status));
}

export function verificationLine(v) {
  if (!v) return h('span', { class: 'muted small' }, 'not verified yet');
  const summary = summaryText(v.summary);
  const when = ago(v.finished_at || v.started_at || v.created_at);
  const what = v.status === 'queued' ? 'waiting for a runner'
    : v.status === 'running' ? 'running now'
      : summary || (v.status === 'error' ? 'could not verify' : v.status);
  return h('span', { class: 'muted small verification-line' },
    [what, v.status === 'queued' || v.status === 'running' ? '' : when].filter(Boolean).join(' · '));
}
