// Unit test of the dashboard's polling (web/js/lib/poller.js): backoff growth and cap,
// reset on a changed answer, stop once settled, pause while hidden and one look on return,
// back off on errors, and stop when the view is gone. Timers are a fake clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPoller, nextDelay } from '../../web/js/lib/poller.js';

function fakeEnv() {
  let now = 0;
  let seq = 0;
  const timers = new Map();
  const listeners = new Set();
  const env = {
    hiddenFlag: false,
    setTimeout: (fn, ms) => { seq += 1; timers.set(seq, { fn, at: now + ms }); return seq; },
    clearTimeout: (id) => timers.delete(id),
    hidden: () => env.hiddenFlag,
    onVisibility: (fn) => { listeners.add(fn); return () => listeners.delete(fn); },
    setHidden(v) { env.hiddenFlag = v; for (const fn of [...listeners]) fn(); },
    pending: () => [...timers.values()].map((t) => t.at - now),
    listeners: () => listeners.size,
    // Runs the next timer; returns the delay it had.
    async next() {
      const [id, t] = [...timers.entries()].sort((x, y) => x[1].at - y[1].at)[0] || [];
      if (!id) return null;
      timers.delete(id);
      const waited = t.at - now;
      now = t.at;
      t.fn();
      for (let i = 0; i < 5; i += 1) await Promise.resolve();
      return waited;
    },
  };
  return env;
}

test('nextDelay grows by the factor and stops at the cap', () => {
  const s = { first: 1000, factor: 2, max: 5000 };
  assert.deepEqual([0, 1, 2, 3, 4].map((i) => nextDelay(i, s)), [1000, 2000, 4000, 5000, 5000]);
});

test('backs off while the answer stays the same, resets when it changes, stops when settled', async () => {
  const env = fakeEnv();
  const answers = ['queued', 'queued', 'queued', 'verifying', 'verifying', 'verified'];
  let i = 0;
  const seen = [];
  const p = createPoller({
    load: async () => answers[i++], settled: (a) => a === 'verified', key: (a) => a,
    onAnswer: (a) => seen.push(a), env, schedule: { first: 1000, factor: 2, max: 4000 },
  });
  p.start('queued');
  const waits = [];
  for (let k = 0; k < 10; k += 1) {
    const w = await env.next();
    if (w === null) break;
    waits.push(w);
  }
  assert.deepEqual(seen, answers);
  // queued(same as initial: step 1) -> 2000, 4000; verifying (changed) -> 1000, then 2000
  assert.deepEqual(waits, [1000, 2000, 4000, 4000, 1000, 2000]);
  assert.equal(p.stopped, true);
  assert.equal(p.requests, 6);
  assert.deepEqual(env.pending(), []);
  assert.equal(env.listeners(), 0, 'the visibility listener is removed');
});

test('an already settled start makes no request at all', async () => {
  const env = fakeEnv();
  let calls = 0;
  const p = createPoller({ load: async () => { calls += 1; }, settled: () => true, env });
  p.start('verified');
  assert.equal(await env.next(), null);
  assert.equal(calls, 0);
  assert.equal(p.stopped, true);
});

test('hidden: no timer and no request; visible again: one look at once', async () => {
  const env = fakeEnv();
  let calls = 0;
  const p = createPoller({ load: async () => { calls += 1; return calls; }, settled: () => false, env,
    schedule: { first: 1000, factor: 2, max: 8000 } });
  p.start(0);
  env.setHidden(true);
  assert.deepEqual(env.pending(), []);
  assert.equal(await env.next(), null);
  assert.equal(calls, 0);
  env.setHidden(false);
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
  assert.equal(calls, 1, 'looked once on return');
  assert.deepEqual(env.pending(), [1000], 'then the schedule starts again from the first delay');
  p.stop();
});

test('errors back off, and onError returning false stops', async () => {
  const env = fakeEnv();
  let calls = 0;
  const errors = [];
  const p = createPoller({
    load: async () => { calls += 1; throw new Error(`boom ${calls}`); }, settled: () => false, env,
    onError: (e) => { errors.push(e.message); return calls < 3; }, schedule: { first: 100, factor: 2, max: 1000 },
  });
  p.start(undefined);
  const waits = [await env.next(), await env.next(), await env.next(), await env.next()];
  assert.deepEqual(waits, [100, 200, 400, null]);
  assert.deepEqual(errors, ['boom 1', 'boom 2', 'boom 3']);
  assert.equal(p.stopped, true);
});

test('a view that is gone stops the poller without a request', async () => {
  const env = fakeEnv();
  let calls = 0;
  let alive = true;
  const p = createPoller({ load: async () => { calls += 1; return calls; }, settled: () => false, alive: () => alive, env });
  p.start(0);
  await env.next();
  alive = false;
  await env.next();
  assert.equal(calls, 1);
  assert.equal(p.stopped, true);
  assert.deepEqual(env.pending(), []);
});
