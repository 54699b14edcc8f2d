import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestContext, TEST_PASSWORD, type TestContext } from './helpers/test-context.ts';

let ctx: TestContext;
let admin: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('office_admin');
});
afterAll(() => ctx.close());

let seq = 0;
const username = () => `staff${++seq}x${process.pid % 1000}`;
let ipSeq = 0;
const login = (name: string, password: string) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: `10.3.0.${++ipSeq}`,
    payload: { username: name, password },
  });
const userRow = (id: string) =>
  ctx.handle.db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const auditOf = (id: string) =>
  ctx.handle.db.selectFrom('audit_log').selectAll().where('object_id', '=', id).orderBy('id').execute();

describe('POST /users', () => {
  it.each(['office_admin', 'office_reviewer', 'office_finance', 'agency_staff', 'unit_agent'] as const)(
    'creates a %s who can then sign in',
    async (role) => {
      const org =
        role === 'agency_staff'
          ? { agencyId: (await ctx.newAgency()).id }
          : role === 'unit_agent'
            ? { unitId: (await ctx.newUnit()).id }
            : {};
      const name = username();
      const res = await admin.post('/api/v1/users', {
        username: name,
        displayName: '新同事',
        role,
        password: 'Secret-1234',
        ...org,
      });
      expect(res.statusCode, res.body).toBe(201);
      const user = res.json();
      expect(user).toMatchObject({
        username: name,
        displayName: '新同事',
        role,
        agencyId: 'agencyId' in org ? org.agencyId : null,
        unitId: 'unitId' in org ? org.unitId : null,
        disabled: false,
      });
      expect(res.body).not.toMatch(/password|argon2/i);
      const audit = await auditOf(user.id);
      expect(audit.map((a) => a.action)).toEqual(['user.create']);
      expect(audit[0]?.after_json).not.toMatch(/argon2|Secret123/);
      const signedIn = await login(name, 'Secret-1234');
      expect(signedIn.statusCode).toBe(200);
      expect(signedIn.json().user).toMatchObject({ role, officeId: ctx.office.id });
    },
  );

  it('an agency user created here sees only the units of that agency', async () => {
    const agency = await ctx.newAgency();
    const mine = await ctx.newUnit({ agency_id: agency.id });
    await ctx.newUnit();
    const name = username();
    await admin.post('/api/v1/users', {
      username: name,
      displayName: '江北经办',
      role: 'agency_staff',
      agencyId: agency.id,
      password: 'Secret-1234',
    });
    const cookie = (await login(name, 'Secret-1234')).cookies.find((c) => c.name === 'huzhu_sid')?.value ?? '';
    const units = await ctx.app.inject({ url: '/api/v1/units', cookies: { huzhu_sid: cookie } });
    expect((units.json().items as { id: string }[]).map((u) => u.id)).toEqual([mine.id]);
  });

  it.each([
    ['agency staff without an agency', { role: 'agency_staff' }, 'agencyId'],
    ['agency staff of an unknown agency', { role: 'agency_staff', agencyId: 'nope' }, 'agencyId'],
    ['a unit agent without a unit', { role: 'unit_agent' }, 'unitId'],
  ])('refuses %s with 400', async (_l, patch, field) => {
    const res = await admin.post('/api/v1/users', {
      username: username(),
      displayName: '某人',
      password: 'Secret-1234',
      ...patch,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field } });
  });

  it('refuses an agency or unit of another office with 400, and stores nothing', async () => {
    const other = await ctx.newOffice();
    const agency = await ctx.newAgency({ office_id: other.id });
    const unit = await ctx.newUnit({ office_id: other.id, agency_id: agency.id });
    for (const patch of [
      { role: 'agency_staff', agencyId: agency.id },
      { role: 'unit_agent', unitId: unit.id },
    ]) {
      const name = username();
      const res = await admin.post('/api/v1/users', {
        username: name,
        displayName: '越界',
        password: 'Secret-1234',
        ...patch,
      });
      expect(res.statusCode).toBe(400);
      expect(
        await ctx.handle.db.selectFrom('app_user').select('id').where('username', '=', name).execute(),
      ).toHaveLength(0);
    }
  });

  it.each([
    ['too short', 'Ab1'],
    ['a common one, letters only', 'abcdefghij'],
    ['a common one, digits only', '1234567890'],
  ])('refuses a weak password (%s) with 400 naming the field', async (_l, password) => {
    const res = await admin.post('/api/v1/users', {
      username: username(),
      displayName: '弱密码',
      role: 'office_finance',
      password,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'PASSWORD_WEAK', details: { field: 'password' } });
  });

  it.each([
    ['a national viewer', { role: 'national_viewer' }],
    ['a member', { role: 'member' }],
    ['an upper-case username', { username: 'Admin2' }],
    ['a username with spaces', { username: 'a b c' }],
  ])('refuses %s with 400', async (_l, patch) => {
    const res = await admin.post('/api/v1/users', {
      username: username(),
      displayName: '某人',
      role: 'office_finance',
      password: 'Secret-1234',
      ...patch,
    });
    expect(res.statusCode).toBe(400);
  });

  it('refuses a taken username with 409 USERNAME_TAKEN, also when another office has it', async () => {
    const name = username();
    const body = { username: name, displayName: '甲', role: 'office_finance', password: 'Secret-1234' };
    expect((await admin.post('/api/v1/users', body)).statusCode).toBe(201);
    const again = await admin.post('/api/v1/users', { ...body, displayName: '乙' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('USERNAME_TAKEN');
    const other = await ctx.newOffice();
    const adminB = await ctx.as('office_admin', { office_id: other.id });
    expect((await adminB.post('/api/v1/users', body)).statusCode).toBe(409);
  });

  it('two simultaneous creates of one username: one 201, one 409', async () => {
    const body = { username: username(), displayName: '并发', role: 'office_finance', password: 'Secret-1234' };
    const results = await Promise.all([admin.post('/api/v1/users', body), admin.post('/api/v1/users', body)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });
});

describe('GET /users', () => {
  it('lists the office users, filtered by q, without password hashes', async () => {
    const u = await ctx.newUser('office_reviewer', { display_name: '审核员小周' });
    const res = await admin.get(`/api/v1/users?q=${encodeURIComponent('小周')}`);
    expect(res.statusCode).toBe(200);
    expect((res.json().items as { id: string }[]).map((x) => x.id)).toEqual([u.id]);
    expect(res.body).not.toContain('argon2');
    expect((await admin.get('/api/v1/users?q=%25')).json().total).toBe(0);
  });
});

describe('PATCH /users/:id', () => {
  it('disabling a user ends their sessions and refuses their logins; enabling lets them back', async () => {
    const target = await ctx.as('office_finance');
    const res = await admin.patch(`/api/v1/users/${target.user.id}`, { disabled: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().disabled).toBe(true);
    expect((await target.get('/api/v1/units')).statusCode).toBe(401);
    expect((await login(target.user.username, TEST_PASSWORD)).statusCode).toBe(403);
    expect((await admin.patch(`/api/v1/users/${target.user.id}`, { disabled: false })).statusCode).toBe(200);
    expect((await login(target.user.username, TEST_PASSWORD)).statusCode).toBe(200);
    expect((await auditOf(target.user.id)).map((a) => a.action)).toEqual(['user.update', 'user.update']);
  });

  it('an admin cannot disable themself (409)', async () => {
    const res = await admin.patch(`/api/v1/users/${admin.user.id}`, { disabled: true });
    expect(res.statusCode).toBe(409);
    expect((await userRow(admin.user.id)).disabled).toBe(0);
  });

  it('unlocks a locked account', async () => {
    const target = await ctx.newUser('office_finance');
    for (let i = 0; i < 5; i++) await login(target.username, 'Wrong-pass1');
    expect((await login(target.username, TEST_PASSWORD)).statusCode).toBe(423);
    const listed = await admin.get(`/api/v1/users?q=${target.username}`);
    expect(listed.json().items[0].lockedUntil).toBeTruthy();
    expect((await admin.patch(`/api/v1/users/${target.id}`, { unlock: true })).json().lockedUntil).toBeNull();
    expect((await login(target.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('resets a password: the old one stops working, sessions end, the audit row holds no hash', async () => {
    const target = await ctx.as('office_reviewer');
    const res = await admin.patch(`/api/v1/users/${target.user.id}`, {
      password: 'NewSecret456',
      displayName: '改了名',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().displayName).toBe('改了名');
    expect((await target.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await login(target.user.username, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(target.user.username, 'NewSecret456')).statusCode).toBe(200);
    const [audit] = await auditOf(target.user.id);
    expect(JSON.parse(audit?.after_json ?? '{}')).toMatchObject({ passwordChanged: true, display_name: '改了名' });
    expect(`${audit?.before_json}${audit?.after_json}`).not.toMatch(/argon2|NewSecret456/);
  });

  it('refuses a weak new password and an unknown user', async () => {
    const target = await ctx.newUser('office_finance');
    expect((await admin.patch(`/api/v1/users/${target.id}`, { password: 'short' })).statusCode).toBe(400);
    expect((await admin.patch('/api/v1/users/no-such-user', { displayName: '某人' })).statusCode).toBe(404);
    expect((await userRow(target.id)).password_hash).toBe(target.password_hash);
  });
});
