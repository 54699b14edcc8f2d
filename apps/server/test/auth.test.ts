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

const auditActions = async (objectId: string) =>
  (await ctx.handle.db.selectFrom('audit_log').select('action').where('object_id', '=', objectId).execute()).map(
    (r) => r.action,
  );

describe('login', () => {
  it('signs in: httpOnly SameSite cookie, CSRF token, and /auth/me answers the same user', async () => {
    const user = await ctx.newUser('agency_staff');
    const res = await login(user.username, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toEqual({
      id: user.id,
      username: user.username,
      role: 'agency_staff',
      officeId: ctx.office.id,
      orgId: user.agency_id,
      displayName: user.display_name,
    });
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookie = res.cookies.find((c) => c.name === 'huzhu_sid');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.value).toMatch(/^[\w-]{30,}$/);
    // Only a hash of the session token is stored.
    const stored = await ctx.handle.db.selectFrom('session').select('id').where('user_id', '=', user.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.id).not.toBe(cookie?.value);

    const me = await ctx.app.inject({ url: '/api/v1/auth/me', cookies: { huzhu_sid: cookie?.value ?? '' } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ user: body.user, csrfToken: body.csrfToken });
  });

  it('answers a wrong password and an unknown user alike: 401 AUTH_FAILED, no cookie', async () => {
    const user = await ctx.newUser('office_admin');
    const wrong = await login(user.username, 'Wrong-pass1');
    const unknown = await login('nobody-here', 'Wrong-pass1');
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('AUTH_FAILED');
      expect(res.json().message).toBe('用户名或密码错误');
      expect(res.cookies).toHaveLength(0);
    }
    // Nothing in the answer tells a known user from an unknown one.
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('locks after 5 wrong passwords, refuses even the right one while locked, and opens after lockMinutes', async () => {
    const user = await ctx.newUser('office_admin');
    for (let i = 1; i <= 4; i++) expect((await login(user.username, `Wrong-pass${i}`)).statusCode).toBe(401);
    const fifth = await login(user.username, 'Wrong-pass5');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('ACCOUNT_LOCKED');
    expect(fifth.json().message).toMatch(/锁定/);

    const right = await login(user.username, TEST_PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.cookies).toHaveLength(0);
    expect(await auditActions(user.id)).toContain('user.locked');

    const start = ctx.clock.now().toISOString();
    ctx.clock.set(new Date(ctx.clock.now().getTime() + 14 * 60_000).toISOString());
    expect((await login(user.username, TEST_PASSWORD)).statusCode).toBe(423);
    ctx.clock.set(new Date(ctx.clock.now().getTime() + 2 * 60_000).toISOString());
    expect((await login(user.username, TEST_PASSWORD)).statusCode).toBe(200);
    ctx.clock.set(start);
  });

  it('counts failures afresh after a successful login', async () => {
    const user = await ctx.newUser('office_admin');
    for (let i = 0; i < 4; i++) await login(user.username, 'Wrong-pass1');
    expect((await login(user.username, TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(user.username, 'Wrong-pass1')).statusCode).toBe(401);
  });

  it('refuses a disabled user: 403 ACCOUNT_DISABLED with the right password, AUTH_FAILED with a wrong one', async () => {
    const user = await ctx.newUser('office_finance', { disabled: 1 });
    const right = await login(user.username, TEST_PASSWORD);
    expect(right.statusCode).toBe(403);
    expect(right.json().code).toBe('ACCOUNT_DISABLED');
    expect(right.cookies).toHaveLength(0);
    expect((await login(user.username, 'Wrong-pass1')).json().code).toBe('AUTH_FAILED');
  });

  it('refuses a missing or empty field with 400 VALIDATION_FAILED naming it', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.json().details)).toContain('password');
  });
});

describe('sessions', () => {
  it('logout ends the session: the old cookie no longer signs in', async () => {
    const agent = await ctx.as('office_admin');
    expect((await agent.get('/api/v1/auth/me')).statusCode).toBe(200);
    const out = await agent.post('/api/v1/auth/logout');
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'huzhu_sid')?.value).toBe('');
    const me = await agent.get('/api/v1/auth/me');
    expect(me.statusCode).toBe(401);
    expect(me.json().code).toBe('UNAUTHENTICATED');
    expect((await agent.get('/api/v1/units')).statusCode).toBe(401);
  });

  it('expires a session after sessionHours', async () => {
    const agent = await ctx.as('office_admin');
    const start = ctx.clock.now().toISOString();
    ctx.clock.set(new Date(ctx.clock.now().getTime() + 12 * 3_600_000 + 1000).toISOString());
    expect((await agent.get('/api/v1/auth/me')).statusCode).toBe(401);
    ctx.clock.set(start);
  });

  it('answers 401 UNAUTHENTICATED without a session or with a forged cookie', async () => {
    for (const cookies of [{}, { huzhu_sid: 'forged-session-value' }]) {
      const res = await ctx.app.inject({ url: '/api/v1/units', cookies });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
    }
  });

  it('answers 401 before looking at the body of a state-changing request', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/units', payload: { name: 1 } });
    expect(res.statusCode).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a cookie request without or with a wrong x-csrf-token (403 CSRF_INVALID), and changes nothing', async () => {
    const agent = await ctx.as('office_admin');
    const agency = await ctx.newAgency();
    const body = { name: '重庆CSRF测试有限公司', creditCode: '91350100M000100Y43', category: 'private', agencyId: agency.id, headcount: 10 };
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
    expect(me.json().user).toMatchObject({ role: 'office_admin', officeId: ctx.office.id });

    const made = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/units',
      headers: bearer,
      payload: { name: '令牌创建的单位', creditCode: '91500103MA60000016', category: 'soe', agencyId: agency.id, headcount: 5 },
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

    const login = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 5, password: [] } });
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
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) codes.push((await login('nobody', 'Wrong-pass1', '10.9.9.9')).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
    const limited = await login('nobody', 'Wrong-pass1', '10.9.9.9');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' });
    // Another address is not affected.
    expect((await login('nobody', 'Wrong-pass1', '10.9.9.10')).statusCode).toBe(401);
  });
});
