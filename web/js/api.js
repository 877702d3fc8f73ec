// Talking to /api/v1 with the session cookie; writes carry the X-CSRF-Token the server expects.
let csrfToken = null;

export class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    super(error.message || `HTTP ${status}`);
    this.status = status;
    this.code = error.code || String(status);
    this.field = error.field || null;
    this.problems = error.problems || null;
  }
}

function cookie(name) {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

export function setCsrf(token) { csrfToken = token || null; }

export async function api(method, path, body, headers = {}) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json', ...headers } };
  if (method !== 'GET') {
    const token = csrfToken || cookie('ln_csrf');
    if (token) init.headers['X-CSRF-Token'] = token;
  }
  // Writes always send JSON: routes that take a body want its type even when it says nothing.
  if (method !== 'GET' && body === undefined) body = {};
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(`/api/v1${path}`, init);
  } catch (e) {
    throw new ApiError(0, { error: { code: 'network', message: String(e) } });
  }
  if (response.status === 204) return null;
  let data = null;
  try { data = await response.json(); } catch (e) { data = null; }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export const get = (path) => api('GET', path);
export const post = (path, body, headers) => api('POST', path, body, headers);
export const patch = (path, body) => api('PATCH', path, body);
export const del = (path) => api('DELETE', path);
