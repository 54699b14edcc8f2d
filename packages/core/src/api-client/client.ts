import { buildPath, type CallArgs, type Endpoint, type HttpMethod, type ResponseOf } from './endpoint.ts';

/**
 * The typed API client: `client.call(endpoint, { params, query, body })` answers the endpoint's response type. What
 * goes over the wire is the transport's business — each front end injects one: the browser's fetch with the session
 * cookie and CSRF header (console, member app), Node's fetch with a cookie header (tests, scripts).
 */
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

export interface TransportRequest {
  method: HttpMethod;
  /** Under /api/v1, parameters filled in, with the query string. */
  path: string;
  /** A JSON value, a FormData (multipart), or undefined (no body). */
  body?: unknown;
  signal?: AbortSignal;
}

/** Sends one request; answers the parsed JSON body (undefined when empty) or throws ApiError. */
export type Transport = (request: TransportRequest) => Promise<unknown>;

export interface ApiClientOptions {
  /**
   * Parse every answer with the endpoint's schema (a mismatch throws). On for the member app and tests; off where
   * the answer is only typed, as the console has always used it.
   */
  validate?: boolean;
}

export function createApiClient(transport: Transport, options: ApiClientOptions = {}) {
  const validate = options.validate ?? true;
  return {
    async call<E extends Endpoint>(endpoint: E, ...args: CallArgsTuple<E>): Promise<ResponseOf<E>> {
      const a = (args[0] ?? {}) as {
        params?: Record<string, string>;
        query?: unknown;
        body?: unknown;
        signal?: AbortSignal;
      };
      const json = await transport({
        method: endpoint.method,
        path: buildPath(endpoint.path, a.params, a.query),
        body: a.body,
        signal: a.signal,
      });
      return (validate ? endpoint.response.parse(json) : json) as ResponseOf<E>;
    },
  };
}
export type ApiClient = ReturnType<typeof createApiClient>;

/** The arguments may be left out when the endpoint needs none. */
type CallArgsTuple<E> = object extends RequiredPart<CallArgs<E>> ? [args?: CallArgs<E>] : [args: CallArgs<E>];
type RequiredPart<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] };

export interface FetchTransportOptions {
  /** Prefix of /api/v1 (empty: same origin). */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** The session's CSRF token, sent on every call that is not a GET (when there is one). */
  csrfToken?: () => string;
  /** More headers per call (Node: the session cookie). */
  headers?: () => Record<string, string>;
  /** A non-2xx answer as an error (default: the server's `{ code, message, details }`). */
  toError?: (status: number, text: string) => ApiError;
  /** The message when the server could not be reached. */
  networkMessage?: string;
  /** Told of every failed call before it is thrown (the console sends an expired session to the login page). */
  onError?: (error: ApiError, request: TransportRequest) => void;
}

/** The server's error body `{ code, message, details }` as an ApiError; anything else a generic one. */
export function serverError(status: number, text: string): ApiError {
  const e = (safeJson(text) ?? {}) as { code?: string; message?: string; details?: unknown };
  return new ApiError(status, e.code ?? `HTTP_${status}`, e.message ?? '服务暂时不可用，请稍后再试', e.details);
}

/** fetch with same-origin credentials (the browser sends the session cookie), JSON or multipart bodies. */
export function createFetchTransport(opts: FetchTransportOptions = {}): Transport {
  const base = `${opts.baseUrl ?? ''}/api/v1`;
  const doFetch = opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const toError = opts.toError ?? serverError;
  return async (request) => {
    const headers: Record<string, string> = { accept: 'application/json', ...(opts.headers?.() ?? {}) };
    const csrf = opts.csrfToken?.() ?? '';
    if (request.method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    let body: FormData | string | undefined;
    if (typeof FormData !== 'undefined' && request.body instanceof FormData) body = request.body;
    else if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.body);
    }
    let res: Response;
    try {
      res = await doFetch(`${base}${request.path}`, {
        method: request.method,
        headers,
        body,
        credentials: 'same-origin',
        signal: request.signal,
      });
    } catch {
      const error = new ApiError(0, 'NETWORK', opts.networkMessage ?? '网络连接失败，请检查网络后重试');
      opts.onError?.(error, request);
      throw error;
    }
    const text = await res.text();
    if (!res.ok) {
      const error = toError(res.status, text);
      opts.onError?.(error, request);
      throw error;
    }
    return text ? safeJson(text) : undefined;
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
