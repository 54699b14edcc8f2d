/**
 * One endpoint of the HTTP API, as data: method, path (with `:name` parameters), the zod schema of the request body
 * and of the answer. The server's routes answer with the same core schemas, so a client built from these
 * definitions never retypes a response. Definitions are grouped by area (`staff-endpoints.ts`,
 * `member-endpoints.ts`); `createApiClient` (client.ts) calls them over a transport each front end injects.
 */

/** Anything with zod's `parse` and output type: a zod schema, or `noContent` / `anyJson` below. */
export interface Schema<T> {
  parse(value: unknown): T;
  readonly _output?: T;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Endpoint<Path extends string = string, Res = unknown, Body = unknown, Query = unknown> {
  readonly method: HttpMethod;
  /** Under /api/v1, e.g. `/claims/:id/decision`. */
  readonly path: Path;
  readonly response: Schema<Res>;
  /** The JSON body's schema (for its type: the server validates); `formData` for a multipart upload. */
  readonly body?: Schema<Body>;
  /** The query string's shape (type only). */
  readonly query?: Schema<Query>;
}

/** An answer without a body (204, or a 200 whose body the caller does not use). */
export const noContent: Schema<void> = { parse: () => undefined };

/** A shape declared only for its type (query strings, bodies the server checks itself). */
export const shape = <T>(): Schema<T> => ({ parse: (v) => v as T });

/** A multipart form (uploads). */
export const formData = shape<FormData>();

export function endpoint<Path extends string, Res, Body = never, Query = never>(def: {
  method: HttpMethod;
  path: Path;
  response: Schema<Res>;
  body?: Schema<Body>;
  query?: Schema<Query>;
}): Endpoint<Path, Res, Body, Query> {
  return def;
}

/** `'/claims/:id/materials/:materialId'` → `'id' | 'materialId'`. */
export type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

export type ResponseOf<E> = E extends Endpoint<string, infer R> ? R : never;
export type BodyOf<E> = E extends Endpoint<string, unknown, infer B> ? B : never;

/** What one call of an endpoint takes: its path parameters, query and body, each only when it has them. */
export type CallArgs<E> =
  E extends Endpoint<infer P, unknown, infer B, infer Q>
    ? ([PathParamNames<P>] extends [never] ? { params?: undefined } : { params: Record<PathParamNames<P>, string> }) &
        ([Q] extends [never] ? { query?: undefined } : { query?: Q }) &
        ([B] extends [never] ? { body?: undefined } : { body: B }) & {
          /** Aborts the call (the transport rejects). */
          signal?: AbortSignal;
        }
    : never;

export type QueryValue = string | number | boolean | undefined | null;

/** The path with its parameters filled in (each URI-encoded) and the query string (empty values left out). */
export function buildPath(path: string, params?: Record<string, string>, query?: unknown): string {
  const filled = path.replace(/:([A-Za-z][A-Za-z0-9]*)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries((query ?? {}) as Record<string, QueryValue>)) {
    if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  }
  const qs = search.toString();
  return `${filled}${qs ? `?${qs}` : ''}`;
}
