import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, newPolicy } from './helpers/claims-factory.ts';
import { type Agent, createTestContext, type TestContext } from './helpers/test-context.ts';

let ctx: TestContext;
let staff: Agent;
let office: Agent;
let otherAgency: Agent;
let agencyId: string;
const units = {} as Record<'none' | 'low' | 'high', { id: string; name: string }>;
beforeAll(async () => {
  ctx = await createTestContext({ now: '2026-06-15T02:00:00.000Z' });
  const agency = await ctx.newAgency({ name: '沙坪坝区代办处' });
  agencyId = agency.id;
  units.none = await ctx.newUnit({ agency_id: agency.id, name: '沙坪坝物流有限公司', headcount: 300 });
  units.low = await ctx.newUnit({ agency_id: agency.id, name: '沙坪坝机械厂', headcount: 120 });
  units.high = await ctx.newUnit({ agency_id: agency.id, name: '沙坪坝电子厂', headcount: 80 });
  const place = (unitId: string) => ({ unitId, agencyId: agency.id });
  for (const name of ['甲一', '甲二']) {
    const m = await ctx.newMember({ unit_id: units.low.id, name });
    await newPolicy(ctx, {
      memberId: m.id,
      productCode: 'MED',
      startDate: '2026-01-01',
      shares: 1,
      ...place(units.low.id),
    });
  }
  const h = await ctx.newMember({ unit_id: units.high.id, name: '乙一' });
  await newPolicy(ctx, {
    memberId: h.id,
    productCode: 'MED',
    startDate: '2026-01-01',
    shares: 3,
    ...place(units.high.id),
  });
  staff = await ctx.as('agency_staff', { agency_id: agency.id });
  office = await ctx.as('office_admin');
  otherAgency = await ctx.as('agency_staff');
});
afterAll(() => ctx.close());

