/**
 * The one way the console talks to the server: same-origin JSON under /api/v1, the session cookie, the CSRF header
 * on state-changing calls, and the server's `{ code, message, details }` errors turned into `ApiError`.
 */
export const API_BASE = '/api/v1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

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

export async function request<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  opts: { query?: Query; body?: unknown } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', transportMessages.network);
  }
  const text = await res.text();
  if (!res.ok) {
    const error = toApiError(res.status, text);
    if (res.status === 401 && !AUTH_PATHS.has(path)) onUnauthorized?.();
    throw error;
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

export const http = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
};
