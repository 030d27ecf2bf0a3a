// The status badge of a project (generating, queued, verifying, verified, failed, fixing,
// error) and the one-line summary of its last verification ("12/12 passed · 3 min ago",
// or while it runs its stage: "running step 14 of 244").
import { h } from '../dom.js';
import { statusWord, summaryText, ago, isMoving, stageName } from '../lib/status.js';

export function statusBadge(status) {
  return h('span', { class: `badge status-${status}`, dataset: { status, moving: isMoving(status) ? 'yes' : 'no' } },
    statusWord(status));
}

export function verificationLine(v) {
  if (!v) return h('span', { class: 'muted small' }, 'not verified yet');
  const summary = summaryText(v.summary);
  const when = ago(v.finished_at || v.started_at || v.created_at);
  // A failure outside the counted tests (the project's pytest, the app dying) says so.
  const otherFailure = (v.status === 'failed' || v.status === 'error') && !(v.summary && v.summary.failed);
  const reason = String(v.reason || '').split(':')[0].slice(0, 60);
  const what = v.status === 'queued' ? 'waiting for a runner'
    : v.status === 'running' ? stageName(v.stage) || 'running now'
      : [summary, otherFailure ? reason || 'could not verify' : ''].filter(Boolean).join('; ') || v.status;
  // dataset.verification lets a polled list update a running line in place.
  return h('span', { class: 'muted small verification-line', dataset: { verification: String(v.id) } },
    [what, v.status === 'queued' || v.status === 'running' ? '' : when].filter(Boolean).join(' · '));
}
