import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestContext, type TestContext } from './helpers/test-context.ts';

let ctx: TestContext;
let admin: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('office_admin');
});
afterAll(() => ctx.close());

const links = (memberId: string) =>
  ctx.handle.db
    .selectFrom('member_unit')
    .select(['unit_id', 'from_date', 'to_date'])
    .where('member_id', '=', memberId)
    .orderBy('from_date')
    .orderBy('created_at')
    .execute();

describe('POST /members/:id/transfer', () => {
  it('closes the old unit link, opens a new one, shows the history and audits the move', async () => {
    const from = await ctx.newUnit({ name: '原单位有限公司' });
    const to = await ctx.newUnit({ name: '新单位有限公司' });
    const m = await ctx.newMember({ unit_id: from.id }); // linked since 2025-01-01
    const res = await admin.post(`/api/v1/members/${m.id}/transfer`, { unitId: to.id, fromDate: '2026-02-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: m.id,
      unitId: to.id,
      unitName: '新单位有限公司',
      unitHistory: [
        { unitId: to.id, unitName: '新单位有限公司', fromDate: '2026-02-01', toDate: null },
        { unitId: from.id, unitName: '原单位有限公司', fromDate: '2025-01-01', toDate: '2026-02-01' },
      ],
    });
    expect(await links(m.id)).toEqual([
      { unit_id: from.id, from_date: '2025-01-01', to_date: '2026-02-01' },
      { unit_id: to.id, from_date: '2026-02-01', to_date: null },
    ]);
    const audit = await ctx.handle.db.selectFrom('audit_log').selectAll().where('object_id', '=', m.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['member.transfer']);
    expect(JSON.parse(audit[0]?.before_json ?? '{}')).toEqual({ unitId: from.id });
    expect(JSON.parse(audit[0]?.after_json ?? '{}')).toEqual({ unitId: to.id, fromDate: '2026-02-01' });
    // The new unit's agent now sees the member; the old one no longer does.
    const oldAgent = await ctx.as('unit_agent', { unit_id: from.id });
    const newAgent = await ctx.as('unit_agent', { unit_id: to.id });
    expect((await oldAgent.get(`/api/v1/members/${m.id}`)).statusCode).toBe(404);
    expect((await newAgent.get(`/api/v1/members/${m.id}`)).statusCode).toBe(200);
  });

  it('keeps one open link through several moves', async () => {
    const [a, b, c] = [await ctx.newUnit(), await ctx.newUnit(), await ctx.newUnit()];
    const m = await ctx.newMember({ unit_id: a!.id });
    expect(
      (await admin.post(`/api/v1/members/${m.id}/transfer`, { unitId: b!.id, fromDate: '2025-06-01' })).statusCode,
    ).toBe(200);
    expect(
      (await admin.post(`/api/v1/members/${m.id}/transfer`, { unitId: c!.id, fromDate: '2025-06-01' })).statusCode,
    ).toBe(200);
    const rows = await links(m.id);
    expect(rows.filter((r) => r.to_date === null)).toEqual([
      { unit_id: c!.id, from_date: '2025-06-01', to_date: null },
    ]);
    expect(rows).toHaveLength(3);
  });

  it('gives an individual gig worker a first unit', async () => {
    const u = await ctx.newUnit();
    const m = await ctx.newMember({ unit_id: null, employment_kind: 'gig', gig_kind: 'courier' });
    const res = await admin.post(`/api/v1/members/${m.id}/transfer`, { unitId: u.id, fromDate: '2026-03-02' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().unitHistory).toEqual([{ unitId: u.id, unitName: u.name, fromDate: '2026-03-02', toDate: null }]);
  });

  it.each([
    ['before the current link began', '2024-12-31', 400],
    ['after today', '2026-03-03', 400],
    ['not a real date', '2026-02-30', 400],
    ['not a date', 'yesterday', 400],
  ])('refuses a fromDate %s and changes nothing', async (_l, fromDate, status) => {
    const [a, b] = [await ctx.newUnit(), await ctx.newUnit()];
    const m = await ctx.newMember({ unit_id: a!.id });
    const res = await admin.post(`/api/v1/members/${m.id}/transfer`, { unitId: b!.id, fromDate });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.json().details)).toContain('fromDate');
    expect(await links(m.id)).toEqual([{ unit_id: a!.id, from_date: '2025-01-01', to_date: null }]);
  });

  it('refuses a move to the same unit (409) and to an unknown unit (404)', async () => {
    const a = await ctx.newUnit();
    const m = await ctx.newMember({ unit_id: a.id });
    expect(
      (await admin.post(`/api/v1/members/${m.id}/transfer`, { unitId: a.id, fromDate: '2026-03-01' })).statusCode,
    ).toBe(409);
    expect(
      (await admin.post(`/api/v1/members/${m.id}/transfer`, { unitId: 'no-such-unit', fromDate: '2026-03-01' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await admin.post('/api/v1/members/no-such-member/transfer', { unitId: a.id, fromDate: '2026-03-01' }))
        .statusCode,
    ).toBe(404);
    expect(await links(m.id)).toHaveLength(1);
  });
});
