// The dashboard's formatting helpers (web/js/dom.js): dates in the browser's time zone
// without Intl, sizes in B/KB/MB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate, formatBytes } from '../../web/js/dom.js';

test('dates: month, day, year and a 24-hour time, in local time', () => {
  const local = new Date(2026, 11, 7, 14, 5, 30);
  assert.equal(formatDate(local.toISOString()), 'Dec 7, 2026, 14:05');
  assert.equal(formatDate(new Date(2026, 0, 31, 0, 0).toISOString()), 'Jan 31, 2026, 00:00');
});

test('dates: nothing for a missing or unreadable date', () => {
  assert.equal(formatDate(null), '');
  assert.equal(formatDate(''), '');
  assert.equal(formatDate('not a date'), '');
});

test('sizes', () => {
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(1536), '1.5 KB');
  assert.equal(formatBytes(3 * 1024 * 1024), '3.0 MB');
  assert.equal(formatBytes(NaN), '');
});
