// Unit test of error wording (web/js/lib/errors.js), the endpoint list with verified
// states (web/js/lib/endpoints.js) and the quota line's words (components/quota.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describe, retryAt } from '../../web/js/lib/errors.js';
import { endpointsOf, endpointStates } from '../../web/js/lib/endpoints.js';
// quota.js builds its element with the DOM only when called; its text function is pure.
import { usageText } from '../../web/js/components/quota.js';

test('each status has a headline and what to do', () => {
  assert.equal(describe({ status: 401 }).signIn, true);
  assert.match(describe({ status: 404 }).headline, /Not found/);
  const r = describe({ status: 422, code: 'invalid_spec', details: [{ path: '$.entities[0].name', message: 'required' }, 'plain'] });
  assert.deepEqual(r.details, [{ path: '$.entities[0].name', message: 'required' }, { path: '', message: 'plain' }]);
  assert.match(describe({ status: 422, code: 'unrecognized_prompt' }).headline, /could not find anything/);
  const q = describe({ status: 429, code: 'quota_exceeded', retryAfter: null }, new Date('2026-03-04T15:00:00Z'));
  assert.match(q.headline, /generation quota/);
  assert.match(describe({ status: 429, code: 'rate_limited', retryAfter: 30 }).headline, /Too many attempts/);
  assert.match(describe({ status: 502 }).headline, /model provider/);
  assert.match(describe({ status: 503, code: 'busy' }).advice, /offline planner/);
  assert.match(describe({ status: 503, code: 'db_unavailable' }).headline, /temporarily unavailable/);
  assert.match(describe({ status: 0, message: 'Cannot reach the server.' }).advice, /connection/);
  assert.match(describe({ status: 500 }).headline, /server failed/);
  assert.match(describe(null).headline, /in the page/);
});

test('retry time: Retry-After rounded to the minute, else the next UTC midnight', () => {
  const now = new Date('2026-03-04T15:00:10Z');
  assert.equal(retryAt(90, now).toISOString(), '2026-03-04T15:02:00.000Z');
  assert.equal(retryAt(null, now).toISOString(), '2026-03-05T00:00:00.000Z');
});

const spec = {
  auth: { enabled: true },
  entities: [{ name: 'Task', plural: 'tasks' }],
  actions: [{ name: 'add', method: 'post', path: '/calc/add', summary: 'Add' }],
};

test('endpoints of a spec', () => {
  const eps = endpointsOf(spec);
  assert.deepEqual(eps.map((e) => `${e.method} ${e.path}`), [
    'GET /health', 'POST /auth/register', 'POST /auth/login', 'GET /auth/me',
    'GET /tasks', 'POST /tasks', 'GET /tasks/{id}', 'PATCH /tasks/{id}', 'DELETE /tasks/{id}', 'POST /calc/add',
  ]);
  assert.equal(endpointsOf({ auth: { enabled: false }, entities: [], actions: [] }).length, 1);
});

test('verified state per endpoint from the report', () => {
  const report = {
    tests: [
      { request: { method: 'GET', path: '/health' }, verdict: 'pass' },
      { request: { method: 'POST', path: '/tasks' }, verdict: 'pass' },
      { request: { method: 'GET', path: '/tasks/${task_id}' }, verdict: 'pass' },
      { request: { method: 'GET', path: '/tasks/7' }, verdict: 'fail' },
      { request: { method: 'POST', path: '/calc/add' }, verdict: 'pass' },
    ],
  };
  const states = Object.fromEntries(endpointStates(endpointsOf(spec), report).map((e) => [`${e.method} ${e.path}`, e.state]));
  assert.equal(states['GET /health'], 'verified');
  assert.equal(states['POST /tasks'], 'verified');
  assert.equal(states['GET /tasks/{id}'], 'failed');
  assert.equal(states['GET /tasks'], 'unchecked');
  assert.equal(states['POST /calc/add'], 'verified');
  assert.equal(endpointStates(endpointsOf(spec), null).every((e) => e.state === 'unchecked'), true);
});

test('the quota line from GET /api/usage', () => {
  const now = Date.parse('2026-03-04T15:00:00Z');
  assert.match(usageText({ generations: { used: 1, limit: 12 }, llm_calls: { used: 0, limit: 0 }, resets_in_seconds: 32400 }, now).text,
    /^11 of 12 generations left today \(resets .*/);
  assert.match(usageText({ generations: { used: 12, limit: 12 }, llm_calls: { used: 3, limit: 10 }, resets_in_seconds: 60 }, now).text,
    /^No generations left today: the quota of 12 resets .* Model calls: 7 of 10 left\.$/);
  assert.equal(usageText({ generations: { used: 3, limit: 0 } }, now).text, 'No daily generation limit on this server.');
});
