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

  it('locks even when the wrong passwords arrive all at once', async () => {
    const user = await ctx.newUser('office_admin');
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => login(user.username, `Wrong-pass${i}`)));
    expect(results.map((r) => r.statusCode)).toContain(423);
    expect((await login(user.username, TEST_PASSWORD)).statusCode).toBe(423);
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
    const jars: Record<string, string>[] = [{}, { huzhu_sid: 'forged-session-value' }];
    for (const cookies of jars) {
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
