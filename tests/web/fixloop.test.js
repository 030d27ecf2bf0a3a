// Unit test of the fix loop's client logic (web/js/lib/fixloop.js: the timeline, the Fix
// button's offer, a refused fix in words), the diff model the diff view draws
// (lib/diff.js diffModel) and the verification stage in words (lib/status.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timelineEntries, fixOffer, describeFixError, formatCost, tokensText, attemptText } from '../../web/js/lib/fixloop.js';
import { diffModel } from '../../web/js/lib/diff.js';
import { stageName, stageText } from '../../web/js/lib/status.js';

const FIX = {
  from_version: 1, attempt: 2, model: 'fake-model', summary: 'the adder added one too many',
  files: [{ path: 'app/actions.py', change: 'replaced', size: 812 }, { path: 'app/extra.py', change: 'added', size: 40 }],
  calls: 1, prompt_tokens: 900, completion_tokens: 300, cost_usd: 0.0015, latency_ms: 1520,
};

function project(extra = {}) {
  return {
    id: 7, status: 'verified', latest_version: 2,
    versions: [
      // out of order on purpose: the timeline sorts
      { version: 2, origin: 'fix', model: 'fake-model', fix: FIX,
        verification: { id: 12, status: 'passed', attempt: 2, summary: { total: 40, passed: 40, failed: 0, skipped: 0 } } },
      { version: 1, origin: 'spec', fix: null,
        verification: { id: 11, status: 'failed', attempt: 1, summary: { total: 40, passed: 37, failed: 3, skipped: 0 } } },
    ],
    fix_loop: { llm_configured: true, attempts_used: 2, max_attempts: 3, can_fix: false },
    ...extra,
  };
}

test('the timeline: attempt 1 failed (3 tests) -> fix -> attempt 2 verified', () => {
  const e = timelineEntries(project());
  assert.deepEqual(e.map((x) => x.kind), ['attempt', 'fix', 'attempt']);
  assert.equal(attemptText(e[0]), 'failed (3 tests)');
  assert.equal(attemptText(e[2]), 'verified (40/40 passed)');
  assert.deepEqual([e[0].attempt, e[0].version, e[2].attempt, e[2].version], [1, 1, 2, 2]);
  const fix = e[1];
  assert.deepEqual([fix.from, fix.to, fix.model, fix.summary, fix.pending], [1, 2, 'fake-model', 'the adder added one too many', false]);
  assert.deepEqual(fix.files, [{ path: 'app/actions.py', change: 'replaced', size: 812 }, { path: 'app/extra.py', change: 'added', size: 40 }]);
  assert.equal(tokensText(fix), '1,200 tokens (900 in, 300 out)');
  assert.equal(formatCost(fix.costUsd), '$0.0015');
});

test('the timeline while fixing, before any verification, and with odd input', () => {
  const fixing = project({ status: 'fixing', latest_version: 1 });
  fixing.versions = fixing.versions.filter((v) => v.version === 1);
  const e = timelineEntries(fixing);
  assert.deepEqual(e.map((x) => `${x.kind}:${x.pending ?? x.status}`), ['attempt:failed', 'fix:true']);
  assert.deepEqual([e[1].from, e[1].to], [1, 2]);
  const fresh = timelineEntries({ status: 'queued', versions: [{ version: 1, fix: null, verification: null }] });
  assert.deepEqual(fresh.map((x) => x.status), ['pending']);
  assert.equal(attemptText(fresh[0]), 'not verified yet');
  assert.deepEqual(timelineEntries(null), []);
  assert.deepEqual(timelineEntries({ versions: [null, { version: 'x' }] }), []);
  // a fix stored before migration 009: no sums, no tokens line, no cost
  const old = timelineEntries({ versions: [{ version: 2, fix: { from_version: 1, files: [{ path: 'a.py' }, { nope: 1 }] } }] });
  assert.deepEqual(old[0].files, [{ path: 'a.py', change: 'replaced', size: null }]);
  assert.equal(tokensText(old[0]), '');
  assert.equal(formatCost(old[0].costUsd), '');
  assert.equal(attemptText({ status: 'error' }), 'could not be verified');
  assert.equal(attemptText({ status: 'failed', failed: 1 }), 'failed (1 test)');
});

test('costs in words', () => {
  assert.equal(formatCost(0), '$0');
  assert.equal(formatCost(0.00002), 'under $0.0001');
  assert.equal(formatCost(0.1), '$0.1');
  assert.equal(formatCost(0.123), '$0.12');
  assert.equal(formatCost(3.456), '$3.46');
  assert.equal(formatCost('0.0021'), '$0.0021');
  assert.equal(formatCost(null), '');
});

