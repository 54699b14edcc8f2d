import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateTo, migrateToLatest } from '../src/db/migrate.ts';
import { newPolicy } from './helpers/claims-factory.ts';
import { createTestContext, type TestContext } from './helpers/test-context.ts';

/** Migration 0015 over summaries written before it: the category `individual` becomes `gig`, the figures stay. */
describe('migration 0015: gig workers summarised as category gig', () => {
  let ctx: TestContext;
  let agencyId: string;

  beforeAll(async () => {
    ctx = await createTestContext({ now: '2026-05-10T02:00:00.000Z' });
    agencyId = (await ctx.newAgency()).id;
    const w = await ctx.newMember({ unit_id: null, employment_kind: 'gig' });
    await newPolicy(ctx, { memberId: w.id, productCode: 'GIG', startDate: '2026-05-01', agencyId });
  });
  afterAll(() => ctx.close());

  const categories = async () =>
    (
      await ctx.handle.db
        .selectFrom('cov_policy_delta')
        .select('category')
        .distinct()
        .where('agency_id', '=', agencyId)
        .execute()
    ).map((r) => r.category);
  const scopes = async () =>
    (
      await ctx.handle.db
        .selectFrom('cov_member_delta')
        .select('scope')
        .distinct()
        .where('scope', 'like', `g:${agencyId}:%`)
        .execute()
    ).map((r) => r.scope);

  it('re-keys the stored summaries both ways; the structure table shows the same figures under gig', async () => {
    const admin = await ctx.as('office_admin');
    const before = (await admin.get(`/api/v1/reports/enrolment-structure?asOf=2026-05-10&agencyId=${agencyId}`)).json()
      .rows;
    expect(await categories()).toEqual(['gig']);
    // Down to the state before 0015: the summaries say `individual`, as databases made before it do.
    await migrateTo(ctx.handle.db, '0012-gig');
    expect(await categories()).toEqual(['individual']);
    expect(await scopes()).toEqual([`g:${agencyId}:individual`]);
    await migrateToLatest(ctx.handle.db);
    expect(await categories()).toEqual(['gig']);
    expect(await scopes()).toEqual([`g:${agencyId}:gig`]);
    const after = (await admin.get(`/api/v1/reports/enrolment-structure?asOf=2026-05-10&agencyId=${agencyId}`)).json()
      .rows;
    expect(after).toEqual(before);
    expect(after.find((r: { category: string }) => r.category === 'gig')).toMatchObject({
      members: 1,
      contributionsFen: 3000,
    });
  });
});
