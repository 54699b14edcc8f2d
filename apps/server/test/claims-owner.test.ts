import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.ts';
import { buildClaimsWorld, type ClaimsWorld, expectOk, inpatientClaim, newPolicy } from './helpers/claims-factory.ts';
import { createTestContext, type TestContext } from './helpers/test-context.ts';

let ctx: TestContext;
let w: ClaimsWorld;
beforeAll(async () => {
  ctx = await createTestContext();
  w = await buildClaimsWorld(ctx);
});
afterAll(() => ctx.close());

const now = '2026-03-01T00:00:00.000Z';

/** A member outside any unit, covered by MED, with a member-app account that came through the given channel. */
async function unitless(channelAgencyId: string | null) {
  const member = await ctx.newMember({ unit_id: null });
  await newPolicy(ctx, {
    memberId: member.id,
    productCode: 'MED',
    startDate: '2025-06-01',
    unitId: null,
    agencyId: null,
  });
  const channelId = newId();
  await ctx.handle.db
    .insertInto('channel')
    .values({
      id: channelId,
      office_id: ctx.office.id,
      agency_id: channelAgencyId,
      code: `C${channelId.slice(-8)}`,
      name: '骑手驿站扫码',
      kind: 'station',
      products_json: '[]',
      status: 'open',
      created_by: null,
      created_at: now,
      closed_at: null,
    })
    .execute();
  await ctx.handle.db
    .insertInto('member_account')
    .values({
      id: newId(),
      office_id: ctx.office.id,
      mobile: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
      member_id: member.id,
      verified_at: now,
      created_at: now,
      updated_at: now,
      last_login_at: null,
      channel_id: channelId,
    })
    .execute();
  return member;
}

describe('every claim has an owner', () => {
  it('a claim of a member outside any unit goes to the agency of their channel, whose staff see it in their queue', async () => {
    const member = await unitless(w.agency.id);
    const claim = expectOk(await w.callers.admin.post('/api/v1/claims', inpatientClaim(member.id)), 201);
    expect(claim.agencyId).toBe(w.agency.id);
    const queue = expectOk(await w.callers.agency.get('/api/v1/claims?status=submitted&pageSize=500'));
    expect(queue.items.map((c: { id: string }) => c.id)).toContain(claim.id);
  });

  it('with no agency on the channel, the claim is the office’s own: in the office queue, no agency’s', async () => {
    const member = await unitless(null);
    const claim = expectOk(await w.callers.admin.post('/api/v1/claims', inpatientClaim(member.id)), 201);
    expect(claim.agencyId).toBeNull();
    const office = expectOk(await w.callers.reviewer.get('/api/v1/claims?status=submitted&pageSize=500'));
    expect(office.items.map((c: { id: string }) => c.id)).toContain(claim.id);
    const agency = expectOk(await w.callers.agency.get('/api/v1/claims?status=submitted&pageSize=500'));
    expect(agency.items.map((c: { id: string }) => c.id)).not.toContain(claim.id);
  });
});
