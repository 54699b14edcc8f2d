import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPolicy } from './helpers/claims-factory.ts';
import { type Agent, createTestContext, type TestContext } from './helpers/test-context.ts';

/** A renewal retried while the first request is still running (same Idempotency-Key) gets the first batch, not 409. */
describe('renewal idempotency under a race', () => {
  let ctx: TestContext;
  let unitId: string;
  let agent: Agent;
  beforeAll(async () => {
    ctx = await createTestContext({ now: '2026-06-01T02:00:00.000Z' });
    const agency = await ctx.newAgency();
    const unit = await ctx.newUnit({ agency_id: agency.id });
    unitId = unit.id;
    for (let i = 0; i < 3; i++) {
      const m = await ctx.newMember({ unit_id: unit.id });
      // Ends 2026-07-01: inside the 60-day renewal window.
      await newPolicy(ctx, {
        memberId: m.id,
        productCode: 'CI_A',
        startDate: '2025-07-02',
        unitId,
        agencyId: agency.id,
      });
    }
    agent = await ctx.as('unit_agent', { unit_id: unit.id });
  });
  afterAll(() => ctx.close());

  it('three requests at once with one key: all 201 with the same batch, one batch stored', async () => {
    const renew = () =>
      agent.inject({
        method: 'POST',
        url: `/api/v1/units/${unitId}/renewals`,
        payload: { productCode: 'CI_A' },
        headers: { 'idempotency-key': 'renew-race-1' },
      });
    const answers = await Promise.all([renew(), renew(), renew()]);
    expect(answers.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((r) => r.json().id)).size).toBe(1);
    const stored = await ctx.handle.db
      .selectFrom('enrolment_batch')
      .select('id')
      .where('idempotency_key', '=', 'renew-race-1')
      .execute();
    expect(stored).toHaveLength(1);
  });
});
