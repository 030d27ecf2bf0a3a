// Talks to the platform API under /api: JSON in and out, the one error shape
// {"error": {"code", "message", "details"}} turned into an ApiError, the generation event
// stream, and authenticated file and ZIP fetches. A 401 anywhere calls the hook set by
// onUnauthorized (the app signs out), except on the login route itself.

export class ApiError extends Error {
  constructor(status, code, message, details, retryAfter = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    // Seconds from the Retry-After header (429), or null.
    this.retryAfter = retryAfter;
  }
}

let unauthorizedHook = () => {};
let tokenSource = () => null;

// The app tells the API layer where the bearer token lives and what a 401 means.
export function configure({ getToken, onUnauthorized }) {
  tokenSource = getToken;
  unauthorizedHook = onUnauthorized;
}

// Bodies are small JSON documents; anything larger than this is not an answer we read.
const MAX_TEXT = 8 * 1024 * 1024;

function headersFor({ accept = 'application/json', json = false, auth = true } = {}) {
  const headers = { Accept: accept };
  if (json) headers['Content-Type'] = 'application/json';
  const token = auth ? tokenSource() : null;
  if (token) headers.Authorization = `Bearer ${token}`;
  return headers;
}

async function send(method, path, { body, accept, auth = true, signal } = {}) {
  try {
    return await fetch(`/api${path}`, {
      method,
      headers: headersFor({ accept, json: body !== undefined, auth }),
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal,
    });
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection and try again.', null);
  }
}

function parseJson(text) {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// The ApiError for a failed answer whose body has already been read as text.
function errorFrom(res, text, { auth = true } = {}) {
  const data = parseJson(text);
  const e = (data && data.error) || {};
  const retry = Number.parseInt(res.headers.get('Retry-After') || '', 10);
  const err = new ApiError(res.status, e.code || 'http_error',
    e.message || `The server answered ${res.status} ${res.statusText || ''}`.trim() + '.',
    e.details ?? null, Number.isFinite(retry) ? retry : null);
  if (res.status === 401 && auth) unauthorizedHook(err);
  return err;
}

async function readText(res) {
  const len = Number(res.headers.get('Content-Length') || 0);
  if (len > MAX_TEXT) throw new ApiError(res.status, 'too_large', 'The answer is too large to show.', null);
  return res.text();
}

async function request(method, path, options = {}) {
  const res = await send(method, path, options);
  const text = await readText(res);
  if (!res.ok) throw errorFrom(res, text, options);
  return parseJson(text);
}

// Splits a text/event-stream body into {event, data} records as bytes arrive; calls onEvent
// for each. Returns when the stream ends. Exported for its unit test (tests/e2e/sse.test.js).
export async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    // A last event without its blank line still counts when the stream ends.
    if (done) buffer += '\n\n';
    else buffer += value.replace(/\r\n?/g, '\n');
    if (buffer.length > MAX_TEXT) throw new ApiError(0, 'too_large', 'The progress stream is too large.', null);
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let value2 = colon < 0 ? '' : line.slice(colon + 1);
        if (value2.startsWith(' ')) value2 = value2.slice(1);
        if (field === 'event') event = value2;
        else if (field === 'data') data.push(value2);
      }
      if (data.length) onEvent({ event, data: parseJson(data.join('\n')) });
    }
    if (done) return;
  }
}

// POSTs to a generate route asking for the event stream. onStage(name) runs for every stage
// as it arrives; resolves with the 201 body, rejects with an ApiError. The server may still
// answer plain JSON (a refusal before the stream starts, e.g. the quota), which is handled
// the same way as a non-streamed call.
async function generateStreaming(path, body, onStage) {
  const res = await send('POST', path, { body, accept: 'text/event-stream, application/json' });
  const type = res.headers.get('Content-Type') || '';
  if (!type.includes('text/event-stream')) {
    const text = await readText(res);
    if (!res.ok) throw errorFrom(res, text);
    return parseJson(text);
  }
  let result = null;
  let failure = null;
  await readEvents(res.body, ({ event, data }) => {
    if (event === 'stage' && data && data.stage) onStage(data.stage);
    else if (event === 'result') result = data;
    else if (event === 'error') {
      const e = (data && data.error) || {};
      const status = (data && data.status) || 500;
      failure = new ApiError(status, e.code || 'http_error', e.message || 'Generation failed.', e.details ?? null);
      if (status === 401) unauthorizedHook(failure);
    }
  });
  if (failure) throw failure;
  if (!result) throw new ApiError(0, 'stream_ended', 'The connection ended before the result arrived. Check the projects list: the backend may still have been stored.', null);
  return result;
}

// Each path segment is encoded on its own so that "app/main.py" keeps its slash.
function filePath(path) {
  return path.split('/').map(encodeURIComponent).join('/');
}

// Fetches a file of a project with the bearer token; resolves with its text.
async function fileText(projectId, path, version) {
  const q = version ? `?version=${encodeURIComponent(version)}` : '';
  const res = await send('GET', `/projects/${encodeURIComponent(projectId)}/files/${filePath(path)}${q}`,
    { accept: 'text/*, application/json' });
  const text = await readText(res);
  if (!res.ok) throw errorFrom(res, text);
  return text;
}

// Fetches a download URL the API gave (an /api/... path) with the bearer token; resolves
// with {blob, filename}.
async function downloadBlob(url) {
  if (!url.startsWith('/api/')) throw new ApiError(0, 'bad_url', 'That download link is not one of ours.', null);
  const res = await send('GET', url.slice(4), { accept: 'application/zip' });
  if (!res.ok) throw errorFrom(res, await readText(res));
  const disposition = res.headers.get('Content-Disposition') || '';
  const m = /filename="?([^";]+)"?/.exec(disposition);
  return { blob: await res.blob(), filename: m ? m[1] : 'backend.zip' };
}

export const api = {
  health: () => request('GET', '/health', { auth: false }),
  register: (email, password) =>
    request('POST', '/auth/register', { body: { email, password }, auth: false }),
  login: (email, password) =>
    request('POST', '/auth/login', { body: { email, password }, auth: false }),
  me: () => request('GET', '/auth/me'),
  models: () => request('GET', '/models', { auth: false }),
  plan: (prompt, model) => request('POST', '/plan', { body: model ? { prompt, model } : { prompt } }),
  planSpec: (spec) => request('POST', '/plan', { body: { spec } }),
  generateFromPrompt: (prompt, model, onStage) =>
    generateStreaming('/generate-from-prompt', model ? { prompt, model } : { prompt }, onStage),
  generateFromSpec: (spec, onStage) => generateStreaming('/generate', { spec }, onStage),
  projects: (limit, offset) =>
    request('GET', `/projects?limit=${encodeURIComponent(limit)}&offset=${encodeURIComponent(offset)}`),
  project: (id) => request('GET', `/projects/${encodeURIComponent(id)}`),
  deleteProject: (id) => request('DELETE', `/projects/${encodeURIComponent(id)}`),
  verifications: (id) => request('GET', `/projects/${encodeURIComponent(id)}/verifications`),
  verify: (id) => request('POST', `/projects/${encodeURIComponent(id)}/verify`),
  fix: (id) => request('POST', `/projects/${encodeURIComponent(id)}/fix`),
  version: (id, n) => request('GET', `/projects/${encodeURIComponent(id)}/versions/${encodeURIComponent(n)}`),
  usage: () => request('GET', '/usage'),
  fileText,
  downloadBlob,
};
