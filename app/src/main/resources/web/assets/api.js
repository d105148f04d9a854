// The only way the pages reach the server: the public HTTP API documented at /openapi.json.
// The session cookie (HttpOnly) authenticates; state-changing requests carry the session's CSRF
// token in X-CSRF-Token, which the server checks against the session.

let csrf = null;

/** An RFC 9457 problem (or a network failure) thrown by every call. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || 'HTTP ' + status);
    this.status = status;
    this.type = problem.type || '';
    this.title = problem.title || 'HTTP ' + status;
    this.detail = problem.detail || '';
    this.problem = problem;
  }
}

export function setCsrf(token) { csrf = token; }

function headers(method, extra) {
  const out = { Accept: 'application/json', ...extra };
  if (method !== 'GET' && method !== 'HEAD' && csrf) out['X-CSRF-Token'] = csrf;
  return out;
}

async function fail(res) {
  let problem = {};
  try { problem = await res.json(); } catch { /* not JSON */ }
  const err = new ApiError(res.status, problem);
  if (res.status === 401 && api.onUnauthorized) api.onUnauthorized(err);
  throw err;
}

async function call(method, path, body) {
  let res;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: headers(method, body === undefined ? {} : { 'Content-Type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, { title: 'The server cannot be reached', detail: String(e.message || e) });
  }
  if (!res.ok) await fail(res);
  if (res.status === 204) return null;
  return res.json();
}

/**
 * POSTs body and reads the server-sent events of the answer as they arrive, calling
 * onEvent(name, data) for each; resolves with the data of the final `done` event.
 */
async function stream(path, body, onEvent, signal) {
  let res;
  try {
    res = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: headers('POST', { 'Content-Type': 'application/json', Accept: 'text/event-stream' }),
      body: JSON.stringify(body),
      signal,
    });
  } catch (e) {
    throw new ApiError(0, { title: 'The server cannot be reached', detail: String(e.message || e) });
  }
  if (!res.ok) await fail(res);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let done = null;
  for (;;) {
    const { value, done: end } = await reader.read();
    if (end) break;
    buffer += value;
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let event = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length === 0) continue; // a keepalive comment
      const parsed = JSON.parse(data.join('\n'));
      if (event === 'done') done = parsed;
      if (event === 'error') throw new ApiError(parsed.status || 500, parsed);
      onEvent(event, parsed);
    }
  }
  if (!done) throw new ApiError(0, { title: 'The answer stopped before it finished', detail: 'The connection closed early; ask again.' });
  return done;
}

/**
 * Exchanges an API token for a session: the token goes once, in the Authorization header, and is
 * never stored by the page; the server answers the session view and sets the HttpOnly cookie.
 */
async function signIn(token) {
  let res;
  try {
    res = await fetch('/api/session', {
      method: 'POST',
      credentials: 'same-origin',
      headers: headers('POST', { Authorization: 'Bearer ' + token }),
    });
  } catch (e) {
    throw new ApiError(0, { title: 'The server cannot be reached', detail: String(e.message || e) });
  }
  if (!res.ok) await fail(res);
  return res.json();
}

const enc = encodeURIComponent;

export const api = {
  onUnauthorized: null,
  get: (path) => call('GET', path),
  post: (path, body) => call('POST', path, body ?? {}),
  put: (path, body) => call('PUT', path, body ?? {}),
  del: (path) => call('DELETE', path),
  stream,
  signIn,
  enc,
};