const count = async () =>
  Number(
    (
      await ctx.handle.db
        .selectFrom('expansion_target')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('targeted expansion (精准扩面)', () => {
  let targets: Record<'none' | 'low', string>;

  it('lists candidates: not-enrolled units by headcount, and units with low shares per member', async () => {
    const none = expectOk(await staff.get('/api/v1/expansion/candidates?source=not_enrolled'));
    expect(none.items.map((u: { name: string }) => u.name)).toEqual(['沙坪坝物流有限公司']);
    const low = expectOk(await staff.get('/api/v1/expansion/candidates?source=low_shares'));
    expect(low.items).toEqual([
      expect.objectContaining({ unitId: units.low.id, members: 2, shares: 2, sharesPerMember: 1, products: 1 }),
    ]);
    const wider = expectOk(await staff.get('/api/v1/expansion/candidates?source=low_shares&maxSharesPerMember=3'));
    expect(wider.total).toBe(2);
    expect(expectOk(await otherAgency.get('/api/v1/expansion/candidates?source=not_enrolled')).total).toBe(0);
    expect(
      (await otherAgency.get(`/api/v1/expansion/candidates?source=low_shares&agencyId=${agencyId}`)).statusCode,
    ).toBe(404);
  });

  it('assigns target units to agency staff with their baseline; a unit targeted twice is refused, nothing written', async () => {
    const a = expectOk(
      await staff.post('/api/v1/expansion/targets', {
        unitIds: [units.none.id],
        assigneeId: staff.user.id,
        source: 'not_enrolled',
      }),
      201,
    );
    const b = expectOk(
      await office.post('/api/v1/expansion/targets', {
        unitIds: [units.low.id],
        assigneeId: staff.user.id,
        source: 'low_shares',
        note: '争取提档',
      }),
      201,
    );
    targets = { none: a.ids[0], low: b.ids[0] };
    const t = expectOk(await staff.get(`/api/v1/expansion/targets/${targets.low}`));
    expect(t).toMatchObject({
      status: 'assigned',
      baseline: { members: 2, shares: 2, products: 1 },
      assigneeId: staff.user.id,
      assignedOn: '2026-06-15',
    });
    const cand = expectOk(await staff.get('/api/v1/expansion/candidates?source=not_enrolled'));
    expect(cand.items[0].targetId).toBe(targets.none);
    const assignees = expectOk(await staff.get('/api/v1/expansion/assignees'));
    expect(assignees.map((u: { id: string }) => u.id)).toEqual([staff.user.id]);
    const before = await count();
    const again = await staff.post('/api/v1/expansion/targets', {
      unitIds: [units.high.id, units.none.id],
      assigneeId: staff.user.id,
      source: 'not_enrolled',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('沙坪坝物流有限公司');
    const reviewer = await ctx.as('office_reviewer');
    const notStaff = await office.post('/api/v1/expansion/targets', {
      unitIds: [units.high.id],
      assigneeId: reviewer.user.id,
      source: 'low_shares',
    });
    expect(notStaff.statusCode).toBe(400);
    expect(JSON.stringify(notStaff.json())).toMatch(/代办处经办人/);
    const foreignStaff = await office.post('/api/v1/expansion/targets', {
      unitIds: [units.high.id],
      assigneeId: otherAgency.user.id,
      source: 'low_shares',
    });
    expect(foreignStaff.statusCode).toBe(400);
    const foreignUnit = await otherAgency.post('/api/v1/expansion/targets', {
      unitIds: [units.high.id],
      assigneeId: otherAgency.user.id,
      source: 'low_shares',
    });
    expect(foreignUnit.statusCode).toBe(404);
    const empty = await staff.post('/api/v1/expansion/targets', {
      unitIds: [],
      assigneeId: staff.user.id,
      source: 'low_shares',
    });
    expect(empty.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('logs visits and calls: a refusal needs its reason; the status follows the outcome; enrolled ends it', async () => {
    const noReason = await staff.post(`/api/v1/expansion/targets/${targets.none}/contacts`, {
      contactedOn: '2026-06-15',
      method: 'visit',
      outcome: 'declined',
    });
    expect(noReason.statusCode).toBe(400);
    expect(JSON.stringify(noReason.json())).toMatch(/原因/);
    const future = await staff.post(`/api/v1/expansion/targets/${targets.none}/contacts`, {
      contactedOn: '2026-06-16',
      method: 'call',
      outcome: 'interested',
    });
    expect(future.statusCode).toBe(400);
    const declined = expectOk(
      await staff.post(`/api/v1/expansion/targets/${targets.none}/contacts`, {
        contactedOn: '2026-06-15',
        method: 'visit',
        outcome: 'declined',
        reason: '企业今年预算已用完',
      }),
    );
    expect(declined).toMatchObject({ status: 'declined', contacts: 1, lastContactOn: '2026-06-15' });
    expect(declined.history[0]).toMatchObject({ outcome: 'declined', reason: '企业今年预算已用完', method: 'visit' });
    ctx.clock.set('2026-07-10T02:00:00.000Z');
    staff = await ctx.login(staff.user);
    office = await ctx.login(office.user);
    otherAgency = await ctx.login(otherAgency.user);
    const enrolled = expectOk(
      await staff.post(`/api/v1/expansion/targets/${targets.none}/contacts`, {
        contactedOn: '2026-07-10',
        method: 'call',
        outcome: 'enrolled',
      }),
    );
    expect(enrolled).toMatchObject({ status: 'enrolled', contacts: 2 });
    const after = await staff.post(`/api/v1/expansion/targets/${targets.none}/contacts`, {
      contactedOn: '2026-07-10',
      method: 'call',
      outcome: 'interested',
    });
    expect(after.statusCode).toBe(409);
    expect(after.json().code).toBe('INVALID_TRANSITION');
    const audit = await ctx.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', targets.none)
      .orderBy('created_at')
      .execute();
    expect(audit.map((x) => x.action)).toEqual([
      'expansion_target.assign',
      'expansion_target.declined',
      'expansion_target.enrolled',
    ]);
    expect((await otherAgency.get(`/api/v1/expansion/targets/${targets.none}`)).statusCode).toBe(404);
    expect(
      (
        await otherAgency.post(`/api/v1/expansion/targets/${targets.low}/contacts`, {
          contactedOn: '2026-07-10',
          method: 'call',
          outcome: 'interested',
        })
      ).statusCode,
    ).toBe(404);
    const mine = expectOk(await staff.get(`/api/v1/expansion/targets?assigneeId=${staff.user.id}&status=enrolled`));
    expect(mine.items.map((x: { id: string }) => x.id)).toEqual([targets.none]);
  });

  it('the report counts targets that enrolled or upgraded by coverage, per agency, with its xlsx', async () => {
    const r0 = expectOk(await office.get('/api/v1/reports/expansion?from=2026-06-01&to=2026-12-31'));
    expect(r0.total).toMatchObject({
      targeted: 2,
      contacted: 1,
      declined: 0,
      reportedEnrolled: 1,
      enrolled: 0,
      upgraded: 0,
    });
    // The not-enrolled unit enrolls a member; the low-shares unit adds a product.
    const newcomer = await ctx.newMember({ unit_id: units.none.id, name: '丙一' });
    await newPolicy(ctx, {
      memberId: newcomer.id,
      productCode: 'MED',
      startDate: '2026-07-10',
      unitId: units.none.id,
      agencyId,
    });
    const lowMember = (
      await ctx.handle.db.selectFrom('member').select('id').where('unit_id', '=', units.low.id).execute()
    )[0]!.id;
    await newPolicy(ctx, {
      memberId: lowMember,
      productCode: 'CI_A',
      startDate: '2026-07-10',
      unitId: units.low.id,
      agencyId,
    });
    const r = expectOk(await office.get('/api/v1/reports/expansion?from=2026-06-01&to=2026-12-31'));
    const row = r.rows.find((x: { agencyId: string }) => x.agencyId === agencyId);
    expect(row).toMatchObject({ targeted: 2, enrolled: 1, upgraded: 1, conversionShare: 1, contacts: 2 });
    expect(r.asOf).toBe('2026-07-10');
    const own = expectOk(await staff.get('/api/v1/reports/expansion'));
    expect(own.rows.map((x: { agencyId: string }) => x.agencyId)).toEqual([agencyId]);
    expect((await otherAgency.get(`/api/v1/reports/expansion?agencyId=${agencyId}`)).statusCode).toBe(404);
    expect((await office.get('/api/v1/reports/expansion?from=2026-12-01&to=2026-01-01')).statusCode).toBe(400);
    const campaign = expectOk(
      await office.post('/api/v1/reports/campaigns', {
        name: '扩面提质专项行动',
        startDate: '2026-06-01',
        endDate: '2026-09-30',
        agencyIds: [],
        targets: { units: 10, members: 100, contributionsFen: 1_000_000 },
      }),
      201,
    );
    const byCampaign = expectOk(await office.get(`/api/v1/reports/expansion?campaignId=${campaign.id}`));
    expect(byCampaign).toMatchObject({ from: '2026-06-01', to: '2026-09-30' });
    expect(byCampaign.total).toMatchObject({ enrolled: 1, upgraded: 1 });
    const xlsx = await office.get('/api/v1/reports/expansion?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
  });
});
