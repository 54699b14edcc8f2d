import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockMinutesFor, loginSourceOf } from '../src/security/login-source.ts';
import { createTestContext, TEST_PASSWORD, type TestContext } from './helpers/test-context.ts';

// Issue 15 items 9 and 10: only a configured proxy is believed, and lock-outs are per (account, source network).
describe('login sources', () => {
  it.each([
    ['203.0.113.7', '203.0.113.0/24'],
    ['::ffff:203.0.113.7', '203.0.113.0/24'],
    ['2001:db8:1:2::5', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['::1', '0:0:0:0::/64'],
    [null, 'unknown'],
    ['not-an-ip', 'unknown'],
  ])('%s → %s', (ip, source) => expect(loginSourceOf(ip)).toBe(source));
  it('doubles each lock, at most a day', () => {
    expect([1, 2, 3, 4, 10].map((l) => lockMinutesFor(15, l))).toEqual([15, 30, 60, 120, 1440]);
  });
});

describe('lock-out by (account, source)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());
  const login = (username: string, password: string, ip: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { username, password } });
  const later = (minutes: number) =>
    ctx.clock.set(new Date(ctx.clock.now().getTime() + minutes * 60_000).toISOString());

  it('five wrong passwords lock the attacker’s network only; the owner signs in from elsewhere', async () => {
    const user = await ctx.newUser('office_reviewer');
    for (let i = 1; i <= 4; i++)
      expect((await login(user.username, `Wrong-pass${i}`, `203.0.113.${i}`)).statusCode).toBe(401);
    const fifth = await login(user.username, 'Wrong-pass5', '203.0.113.5');
    expect(fifth.statusCode).toBe(423);
    // The same /24 is locked, even with the right password.
    expect((await login(user.username, TEST_PASSWORD, '203.0.113.99')).statusCode).toBe(423);
    // The real user, from their office network, is not.
    expect((await login(user.username, TEST_PASSWORD, '198.51.100.20')).statusCode).toBe(200);
  });

  it('an IPv6 attacker rotating inside one /64 is one source', async () => {
    const user = await ctx.newUser('office_finance');
    for (let i = 1; i <= 5; i++) await login(user.username, 'Wrong-pass1', `2001:db8:1:2::${i}`);
    expect((await login(user.username, TEST_PASSWORD, '2001:db8:1:2:ffff::1')).statusCode).toBe(423);
    expect((await login(user.username, TEST_PASSWORD, '2001:db8:1:3::1')).statusCode).toBe(200);
  });

  it('each further lock from the same source lasts twice as long; a success there starts afresh', async () => {
    const user = await ctx.newUser('office_finance');
    const start = ctx.clock.now().toISOString();
    try {
      for (let i = 0; i < 5; i++) await login(user.username, 'Wrong-pass1', '192.0.2.10');
      later(15.5);
      expect((await login(user.username, 'Wrong-pass1', '192.0.2.10')).statusCode).toBe(401);
      for (let i = 0; i < 4; i++) await login(user.username, 'Wrong-pass1', '192.0.2.10');
      later(29);
      expect((await login(user.username, TEST_PASSWORD, '192.0.2.10')).statusCode).toBe(423);
      later(1.5);
      expect((await login(user.username, TEST_PASSWORD, '192.0.2.10')).statusCode).toBe(200);
      // After a success the next lock is the short one again.
      for (let i = 0; i < 5; i++) await login(user.username, 'Wrong-pass1', '192.0.2.10');
      later(15.5);
      expect((await login(user.username, TEST_PASSWORD, '192.0.2.10')).statusCode).toBe(200);
    } finally {
      ctx.clock.set(start);
    }
  });

  it('the office admin sees the lock in the audit (user.locked, with the source) and can lift it', async () => {
    const user = await ctx.newUser('office_finance');
    for (let i = 0; i < 5; i++) await login(user.username, 'Wrong-pass1', '192.0.2.77');
    const admin = await ctx.as('office_admin');
    const audit = await admin.get(`/api/v1/audit?action=user.locked&objectId=${user.id}`);
    expect(audit.statusCode).toBe(200);
    expect(audit.json().items).toEqual([
      expect.objectContaining({
        action: 'user.locked',
        objectId: user.id,
        after: expect.objectContaining({ source: '192.0.2.0/24', lockLevel: 1, minutes: 15 }),
      }),
    ]);
    const listed = await admin.get(`/api/v1/users?q=${user.username}`);
    expect(listed.json().items[0].lockedUntil).toBeTruthy();
    expect((await admin.patch(`/api/v1/users/${user.id}`, { unlock: true })).statusCode).toBe(200);
    expect((await login(user.username, TEST_PASSWORD, '192.0.2.77')).statusCode).toBe(200);
  });

  it('a lock alerts the office admin: it shows in the security alerts (raised again by a further lock); not to other offices or roles', async () => {
    const user = await ctx.newUser('office_finance');
    for (let i = 0; i < 5; i++) await login(user.username, 'Wrong-pass1', '192.0.2.88');
    const admin = await ctx.as('office_admin');
    const res = await admin.get('/api/v1/security-alerts');
    expect(res.statusCode).toBe(200);
    const mine = res.json().items.filter((a: { userId: string }) => a.userId === user.id);
    expect(mine).toEqual([
      expect.objectContaining({
        kind: 'user_locked',
        userId: user.id,
        username: user.username,
        lockedUntil: expect.any(String),
        message: expect.stringContaining(user.username),
      }),
    ]);
    expect(mine[0].message).toContain('192.0.2.0/24');
    expect(mine[0].message).toMatch(/锁定 15 分钟（第 1 次锁定）/);
    // A further lock of the same account raises the alert again (one row per account, the latest lock).
    later(16);
    for (let i = 0; i < 5; i++) await login(user.username, 'Wrong-pass1', '192.0.2.88');
    const again = (await admin.get('/api/v1/security-alerts')).json().items;
    const latest = again.filter((a: { userId: string }) => a.userId === user.id);
    expect(latest).toEqual([
      expect.objectContaining({ message: expect.stringContaining('锁定 30 分钟（第 2 次锁定）') }),
    ]);
    expect(Date.parse(latest[0].createdAt)).toBeGreaterThan(Date.parse(mine[0].createdAt));
    // Another office's admin does not see it; a reviewer may not read the alerts.
    const elsewhere = await ctx.as('office_admin', { office_id: (await ctx.newOffice()).id });
    const theirs = (await elsewhere.get('/api/v1/security-alerts')).json().items;
    expect(theirs.filter((a: { userId: string }) => a.userId === user.id)).toEqual([]);
    expect((await (await ctx.as('office_reviewer')).get('/api/v1/security-alerts')).statusCode).toBe(403);
  });

  it('wrong passwords sent all at once still lock the source', async () => {
    const user = await ctx.newUser('office_finance');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => login(user.username, `Wrong-pass${i}`, `192.0.2.${100 + i}`)),
    );
    expect(results.map((r) => r.statusCode)).toContain(423);
    expect((await login(user.username, TEST_PASSWORD, '192.0.2.200')).statusCode).toBe(423);
    const locks = await ctx.handle.db
      .selectFrom('audit_log')
      .select('id')
      .where('object_id', '=', user.id)
      .where('action', '=', 'user.locked')
      .execute();
    expect(locks).toHaveLength(1);
  });
});

