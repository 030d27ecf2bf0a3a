// Unit test of followFailures (web/js/lib/status.js): the projects list keeps polling for a
// while after it saw a project fail, so the automatic fix round that follows shows without a
// reload; a project already failed when the list first looked does not keep it polling.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { followFailures } from '../../web/js/lib/status.js';

test('a failure seen happening is followed for the window, then settles', () => {
  const f = followFailures(30_000);
  f.observe([{ id: 1, status: 'verifying' }, { id: 2, status: 'verified' }], 0);
  assert.equal(f.following(0), false);
  f.observe([{ id: 1, status: 'failed' }, { id: 2, status: 'verified' }], 1_000);
  assert.equal(f.following(1_000), true);
  assert.equal(f.following(30_999), true);
  assert.equal(f.following(31_000), false);
  // it stays failed: the moment it was seen does not move
  f.observe([{ id: 1, status: 'failed' }], 20_000);
  assert.equal(f.following(31_000), false);
});

test('a failure that was there at the first look is not followed', () => {
  const f = followFailures(30_000);
  f.observe([{ id: 3, status: 'failed' }], 0);
  assert.equal(f.following(0), false);
  f.observe([{ id: 3, status: 'failed' }], 1_000);
  assert.equal(f.following(1_000), false);
});

test('a second failure after a fix round is followed again', () => {
  const f = followFailures(30_000);
  f.observe([{ id: 4, status: 'verifying' }], 0);
  f.observe([{ id: 4, status: 'failed' }], 1_000);
  f.observe([{ id: 4, status: 'fixing' }], 2_000);
  f.observe([{ id: 4, status: 'queued' }], 40_000);
  assert.equal(f.following(40_000), false);
  f.observe([{ id: 4, status: 'failed' }], 50_000);
  assert.equal(f.following(50_000), true);
  assert.equal(f.following(80_000), false);
});

test('odd answers are harmless', () => {
  const f = followFailures(30_000);
  f.observe(undefined, 0);
  f.observe([], 0);
  assert.equal(f.following(0), false);
});
