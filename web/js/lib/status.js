// Project and verification status in words: which statuses are still moving (polled), the
// badge text, the summary line ("12/12 passed") and the stage a running verification is in.

export const MOVING = new Set(['generating', 'queued', 'verifying', 'fixing']);

const WORDS = {
  generating: 'generating',
  queued: 'queued',
  verifying: 'verifying',
  verified: 'verified',
  failed: 'failed',
  fixing: 'fixing',
  error: 'error',
  generated: 'not verified',
};

export function isMoving(status) {
  return MOVING.has(status);
}

export function statusWord(status) {
  return WORDS[status] || String(status || 'unknown');
}

// "12/12 passed", "9/12 passed, 3 failed", or '' when there is no summary.
export function summaryText(summary) {
  if (!summary || !Number.isFinite(summary.total)) return '';
  const parts = [`${summary.passed ?? 0}/${summary.total} passed`];
  if (summary.failed) parts.push(`${summary.failed} failed`);
  if (summary.skipped) parts.push(`${summary.skipped} skipped`);
  return parts.join(', ');
}

// The stage a running verification is in (latest_verification.stage: null, or
// {name, step?, steps?}; step and steps only in "suite") in words; '' for none.
const STAGES = {
  preparing: 'preparing the project and its scratch database',
  starting: 'starting the sandbox',
  pytest: "running the project's tests (pytest)",
  finishing: 'writing the report',
};

export function stageName(stage) {
  if (!stage || typeof stage !== 'object' || !stage.name) return '';
  if (stage.name === 'suite') {
    const { step, steps } = stage;
    return Number.isInteger(step) && Number.isInteger(steps) && steps > 0
      ? `running step ${Math.min(step + 1, steps)} of ${steps}` : 'running the HTTP suite';
  }
  return STAGES[stage.name] || String(stage.name);
}

// What a verification (latest_verification or a list item) is doing, in words.
export function stageText(v, now = Date.now()) {
  if (!v) return '';
  if (v.status === 'queued') return 'waiting for a runner';
  if (v.status === 'running') {
    const started = Date.parse(v.started_at || '');
    const secs = Number.isFinite(started) ? Math.max(0, Math.round((now - started) / 1000)) : null;
    const stage = stageName(v.stage) || 'starting the sandbox, checking the app, then pytest';
    return secs === null ? stage : `${stage} (${secs} s so far)`;
  }
  return '';
}

// "3 minutes ago" style relative time for a past ISO date.
export function ago(iso, now = Date.now()) {
  const t = Date.parse(iso || '');
  if (!Number.isFinite(t)) return '';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const hrs = Math.round(m / 60);
  if (hrs < 48) return `${hrs} h ago`;
  return `${Math.round(hrs / 24)} days ago`;
}

// A failure a page saw happen (a project going from moving to failed while it polled) may be
// followed a moment later by the runner's automatic fix round (failed -> fixing): a list
// that stopped polling on "failed" would miss it until reloaded. followFailures keeps such
// a failure "unsettled" for windowMs after it was seen; a project already failed when the
// page first looked is settled at once. observe(items, nowMs) takes each answer;
// following(nowMs) says whether a seen failure is still within its window.
export function followFailures(windowMs) {
  const last = new Map();
  const seenAt = new Map();
  return {
    observe(items, nowMs) {
      for (const p of items || []) {
        const before = last.get(p.id);
        if (p.status === 'failed' && before !== undefined && before !== 'failed') seenAt.set(p.id, nowMs);
        last.set(p.id, p.status);
      }
    },
    following(nowMs) {
      return [...seenAt.values()].some((t) => nowMs - t < windowMs);
    },
  };
}