test('the Fix button: offered only when a round would start, with the attempts left', () => {
  const failed = (loop) => ({ status: 'failed', fix_loop: { llm_configured: true, attempts_used: 1, max_attempts: 3, can_fix: true, ...loop } });
  assert.deepEqual(fixOffer(failed({})), { show: true, left: 2, label: 'Fix with the LLM (2 attempts left)', why: '' });
  assert.equal(fixOffer(failed({ attempts_used: 2 })).label, 'Fix with the LLM (1 attempt left)');
  const noLlm = fixOffer(failed({ llm_configured: false, can_fix: false }));
  assert.equal(noLlm.show, false);
  assert.match(noLlm.why, /No LLM is configured/);
  const waiting = fixOffer(failed({ can_fix: false, automatic_pending: true }));
  assert.equal(waiting.show, false);
  assert.match(waiting.why, /automatic fix round is about to start/);
  const spent = fixOffer(failed({ attempts_used: 3, can_fix: false }));
  assert.deepEqual([spent.show, spent.left], [false, 0]);
  assert.match(spent.why, /All 3 verification attempts are used/);
  // verified, or a server without fix_loop: nothing offered, nothing said
  assert.deepEqual(fixOffer(project()), { show: false, left: 1, label: 'Fix with the LLM (1 attempt left)', why: '' });
  assert.deepEqual(fixOffer({ status: 'failed' }), { show: false, left: 0, label: '', why: '' });
});

test('a refused fix in words: 409 exhausted / busy / not failed, 502 with details, 503', () => {
  const d = (status, code, details, message = '') => describeFixError({ status, code, details, message });
  assert.match(d(409, 'conflict', { reason: 'exhausted', attempt: 3, max_attempts: 3 }).headline, /No fix attempts are left \(3 of 3 used\)/);
  assert.match(d(409, 'conflict', { reason: 'busy' }).headline, /already running/);
  assert.match(d(409, 'conflict', { reason: 'not_failed' }).headline, /nothing to fix/);
  assert.match(d(503, 'llm_unavailable', null).headline, /No LLM is configured/);
  const refused = d(502, 'llm_upstream', [{ path: '$.files[0].path', message: 'has a .. component' }, 'odd']);
  assert.match(refused.headline, /patch was refused/);
  assert.deepEqual(refused.details, [{ path: '$.files[0].path', message: 'has a .. component' }, { path: '', message: 'odd' }]);
  assert.match(d(502, 'llm_upstream', null, 'The LLM provider did not answer in time.').headline, /did not answer in time/);
  assert.match(d(502, 'llm_upstream', null, 'The LLM provider failed.').headline, /failed to answer/);
  assert.equal(d(503, 'busy', null), null); // the general mapping says it (lib/errors.js)
  assert.equal(d(401, 'unauthorized', null), null);
});

test('the diff model: hunk headers, both line numbers, signs and spoken words', () => {
  const before = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
  const after = before.replace('line 5\n', 'line five\n').replace('line 25\n', 'line 25\nline 25b\n');
  const m = diffModel(before, after, 2);
  assert.deepEqual([m.added, m.removed], [2, 1]);
  assert.deepEqual(m.hunks.map((h) => h.header), ['@@ -3,5 +3,5 @@', '@@ -24,4 +24,5 @@']);
  const changed = m.hunks[0].rows.filter((r) => r.op !== 'same');
  assert.deepEqual(changed.map((r) => [r.sign, r.spoken, r.a, r.b, r.text]), [
    ['-', 'removed: ', 5, null, 'line 5'], ['+', 'added: ', null, 5, 'line five']]);
  assert.deepEqual(m.hunks[1].rows.map((r) => `${r.sign}${r.a ?? '_'}/${r.b ?? '_'}`),
    [' 24/24', ' 25/25', '+_/26', ' 26/27', ' 27/28']);
  assert.equal(m.hunks[0].rows[0].spoken, '');
  // an added file and a file emptied: one side starts at 0
  assert.deepEqual(diffModel('', 'a\nb\n').hunks.map((h) => h.header), ['@@ -0,0 +1,2 @@']);
  assert.deepEqual(diffModel('a\n', '').hunks.map((h) => h.header), ['@@ -1,1 +0,0 @@']);
  assert.deepEqual(diffModel('same\n', 'same\n'), { added: 0, removed: 0, hunks: [] });
});

test('the stage of a running verification in words', () => {
  assert.equal(stageName({ name: 'suite', step: 13, steps: 244 }), 'running step 14 of 244');
  assert.equal(stageName({ name: 'suite', step: 244, steps: 244 }), 'running step 244 of 244');
  assert.equal(stageName({ name: 'suite' }), 'running the HTTP suite');
  assert.equal(stageName({ name: 'starting' }), 'starting the sandbox');
  assert.equal(stageName({ name: 'pytest' }), "running the project's tests (pytest)");
  assert.equal(stageName({ name: 'preparing' }), 'preparing the project and its scratch database');
  assert.equal(stageName({ name: 'finishing' }), 'writing the report');
  assert.equal(stageName({ name: 'something-new' }), 'something-new');
  assert.equal(stageName(null), '');
  assert.equal(stageName('suite'), '');
  const at = Date.parse('2026-01-01T00:00:30Z');
  assert.equal(stageText({ status: 'running', started_at: '2026-01-01T00:00:00Z', stage: { name: 'pytest' } }, at),
    "running the project's tests (pytest) (30 s so far)");
  assert.equal(stageText({ status: 'running', stage: null }), 'starting the sandbox, checking the app, then pytest');
  assert.equal(stageText({ status: 'passed', stage: { name: 'pytest' } }), '');
});
