// The dashboard's event-stream reader (web/js/api.js readEvents) on its own, in node: events
// split at every possible byte boundary, CRLF line ends, comments, multi-line data, a last
// event without its blank line, and the size cap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readEvents, ApiError } from '../../web/js/api.js';

function streamOf(chunks) {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(typeof c === 'string' ? enc.encode(c) : c);
      controller.close();
    },
  });
}

async function collect(chunks) {
  const out = [];
  await readEvents(streamOf(chunks), (e) => out.push(e));
  return out;
}

const BODY = 'event: stage\ndata: {"stage":"planning"}\n\n'
  + ': a comment line\n'
  + 'event: stage\ndata: {"stage":"reviewing"}\n\n'
  + 'event: result\ndata: {"project_id":7,\ndata: "name":"todo-api — ü"}\n\n';
const EXPECTED = [
  { event: 'stage', data: { stage: 'planning' } },
  { event: 'stage', data: { stage: 'reviewing' } },
  { event: 'result', data: { project_id: 7, name: 'todo-api — ü' } },
];

test('one chunk', async () => {
  assert.deepEqual(await collect([BODY]), EXPECTED);
});

test('split at every byte boundary, even inside a multi-byte character', async () => {
  const bytes = new TextEncoder().encode(BODY);
  for (let i = 1; i < bytes.length; i++) {
    assert.deepEqual(await collect([bytes.subarray(0, i), bytes.subarray(i)]), EXPECTED, `split at ${i}`);
  }
});

test('one byte at a time', async () => {
  const bytes = new TextEncoder().encode(BODY);
  assert.deepEqual(await collect([...bytes].map((b) => new Uint8Array([b]))), EXPECTED);
});

test('CRLF line ends', async () => {
  assert.deepEqual(await collect([BODY.replace(/\n/g, '\r\n')]), EXPECTED);
});

test('a last event without its blank line still arrives', async () => {
  assert.deepEqual(await collect(['event: error\ndata: {"status":422}']), [{ event: 'error', data: { status: 422 } }]);
});

test('an event without data is dropped; a name defaults to message', async () => {
  assert.deepEqual(await collect(['event: stage\n\ndata: {"a":1}\n\n']), [{ event: 'message', data: { a: 1 } }]);
});

test('data that is not JSON arrives as null', async () => {
  assert.deepEqual(await collect(['event: stage\ndata: {oops\n\n']), [{ event: 'stage', data: null }]);
});

test('a stream with no blank line for over 8 MiB is refused', async () => {
  const big = 'data: ' + 'x'.repeat(1024 * 1024);
  await assert.rejects(collect(Array(9).fill(big)), (err) => err instanceof ApiError && err.code === 'too_large');
});
