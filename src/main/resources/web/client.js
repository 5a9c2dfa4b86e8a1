/*
 * The service's HTTP API as the page calls it: JSON in and out, errors as ApiError carrying the
 * contract's error body. With API tokens the session is an HttpOnly cookie the browser sends itself.
 */

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

let onSessionEnded = () => {};

/** Sets what happens when the service says the session has ended (401 on any call but signing in). */
export function whenSessionEnds(handler) {
  onSessionEnded = handler;
}

/** Calls the API; a non-2xx answer becomes an ApiError carrying the contract's error body. */
export async function api(method, path, body) {
  const init = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'unreachable', 'The service cannot be reached.', []);
  }
  if (response.status === 401 && !path.startsWith('/api/session')) {
    // the session ended (signed out elsewhere, expired, or its token revoked)
    onSessionEnded('Your session has ended. Sign in again.');
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch (e) { data = null; }
  }
  if (!response.ok) {
    const error = data && typeof data === 'object' ? data : {};
    throw new ApiError(response.status, error.error || 'http_' + response.status,
      error.message || 'HTTP ' + response.status, Array.isArray(error.details) ? error.details : []);
  }
  return data;
}

export const exportPath = (id) => '/api/exports/' + encodeURIComponent(id);

export const EXPORT_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const ACTIVE = new Set(['pending', 'running']);
export const RETRYABLE = new Set(['failed', 'cancelled']);
export const FINISHED = new Set(['completed', 'failed', 'cancelled']);
