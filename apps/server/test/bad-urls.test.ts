import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Agent, type TestContext } from './helpers/test-context.ts';

/**
 * Bad URLs and bodies answer the project's `{ code, message }` (Chinese message), never Fastify's own
 * `{ statusCode, error, message }` (issue 15, item 16).
 */
describe('bad URLs and bodies', () => {
  let ctx: TestContext;
  let admin: Agent;
  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await ctx.as('office_admin');
  });
  afterAll(() => ctx.close());

  const projectShape = (body: Record<string, unknown>, code: string) => {
    expect(body.code).toBe(code);
    expect(String(body.message)).toMatch(/\p{Script=Han}/u);
    expect(body).not.toHaveProperty('statusCode');
    expect(body).not.toHaveProperty('error');
  };

  it('an unknown route is 404 NOT_FOUND', async () => {
    const res = await ctx.app.inject('/api/v1/no-such-route');
    expect(res.statusCode).toBe(404);
    projectShape(res.json(), 'NOT_FOUND');
    const deeper = await admin.get('/api/v1/units/123/no-such-thing');
    expect(deeper.statusCode).toBe(404);
    projectShape(deeper.json(), 'NOT_FOUND');
  });

  it('a known path with the wrong method is 405 METHOD_NOT_ALLOWED with Allow', async () => {
    const res = await ctx.app.inject({ method: 'DELETE', url: '/api/v1/health' });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('GET');
    projectShape(res.json(), 'METHOD_NOT_ALLOWED');
    // A path with a parameter, and a query string.
    const put = await admin.inject({ method: 'PUT', url: '/api/v1/auth/login?x=1' });
    expect(put.statusCode).toBe(405);
    expect(put.headers.allow).toContain('POST');
    projectShape(put.json(), 'METHOD_NOT_ALLOWED');
  });

  it('malformed and empty JSON bodies are 400 VALIDATION_FAILED', async () => {
    const broken = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "admin", "password":',
    });
    expect(broken.statusCode).toBe(400);
    projectShape(broken.json(), 'VALIDATION_FAILED');
    const empty = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expect(empty.statusCode).toBe(400);
    projectShape(empty.json(), 'VALIDATION_FAILED');
  });

  it('bad path and query parameters are 400 VALIDATION_FAILED, saying where', async () => {
    const query = await admin.get('/api/v1/members?page=abc');
    expect(query.statusCode).toBe(400);
    projectShape(query.json(), 'VALIDATION_FAILED');
    expect(JSON.stringify(query.json().details)).toContain('querystring');
    const size = await admin.get('/api/v1/units?pageSize=100000');
    expect(size.statusCode).toBe(400);
    projectShape(size.json(), 'VALIDATION_FAILED');
  });

  it('a URL that cannot be decoded is 400 in the project shape', async () => {
    const res = await ctx.app.inject('/api/v1/units/%E0%A4%A');
    expect(res.statusCode).toBe(400);
    projectShape(res.json(), 'VALIDATION_FAILED');
  });
});