describe('HUZHU_TRUST_PROXY', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ config: { trustProxy: ['127.0.0.1'] } });
  });
  afterAll(() => ctx.close());
  const viaProxy = (remoteAddress: string, client: string) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress,
      headers: { 'x-forwarded-for': client },
      payload: { username: 'nobody', password: 'Wrong-pass1' },
    });

  it('behind the named proxy each forwarded client has its own allowance', async () => {
    for (let i = 0; i < 20; i++) await viaProxy('127.0.0.1', '198.51.100.200');
    expect((await viaProxy('127.0.0.1', '198.51.100.200')).statusCode).toBe(429);
    expect((await viaProxy('127.0.0.1', '198.51.100.201')).statusCode).toBe(401);
  });

  it('from any other address the header is ignored: rotating it does not bypass the limit', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) codes.push((await viaProxy('10.0.0.5', `198.51.100.${i}`)).statusCode);
    expect(codes.at(-1)).toBe(429);
  });

  it('is read from the environment as a list of addresses and networks, refused when malformed', async () => {
    const { loadConfig } = await import('../src/config.ts');
    expect(loadConfig({ HUZHU_TRUST_PROXY: '10.0.0.1, 192.168.0.0/24' } as NodeJS.ProcessEnv).trustProxy).toEqual([
      '10.0.0.1',
      '192.168.0.0/24',
    ]);
    expect(loadConfig({} as NodeJS.ProcessEnv).trustProxy).toEqual([]);
    expect(() => loadConfig({ HUZHU_TRUST_PROXY: 'everyone' } as NodeJS.ProcessEnv)).toThrow(/HUZHU_TRUST_PROXY/);
  });
});

// Issue 15 item 11: weak passwords are refused when set, with PASSWORD_WEAK.
describe('weak passwords', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());
  let n = 0;
  const body = (password: string) => ({
    username: `weak${++n}`,
    displayName: '测试',
    role: 'office_finance',
    password,
  });

  it.each([
    ['password1', 'too_short'],
    ['Secret123', 'too_short'],
    ['Password123', 'common'],
    ['qwertyuiop', 'common'],
    ['Woaini5201314', 'common'],
  ])('creating a user with %j → 400 PASSWORD_WEAK (%s), nothing stored', async (password, reason) => {
    const admin = await ctx.as('office_admin');
    const b = body(password);
    const res = await admin.post('/api/v1/users', b);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'PASSWORD_WEAK', details: { field: 'password', reason } });
    const stored = await ctx.handle.db.selectFrom('app_user').select('id').where('username', '=', b.username).execute();
    expect(stored).toHaveLength(0);
  });

  it('a password holding the username is refused; a long uncommon one is taken', async () => {
    const admin = await ctx.as('office_admin');
    const b = body('');
    const own = await admin.post('/api/v1/users', { ...b, password: `${b.username}-2026-x` });
    expect(own.json()).toMatchObject({ code: 'PASSWORD_WEAK', details: { reason: 'contains_username' } });
    expect((await admin.post('/api/v1/users', { ...b, password: 'Jiangbei-Tour-93' })).statusCode).toBe(201);
  });

  it('a reset to a common password is refused and the old hash stays', async () => {
    const admin = await ctx.as('office_admin');
    const target = await ctx.newUser('office_finance');
    const res = await admin.patch(`/api/v1/users/${target.id}`, { password: 'Welcome2025' });
    expect(res.json().code).toBe('PASSWORD_WEAK');
    const row = await ctx.handle.db
      .selectFrom('app_user')
      .select('password_hash')
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toBe(target.password_hash);
  });
});
