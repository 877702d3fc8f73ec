// Who is signed in (GET /api/v1/me), shared by every page.
import { get, post, setCsrf, ApiError } from './api.js';

export const session = { me: null, about: null };

// The readable half of the session cookies: without it nobody is signed in in this browser, and
// asking the server would only log a 401 in the console.
function hasSessionCookie() {
  return document.cookie.split(';').some((part) => part.trim().startsWith('ln_csrf='));
}

export async function loadMe() {
  if (!hasSessionCookie()) {
    session.me = null;
    setCsrf(null);
    return null;
  }
  try {
    session.me = await get('/me');
    setCsrf(session.me.csrf_token);
  } catch (e) {
    if (!(e instanceof ApiError) || (e.status !== 401 && e.status !== 403)) throw e;
    session.me = null;
    setCsrf(null);
  }
  return session.me;
}

export async function signOut() {
  try { await post('/auth/logout'); } catch (e) { /* the session may be gone already */ }
  session.me = null;
  setCsrf(null);
}

export function isPupil(me = session.me) {
  return Boolean(me && me.kind === 'pupil');
}
