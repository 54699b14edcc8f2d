import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestContext, type TestContext } from './helpers/test-context.ts';

let ctx: TestContext;
let admin: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('office_admin');
});
afterAll(() => ctx.close());

const withToken = (token: string, url: string) =>
  ctx.app.inject({ url, headers: { authorization: `Bearer ${token}` } });

describe('API tokens', () => {
  it('shows the token once; only its hash is stored; the list never shows it', async () => {
    const res = await admin.post('/api/v1/api-tokens', { name: '会员系统对接', role: 'office_reviewer' });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ name: '会员系统对接', role: 'office_reviewer', agencyId: null, revokedAt: null });
    expect(created.token).toMatch(/^hz_[\w-]{40,}$/);
    const row = await ctx.handle.db
      .selectFrom('api_token')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(JSON.stringify(row)).not.toContain(created.token.slice(3));
    const list = await admin.get('/api/v1/api-tokens');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(created.token);
    expect((list.json().items as { id: string }[]).map((t) => t.id)).toContain(created.id);
    const audit = await ctx.handle.db.selectFrom('audit_log').selectAll().where('object_id', '=', created.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['token.create']);
    expect(JSON.stringify(audit)).not.toContain(created.token);
  });

  it('a token acts with its role: a reviewer token reads but cannot write', async () => {
    const { token } = (await admin.post('/api/v1/api-tokens', { name: '只读', role: 'office_reviewer' })).json();
    expect((await withToken(token, '/api/v1/units')).statusCode).toBe(200);
    const agency = await ctx.newAgency();
    const write = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/units',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        name: '令牌写入',
        creditCode: '91350100M000100Y43',
        category: 'private',
        agencyId: agency.id,
        headcount: 1,
      },
    });
    expect(write.statusCode).toBe(403);
  });

  it('records when a token was last used', async () => {
    const { id, token } = (await admin.post('/api/v1/api-tokens', { name: '用量', role: 'office_finance' })).json();
    await withToken(token, '/api/v1/agencies');
    const listed = (
      (await admin.get('/api/v1/api-tokens')).json().items as { id: string; lastUsedAt: string | null }[]
    ).find((t) => t.id === id);
    expect(listed?.lastUsedAt).toBe(ctx.clock.now().toISOString());
  });

  it('revokes: 204, the token stops working, the list shows revokedAt, a second revoke is 404', async () => {
    const { id, token } = (await admin.post('/api/v1/api-tokens', { name: '将被吊销', role: 'office_admin' })).json();
    const res = await admin.del(`/api/v1/api-tokens/${id}`);
    expect(res.statusCode).toBe(204);
    expect((await withToken(token, '/api/v1/units')).statusCode).toBe(401);
    const listed = (
      (await admin.get('/api/v1/api-tokens')).json().items as { id: string; revokedAt: string | null }[]
    ).find((t) => t.id === id);
    expect(listed?.revokedAt).toBeTruthy();
    expect((await admin.del(`/api/v1/api-tokens/${id}`)).statusCode).toBe(404);
    const audit = await ctx.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['token.create', 'token.revoke']);
  });

  it('a token may revoke over bearer auth without a CSRF token', async () => {
    const { token } = (await admin.post('/api/v1/api-tokens', { name: '管理令牌', role: 'office_admin' })).json();
    const victim = (await admin.post('/api/v1/api-tokens', { name: '被管理', role: 'office_finance' })).json();
    const res = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/v1/api-tokens/${victim.id}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(204);
  });

  it.each([
    ['an agency-staff token without an agency', { role: 'agency_staff' }],
    ['a unit-agent token', { role: 'unit_agent' }],
    ['a national-viewer token', { role: 'national_viewer' }],
    ['an empty name', { name: '  ', role: 'office_admin' }],
  ])('refuses %s with 400', async (_l, patch) => {
    const res = await admin.post('/api/v1/api-tokens', { name: '令牌', ...patch });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });
});
