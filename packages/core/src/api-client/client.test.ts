import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, createApiClient, createFetchTransport, type TransportRequest } from './client.ts';
import { buildPath, endpoint, noContent, shape } from './endpoint.ts';

const Thing = z.object({ id: z.string(), n: z.number() });
const get = endpoint({ method: 'GET', path: '/things/:id/parts/:part', response: Thing });
const list = endpoint({ method: 'GET', path: '/things', response: z.array(Thing), query: shape<{ q?: string }>() });
const put = endpoint({ method: 'PUT', path: '/things/:id', response: Thing, body: z.object({ n: z.number() }) });
const drop = endpoint({ method: 'DELETE', path: '/things/:id', response: noContent });

describe('buildPath', () => {
  it('fills and encodes parameters and leaves empty query values out', () => {
    expect(buildPath('/a/:id/b/:x', { id: 'p q', x: '1/2' }, { q: '', n: 0, f: false, u: undefined })).toBe(
      '/a/p%20q/b/1%2F2?n=0&f=false',
    );
  });
  it('refuses a missing parameter', () => {
    expect(() => buildPath('/a/:id', {})).toThrow(/id/);
  });
});

describe('createApiClient', () => {
  const seen: TransportRequest[] = [];
  const answer = (json: unknown) => async (r: TransportRequest) => {
    seen.push(r);
    return json;
  };

  it('sends method, path, query and body and answers the parsed response', async () => {
    const client = createApiClient(answer({ id: 't', n: 1, extra: true }));
    await expect(client.call(get, { params: { id: 't', part: 'p' } })).resolves.toEqual({ id: 't', n: 1 });
    await createApiClient(answer([])).call(list, { query: { q: '水' } });
    await client.call(put, { params: { id: 't' }, body: { n: 2 } });
    await expect(createApiClient(answer(undefined)).call(drop, { params: { id: 't' } })).resolves.toBeUndefined();
    expect(seen.slice(-4, -1).map((r) => [r.method, r.path, r.body])).toEqual([
      ['GET', '/things/t/parts/p', undefined],
      ['GET', `/things?q=${encodeURIComponent('水')}`, undefined],
      ['PUT', '/things/t', { n: 2 }],
    ]);
  });

  it('throws when the answer does not match the schema, unless validation is off', async () => {
    await expect(createApiClient(answer({ id: 1 })).call(get, { params: { id: 'a', part: 'b' } })).rejects.toThrow();
    const loose = createApiClient(answer({ id: 1 }), { validate: false });
    await expect(loose.call(get, { params: { id: 'a', part: 'b' } })).resolves.toEqual({ id: 1 });
  });
});

describe('createFetchTransport', () => {
  function fakeFetch(status: number, text: string, calls: { url: string; init: RequestInit }[]) {
    return (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(text || null, { status });
    }) as unknown as typeof fetch;
  }

  it('sends JSON with the CSRF header on a change, none on a GET', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const t = createFetchTransport({
      baseUrl: 'http://x',
      fetch: fakeFetch(200, '{"ok":1}', calls),
      csrfToken: () => 'c',
    });
    await expect(t({ method: 'POST', path: '/a', body: { b: 1 } })).resolves.toEqual({ ok: 1 });
    await t({ method: 'GET', path: '/a' });
    const [post, getCall] = calls;
    expect(post!.url).toBe('http://x/api/v1/a');
    expect(post!.init.headers).toMatchObject({ 'x-csrf-token': 'c', 'content-type': 'application/json' });
    expect(post!.init.body).toBe('{"b":1}');
    expect(getCall!.init.headers).not.toHaveProperty('x-csrf-token');
    expect(getCall!.init.body).toBeUndefined();
  });

  it("turns the server's error body into an ApiError and tells onError", async () => {
    const told: number[] = [];
    const t = createFetchTransport({
      fetch: fakeFetch(404, '{"code":"NOT_FOUND","message":"找不到"}', []),
      onError: (e) => told.push(e.status),
    });
    const error = await t({ method: 'GET', path: '/a' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND', message: '找不到' });
    expect(told).toEqual([404]);
  });

  it('answers NETWORK when the server cannot be reached', async () => {
    const t = createFetchTransport({
      fetch: (async () => {
        throw new TypeError('down');
      }) as unknown as typeof fetch,
      networkMessage: '断网',
    });
    await expect(t({ method: 'GET', path: '/a' })).rejects.toMatchObject({ code: 'NETWORK', message: '断网' });
  });
});
