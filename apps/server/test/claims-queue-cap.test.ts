import { QUEUE_COUNT_CAP } from '@huzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkInsert } from '../src/db/bulk.ts';
import { newId } from '../src/ids.ts';
import { buildClaimsWorld, type ClaimsWorld } from './helpers/claims-factory.ts';
import { createTestContext, type TestContext } from './helpers/test-context.ts';

/** Past the cap the queue says "at least" instead of counting every claim, and its pages still reach them all. */
describe('work queue count cap', () => {
  let ctx: TestContext;
  let w: ClaimsWorld;
  beforeAll(async () => {
    ctx = await createTestContext({ now: '2026-03-02T02:00:00.000Z' });
    w = await buildClaimsWorld(ctx);
    const now = ctx.clock.now().toISOString();
    // Rows written straight in (the count is what is under test, not filing): submitted claims of one member.
    const row = (i: number) => ({
      id: newId(),
      office_id: ctx.office.id,
      member_id: w.member.id,
      unit_id: w.unit.id,
      agency_id: w.agency.id,
      policy_id: null,
      kind: 'inpatient',
      cause: 'illness',
      event_date: '2026-01-10',
      facts_json: '{}',
      invoice_numbers_json: '[]',
      status: 'submitted',
      flags_json: '[]',
      assessed_amount_fen: 0,
      filed_on: '2026-02-01',
      filed_by: w.callers.unit.user.id,
      created_at: new Date(Date.parse(now) - i * 1000).toISOString(),
      updated_at: now,
      overdue: 0,
    });
    await bulkInsert(
      ctx.handle,
      'claim',
      Array.from({ length: QUEUE_COUNT_CAP + 5 }, (_, i) => row(i)),
    );
  });
  afterAll(() => ctx.close());

  it('answers the cap with totalCapped past it, the exact count under it', async () => {
    const all = await w.callers.reviewer.get('/api/v1/claims?page=1&pageSize=50');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toMatchObject({ total: QUEUE_COUNT_CAP, totalCapped: true });
    expect(all.json().items).toHaveLength(50);
    // Far pages are still served: the cap limits the count, not the list.
    const last = await w.callers.reviewer.get(
      `/api/v1/claims?page=${Math.ceil((QUEUE_COUNT_CAP + 5) / 500)}&pageSize=500`,
    );
    expect(last.json().items.length).toBeGreaterThan(0);
    const few = await w.callers.reviewer.get('/api/v1/claims?status=accepted');
    expect(few.json()).toMatchObject({ total: 0, totalCapped: false });
  });
});
