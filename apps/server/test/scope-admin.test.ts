import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScopeWorld, type CallerName, type ScopeWorld } from './helpers/scope-world.ts';
import { createTestContext, type TestContext } from './helpers/test-context.ts';

let ctx: TestContext;
let w: ScopeWorld;
beforeAll(async () => {
  ctx = await createTestContext();
  w = await buildScopeWorld(ctx);
});
afterAll(() => ctx.close());

const notAdmins: CallerName[] = ['reviewer', 'finance', 'agencyA1', 'unitU1', 'national', 'member'];

describe('users, tokens and audit are office-admin objects of one office', () => {
  it.each(notAdmins)('%s may not list or create users or tokens (403 FORBIDDEN)', async (name) => {
    const c = w.callers[name];
    for (const res of [
      await c.get('/api/v1/users'),
      await c.post('/api/v1/users', {
        username: `x${name.toLowerCase()}`,
        displayName: '某人',
        role: 'office_finance',
        password: 'Abcdefg123',
      }),
      await c.patch(`/api/v1/users/${w.callers.admin.user.id}`, { displayName: '改名' }),
      await c.get('/api/v1/api-tokens'),
      await c.post('/api/v1/api-tokens', { name: '令牌', role: 'office_admin' }),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    const stored = await ctx.handle.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', `x${name.toLowerCase()}`)
      .execute();
    expect(stored).toHaveLength(0);
  });

  it('the audit log is readable by office admins and reviewers only', async () => {
    for (const name of ['admin', 'reviewer'] as CallerName[])
      expect((await w.callers[name].get('/api/v1/audit')).statusCode).toBe(200);
    for (const name of ['finance', 'agencyA1', 'unitU1', 'national', 'member'] as CallerName[]) {
      expect((await w.callers[name].get('/api/v1/audit')).statusCode).toBe(403);
    }
  });

  it('another office admin sees none of this office’s users and cannot change them (404)', async () => {
    const list = await w.callers.adminB.get('/api/v1/users?pageSize=500');
    const usernames = (list.json().items as { id: string }[]).map((u) => u.id);
    expect(usernames).toContain(w.callers.adminB.user.id);
    expect(usernames).toContain(w.callers.agencyB.user.id);
    for (const name of ['admin', 'agencyA1', 'unitU1'] as CallerName[]) {
      expect(usernames).not.toContain(w.callers[name].user.id);
      const target = w.callers[name].user;
      for (const patch of [
        { displayName: '被改名' },
        { disabled: true },
        { password: 'Hijack1234' },
        { unlock: true },
      ]) {
        const res = await w.callers.adminB.patch(`/api/v1/users/${target.id}`, patch);
        expect(res.statusCode).toBe(404);
      }
      const row = await ctx.handle.db
        .selectFrom('app_user')
        .selectAll()
        .where('id', '=', target.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        display_name: target.display_name,
        disabled: 0,
        password_hash: target.password_hash,
      });
    }
    // Still signed in: nothing happened to the victim's sessions.
    expect((await w.callers.admin.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('another office admin cannot list or revoke this office’s tokens (404)', async () => {
    const created = await w.callers.admin.post('/api/v1/api-tokens', { name: '甲办事处接口', role: 'office_reviewer' });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    const list = await w.callers.adminB.get('/api/v1/api-tokens');
    expect((list.json().items as { id: string }[]).map((t) => t.id)).not.toContain(id);
    const res = await w.callers.adminB.del(`/api/v1/api-tokens/${id}`);
    expect(res.statusCode).toBe(404);
    expect(
      (await ctx.app.inject({ url: '/api/v1/units', headers: { authorization: `Bearer ${token}` } })).statusCode,
    ).toBe(200);
  });

  it('a token of one office reads only that office', async () => {
    const created = await w.callers.adminB.post('/api/v1/api-tokens', { name: '乙办事处接口', role: 'office_admin' });
    const bearer = { authorization: `Bearer ${created.json().token}` };
    const units = await ctx.app.inject({ url: '/api/v1/units', headers: bearer });
    expect((units.json().items as { id: string }[]).map((u) => u.id)).toEqual([w.units.bUnit.id]);
    expect((await ctx.app.inject({ url: `/api/v1/units/${w.units.u1.id}`, headers: bearer })).statusCode).toBe(404);
    expect((await ctx.app.inject({ url: `/api/v1/members/${w.members.m1.id}`, headers: bearer })).statusCode).toBe(404);
  });

  it('an agency-staff token is limited to its agency', async () => {
    const created = await w.callers.admin.post('/api/v1/api-tokens', {
      name: '江北接口',
      role: 'agency_staff',
      agencyId: w.agencies.a1.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    const bearer = { authorization: `Bearer ${created.json().token}` };
    const units = await ctx.app.inject({ url: '/api/v1/units', headers: bearer });
    expect((units.json().items as { id: string }[]).map((u) => u.id).sort()).toEqual(
      [w.units.u1.id, w.units.u1b.id].sort(),
    );
    expect((await ctx.app.inject({ url: `/api/v1/members/${w.members.m2.id}`, headers: bearer })).statusCode).toBe(404);
  });

  it('a token cannot be tied to another office’s agency', async () => {
    const res = await w.callers.admin.post('/api/v1/api-tokens', {
      name: '越界',
      role: 'agency_staff',
      agencyId: w.agencies.bAgency.id,
    });
    expect(res.statusCode).toBe(400);
  });

  it('the audit log of one office shows nothing of another', async () => {
    // Make sure both offices have audit rows.
    await w.callers.admin.post(`/api/v1/members/${w.members.m1.id}/reveal`);
    await w.callers.adminB.post(`/api/v1/members/${w.members.bMember.id}/reveal`);
    const a = await w.callers.admin.get('/api/v1/audit?pageSize=500');
    const b = await w.callers.adminB.get('/api/v1/audit?pageSize=500');
    const aIds = new Set((a.json().items as { objectId: string }[]).map((e) => e.objectId));
    const bIds = new Set((b.json().items as { objectId: string }[]).map((e) => e.objectId));
    expect(aIds.has(w.members.m1.id)).toBe(true);
    expect(aIds.has(w.members.bMember.id)).toBe(false);
    expect(bIds.has(w.members.bMember.id)).toBe(true);
    expect(bIds.has(w.members.m1.id)).toBe(false);
    const filtered = await w.callers.adminB.get(`/api/v1/audit?objectId=${w.members.m1.id}`);
    expect(filtered.json().total).toBe(0);
  });
});
