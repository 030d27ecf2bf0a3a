// The auto-fix loop in data: the timeline of a project (each version's verification
// attempt, and before each fixed version the fix that made it: files, model, tokens, cost),
// whether the Fix button is offered and with how many attempts left, and a fix request's
// refusal in words. Pure, from GET /api/projects/{id}; components/timeline.js draws it.

import { summaryText } from './status.js';

// Timeline entries, oldest first:
//   {kind: 'attempt', version, attempt, status, failed, summary, verificationId}
//   {kind: 'fix', from, to, attempt, model, summary, files, calls, tokensIn, tokensOut,
//    costUsd, latencyMs, pending}
// A version with no verification yet is an attempt with status 'pending'; a project that is
// fixing right now ends with a pending fix.
export function timelineEntries(project) {
  const versions = (Array.isArray(project && project.versions) ? project.versions : [])
    .filter((v) => v && Number.isInteger(v.version))
    .slice().sort((a, b) => a.version - b.version);
  const out = [];
  for (const v of versions) {
    if (v.fix && typeof v.fix === 'object') out.push(fixEntry(v));
    const w = v.verification;
    out.push({
      kind: 'attempt',
      version: v.version,
      attempt: (w && w.attempt) || (v.fix && v.fix.attempt) || 1,
      status: w ? w.status : 'pending',
      failed: (w && w.summary && w.summary.failed) || 0,
      summary: w ? w.summary || null : null,
      verificationId: w ? w.id : null,
    });
  }
  if (project && project.status === 'fixing' && versions.length) {
    const last = versions[versions.length - 1];
    out.push({ kind: 'fix', from: last.version, to: last.version + 1, pending: true, files: [] });
  }
  return out;
}

function fixEntry(v) {
  const f = v.fix;
  const num = (x) => (Number.isFinite(Number(x)) && x !== null ? Number(x) : null);
  return {
    kind: 'fix',
    from: Number.isInteger(f.from_version) ? f.from_version : v.version - 1,
    to: v.version,
    attempt: f.attempt ?? null,
    model: f.model || v.model || '',
    summary: typeof f.summary === 'string' ? f.summary : '',
    files: (Array.isArray(f.files) ? f.files : []).filter((x) => x && typeof x.path === 'string')
      .map((x) => ({ path: x.path, change: x.change === 'added' ? 'added' : 'replaced', size: num(x.size) })),
    calls: num(f.calls),
    tokensIn: num(f.prompt_tokens),
    tokensOut: num(f.completion_tokens),
    costUsd: num(f.cost_usd),
    latencyMs: num(f.latency_ms),
    pending: false,
  };
}

// "$0.0021", "$1.25", "under $0.0001"; '' when unknown.
export function formatCost(usd) {
  if (usd === null || usd === undefined || !Number.isFinite(Number(usd))) return '';
  const n = Number(usd);
  if (n === 0) return '$0';
  if (n < 0.0001) return 'under $0.0001';
  return n < 1 ? `$${n.toPrecision(2).replace(/0+$/, '').replace(/\.$/, '')}` : `$${n.toFixed(2)}`;
}

// "1,200 tokens (900 in, 300 out)"; '' when unknown.
export function tokensText(entry) {
  if (entry.tokensIn === null && entry.tokensOut === null) return '';
  const a = entry.tokensIn || 0;
  const b = entry.tokensOut || 0;
  return `${(a + b).toLocaleString('en-US')} tokens (${a.toLocaleString('en-US')} in, ${b.toLocaleString('en-US')} out)`;
}

// One line for an attempt: "failed (3 tests)", "verified (12/12 passed)", "waiting".
export function attemptText(entry) {
  switch (entry.status) {
    case 'passed': return `verified${entry.summary ? ` (${summaryText(entry.summary)})` : ''}`;
    case 'failed': return entry.failed
      ? `failed (${entry.failed} test${entry.failed === 1 ? '' : 's'})` : 'failed';
    case 'error': return 'could not be verified';
    case 'running': return 'verifying';
    case 'queued': return 'queued';
    default: return 'not verified yet';
  }
}

// The Fix button: offered when the server says a round would start (an LLM is configured,
// the last verification failed, attempts are left, none running). {show, left, label, why}:
// why says in words why it is not offered, for a failed project only ('' otherwise).
export function fixOffer(project) {
  const loop = project && project.fix_loop;
  if (!loop) return { show: false, left: 0, label: '', why: '' };
  const left = Math.max(0, (loop.max_attempts || 0) - (loop.attempts_used || 0));
  const label = `Fix with the LLM (${left} attempt${left === 1 ? '' : 's'} left)`;
  if (loop.can_fix) return { show: true, left, label, why: '' };
  let why = '';
  if (project.status === 'failed') {
    if (loop.automatic_pending) why = 'The automatic fix round is about to start; this page follows it.';
    else if (!loop.llm_configured) why = 'No LLM is configured on this server, so failures are not fixed automatically.';
    else if (left === 0) why = `All ${loop.max_attempts} verification attempts are used; no fix is left to try.`;
  }
  return { show: false, left, label, why };
}

// A refused POST /fix in words: {headline, advice, details: [{path, message}]} or null
// when the general mapping (lib/errors.js) says it well enough.
export function describeFixError(err) {
  const e = err || {};
  const d = e.details && typeof e.details === 'object' ? e.details : {};
  if (e.status === 409) {
    if (d.reason === 'exhausted') {
      return { headline: `No fix attempts are left (${d.attempt ?? '?'} of ${d.max_attempts ?? '?'} used).`,
        advice: 'Change the spec and generate again, or download the code and fix it yourself.', details: [] };
    }
    if (d.reason === 'busy') {
      return { headline: 'A fix round of this project is already running.',
        advice: 'Wait for it: the page updates by itself.', details: [] };
    }
    return { headline: 'There is nothing to fix: the latest verification did not fail.',
      advice: 'Reload the page to see the current status.', details: [] };
  }
  if (e.status === 503 && e.code === 'llm_unavailable') {
    return { headline: 'No LLM is configured on this server, so nothing can fix the project.',
      advice: 'Ask the operator to configure a provider, or fix the code yourself.', details: [] };
  }
  if (e.status === 502) {
    const details = Array.isArray(e.details)
      ? e.details.map((x) => ({ path: (x && x.path) || '', message: String((x && x.message) ?? x) })) : [];
    return details.length
      ? { headline: "The LLM's patch was refused, so nothing was stored.",
        advice: 'Try again: the attempt was not used. What was wrong with the patch:', details }
      : { headline: e.message && /time/i.test(e.message) ? 'The LLM provider did not answer in time.'
        : 'The LLM provider failed to answer.',
      advice: 'Try again in a minute; the attempt was not used.', details: [] };
  }
  return null;
}
