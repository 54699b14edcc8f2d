import { ApiError, createApiClient, createFetchTransport } from '@huzhu/core';

/**
 * The one way the console talks to the server: core's typed API client (`api.call(staffEndpoints.x, …)`) over a
 * transport of same-origin JSON under /api/v1, the session cookie, the CSRF header on state-changing calls, and the
 * server's `{ code, message, details }` errors turned into `ApiError`.
 */
export const API_BASE = '/api/v1';
export { ApiError };

/** Messages for failures that never reached the error handler (network down, a proxy page). */
export const transportMessages = {
  network: '无法连接服务器，请检查网络后重试',
  unexpected: (status: number) => `服务器返回了无法识别的响应（HTTP ${status}）`,
};

let csrfToken = '';
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string) {
  csrfToken = token;
}
export function getCsrfToken() {
  return csrfToken;
}

/** Called when a signed-in call answers 401 (session expired or revoked): the app sends the user to the login page. */
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

/** Parses an error body; anything that is not the server's error shape becomes a generic, still Chinese, error. */
export function toApiError(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown; details?: unknown };
    if (typeof body.code === 'string' && typeof body.message === 'string') {
      // A refusal may carry its specific reason in `details.message` ("到账日期不能晚于今天") under a generic code
      // message ("请求参数不正确"); the specific one is what the user can act on.
      const d = body.details as { message?: unknown } | null | undefined;
      const specific = d && !Array.isArray(d) && typeof d.message === 'string' ? d.message : null;
      return new ApiError(status, body.code, specific ?? body.message, body.details);
    }
  } catch {
    // not JSON: fall through to the generic error
  }
  return new ApiError(status, 'UNEXPECTED_RESPONSE', transportMessages.unexpected(status));
}

/** Paths whose 401 is an answer, not an expired session. */
const AUTH_PATHS = new Set(['/auth/login', '/auth/me']);

export const transport = createFetchTransport({
  csrfToken: () => csrfToken,
  toError: toApiError,
  networkMessage: transportMessages.network,
  onError: (error, req) => {
    if (error.status === 401 && !AUTH_PATHS.has(req.path)) onUnauthorized?.();
  },
});

/** Typed calls of core's endpoint definitions; answers are typed by their schemas, not re-parsed. */
export const api = createApiClient(transport, { validate: false });

/** Untyped calls, for the areas whose endpoints are not yet defined in core. */
export async function request<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  opts: { query?: Query; body?: unknown } = {},
): Promise<T> {
  return (await transport({ method, path: buildUrl(path, opts.query).slice(API_BASE.length), body: opts.body })) as T;
}

export const http = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
};
