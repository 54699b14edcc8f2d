/** CSRF, bearer tokens, malformed requests and the login rate limit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_PASSWORD, type TestContext } from './helpers/test-context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

let ipSeq = 0;
/** Each call from its own address unless one is given: only the rate-limit test shares one. */
const login = (username: string, password: string, ip = `10.1.0.${++ipSeq}`) =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { username, password } });

describe('CSRF', () => {
  it('refuses a cookie request without or with a wrong x-csrf-token (403 CSRF_INVALID), and changes nothing', async () => {
    const agent = await ctx.as('office_admin');
    const agency = await ctx.newAgency();
    const body = {
      name: '重庆CSRF测试有限公司',
      creditCode: '91350100M000100Y43',
      category: 'private',
      agencyId: agency.id,
      headcount: 10,
    };
    for (const header of [undefined, 'wrong-token', '']) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/units',
        headers: { cookie: agent.cookie, ...(header === undefined ? {} : { 'x-csrf-token': header }) },
        payload: body,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('CSRF_INVALID');
    }
    const anotherSession = await ctx.as('office_admin');
    const crossed = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/units',
      headers: { cookie: agent.cookie, 'x-csrf-token': anotherSession.csrf },
      payload: body,
    });
    expect(crossed.statusCode).toBe(403);
    const stored = await ctx.handle.db.selectFrom('unit').select('id').where('agency_id', '=', agency.id).execute();
    expect(stored).toHaveLength(0);
    expect((await agent.post('/api/v1/units', body)).statusCode).toBe(201);
  });

  it('needs no CSRF token for reads', async () => {
    const agent = await ctx.as('office_admin');
    const res = await ctx.app.inject({ url: '/api/v1/units', headers: { cookie: agent.cookie } });
    expect(res.statusCode).toBe(200);
  });
});

describe('API tokens', () => {
  it('a bearer token works without CSRF; a revoked or unknown token gets 401', async () => {
    const admin = await ctx.as('office_admin');
    const created = await admin.post('/api/v1/api-tokens', { name: '工会会员系统', role: 'office_admin' });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    const agency = await ctx.newAgency();
    const bearer = { authorization: `Bearer ${token}` };

    const me = await ctx.app.inject({ url: '/api/v1/auth/me', headers: bearer });
    expect(me.statusCode).toBe(200);
    const lower = await ctx.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `bearer  ${token}` } });
    expect(lower.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ role: 'office_admin', officeId: ctx.office.id });

    const made = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/units',
      headers: bearer,
      payload: {
        name: '令牌创建的单位',
        creditCode: '91500103MA60000016',
        category: 'soe',
        agencyId: agency.id,
        headcount: 5,
      },
    });
    expect(made.statusCode, made.body).toBe(201);

    expect((await admin.del(`/api/v1/api-tokens/${id}`)).statusCode).toBe(204);
    const after = await ctx.app.inject({ url: '/api/v1/units', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('UNAUTHENTICATED');
    const unknown = await ctx.app.inject({ url: '/api/v1/units', headers: { authorization: 'Bearer hz_not-a-token' } });
    expect(unknown.statusCode).toBe(401);
  });
});

describe('malformed requests', () => {
  it('answers malformed JSON with 400 VALIDATION_FAILED in Chinese', async () => {
    const agent = await ctx.as('office_admin');
    for (const payload of ['{"name": ', 'not json', '[1,2']) {
      const res = await agent.inject({
        method: 'POST',
        url: '/api/v1/units',
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('answers wrong types with 400 and details naming the field', async () => {
    const agent = await ctx.as('office_admin');
    const agency = await ctx.newAgency();
    const res = await agent.post('/api/v1/units', {
      name: '类型错误测试',
      creditCode: '91350100M000100Y43',
      category: 'private',
      agencyId: agency.id,
      headcount: 'many',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'headcount' })]));

    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 5, password: [] },
    });
    expect(login.statusCode).toBe(400);
    const paths = (login.json().details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['username', 'password']));
  });

  it('refuses an unsupported content type with a JSON error', async () => {
    const agent = await ctx.as('office_admin');
    const res = await agent.inject({
      method: 'POST',
      url: '/api/v1/units',
      headers: { 'content-type': 'application/xml' },
      payload: '<unit/>',
    });
    expect([400, 415]).toContain(res.statusCode);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });

  it('refuses a JSON body over the 1 MB limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const agent = await ctx.as('office_admin');
    const res = await agent.post('/api/v1/members', { name: '张三', idNumber: 'x'.repeat(1_100_000) });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('login rate limit', () => {
  it('answers more than 20 logins a minute from one address with 429 RATE_LIMITED', async () => {
    for (let i = 0; i < 20; i++) expect((await login('nobody', 'Wrong-pass1', '10.9.9.9')).statusCode).toBe(401);
    const limited = await login('nobody', 'Wrong-pass1', '10.9.9.9');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' });
    // Even the right password waits: the limit is on attempts, not failures.
    const user = await ctx.newUser('office_admin');
    expect((await login(user.username, TEST_PASSWORD, '10.9.9.9')).statusCode).toBe(429);
    expect((await login('nobody', 'Wrong-pass1', '10.9.9.10')).statusCode).toBe(401);
  });

  it('a client on the internet cannot dodge it with a forged X-Forwarded-For', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '203.0.113.7',
        headers: { 'x-forwarded-for': `198.51.100.${i}` },
        payload: { username: 'nobody', password: 'Wrong-pass1' },
      });
      codes.push(res.statusCode);
    }
    expect(codes.at(-1)).toBe(429);
  });

  it('a reverse proxy on this machine is not trusted by default (HUZHU_TRUST_PROXY unset): rotating X-Forwarded-For from it still hits the limit', async () => {
    const forwarded = (client: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': client },
        payload: { username: 'nobody', password: 'Wrong-pass1' },
      });
    for (let i = 0; i < 20; i++) await forwarded(`198.51.100.${i}`);
    expect((await forwarded('198.51.100.200')).statusCode).toBe(429);
  });
});
