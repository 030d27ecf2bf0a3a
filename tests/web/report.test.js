// Unit test of report grouping and wording (web/js/lib/report.js, status.js): groups by
// area in reading order with failing groups first and failures first inside; pytest's run
// and its FAILED lines as rows; the reason in words; summaries and stages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupTests, reasonText, pytestFailures, requestLine, requestBody } from '../../web/js/lib/report.js';
import { summaryText, stageText, isMoving, statusWord } from '../../web/js/lib/status.js';

const t = (name, group, verdict) => ({ name, group, verdict, duration_ms: 3 });

test('groups by area: failing groups first, then auth, entities, actions, health, pytest', () => {
  const v = {
    tests: [
      t('health', 'health', 'pass'),
      t('tasks: create', 'entity:Task', 'pass'),
      t('tasks: list', 'entity:Task', 'fail'),
      t('register', 'auth', 'pass'),
      t('projects: create', 'entity:Project', 'pass'),
      t('add: example 1', 'action:add', 'pass'),
      t('tasks: read', 'entity:Task', 'error'),
    ],
    pytest: { status: 'passed', exit_code: 0, summary: '4 passed in 0.5s', verdict: 'exited with status 0' },
  };
  const g = groupTests(v);
  assert.deepEqual(g.map((x) => x.label),
    ['Entity Task', 'Authentication', 'Entity Project', 'Action add', 'Health', "The project's own pytest"]);
  assert.deepEqual(g[0].tests.map((x) => x.name), ['tasks: list', 'tasks: read', 'tasks: create']);
  assert.deepEqual([g[0].failed, g[0].passed], [2, 1]);
  assert.equal(g[5].tests[0].verdict, 'pass');
  assert.match(g[5].tests[0].name, /4 passed/);
});

test("pytest's FAILED lines become failed rows, and a failed run goes first", () => {
  const tail = 'F.\n=== short test summary info ===\nFAILED tests/test_actions.py::test_add_example_1 - assert 4 == 3\nERROR tests/test_x.py::test_y\n1 failed, 1 passed in 0.2s';
  assert.deepEqual(pytestFailures(tail).map((f) => [f.verdict, f.name]),
    [['fail', 'tests/test_actions.py::test_add_example_1'], ['error', 'tests/test_x.py::test_y']]);
  const g = groupTests({ tests: [t('health', 'health', 'pass')], pytest: { status: 'failed', exit_code: 1, summary: '1 failed, 1 passed in 0.2s', output_tail: tail } });
  assert.equal(g[0].group, 'pytest');
  assert.equal(g[0].failed, 3);
  assert.equal(g[0].tests[1].actual, 'assert 4 == 3');
});

test('no tests and no pytest: no groups', () => {
  assert.deepEqual(groupTests({ tests: [], pytest: null }), []);
  assert.deepEqual(groupTests(null), []);
});

test('the reason in words', () => {
  assert.match(reasonText({ reason: "the app never came up: exited with status 1; last lines: ModuleNotFoundError: No module named 'x'" }),
    /^The app failed to import a module\. the app never came up/);
  assert.match(reasonText({ reason: 'the app never came up: its socket /run/app/app.sock did not appear within 20 s' }), /did not start in time/);
  assert.match(reasonText({ reason: 'the app never came up: killed by SIGSYS: a forbidden system call (seccomp)' }), /forbidden system call/);
  assert.match(reasonText({ reason: 'the app never came up: CPU time limit (60 s) reached (SIGXCPU)' }), /CPU time/);
  assert.equal(reasonText({ reason: '2 of 9 tests failed' }), '2 of 9 tests failed');
  assert.equal(reasonText({ reason: '' }), '');
});

test('request line and body', () => {
  assert.equal(requestLine({ method: 'POST', path: '/tasks' }), 'POST /tasks');
  assert.deepEqual(requestBody({ json: { a: 1 } }), { a: 1 });
  assert.equal(requestBody({ method: 'GET' }), null);
});

test('summaries, stages and status words', () => {
  assert.equal(summaryText({ total: 12, passed: 12, failed: 0, skipped: 0 }), '12/12 passed');
  assert.equal(summaryText({ total: 12, passed: 9, failed: 3, skipped: 0 }), '9/12 passed, 3 failed');
  assert.equal(summaryText(null), '');
  assert.equal(stageText({ status: 'queued' }), 'waiting for a runner');
  assert.match(stageText({ status: 'running', started_at: '2026-01-01T00:00:00Z' }, Date.parse('2026-01-01T00:00:14Z')), /\(14 s so far\)$/);
  assert.equal(stageText({ status: 'passed' }), '');
  assert.equal(isMoving('verifying'), true);
  assert.equal(isMoving('verified'), false);
  assert.equal(statusWord('generated'), 'not verified');
});
