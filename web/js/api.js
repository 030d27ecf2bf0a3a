// Talks to the platform API under /api: JSON in and out, and the one error shape
// {"error": {"code", "message", "details"}} turned into an ApiError.

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

async function request(method, path, { body, token } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let res;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the server.', null);
  }
  let data = null;
  const text = await res.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const e = (data && data.error) || {};
    throw new ApiError(res.status, e.code || 'http_error',
      e.message || `The server answered ${res.status}.`, e.details ?? null);
  }
  return data;
}

export const api = {
  health: () => request('GET', '/health'),
  register: (email, password) => request('POST', '/auth/register', { body: { email, password } }),
  login: (email, password) => request('POST', '/auth/login', { body: { email, password } }),
  me: (token) => request('GET', '/auth/me', { token }),
};
