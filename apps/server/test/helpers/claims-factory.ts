import { addDays, coverageTerms, type HeldPolicy } from '@huzhu/core';
import type { LightMyRequestResponse } from 'fastify';
import type { PolicyRow } from '../../src/db/tables.ts';
import { newId } from '../../src/ids.ts';
import { currentVersion } from '../../src/services/product.service.ts';
import type { Agent, TestContext } from './test-context.ts';
import { multipartBody } from './upload.ts';
import { withCoverageOf } from '../../src/services/report-summary.service.ts';

/**
 * Policies straight into the database (the enrolment workflow has its own tests): the product's current version,
 * the terms core computes — so waiting periods and continuity are the real ones.
 */
export async function newPolicy(
  ctx: TestContext,
  o: {
    memberId: string;
    productCode: string;
    startDate: string;
    shares?: number;
    unitId?: string | null;
    agencyId?: string | null;
    officeId?: string;
    /** A continuous renewal: no waiting period. */
    continuous?: boolean;
    state?: string;
  },
): Promise<PolicyRow> {
  const officeId = o.officeId ?? ctx.office.id;
  const product = await currentVersion(ctx.handle.db, officeId, o.productCode);
  const shares = o.shares ?? product.minShares;
  // A policy of the same product that ended the day before makes the new one a continuous renewal.
  const earlier: HeldPolicy[] = o.continuous
    ? [
        {
          productCode: product.code,
          exclusiveGroup: product.exclusiveGroup,
          startDate: addDays(o.startDate, -365),
          endDate: addDays(o.startDate, -1),
        },
      ]
    : [];
  const terms = coverageTerms(product, shares, o.startDate, earlier);
  const row: PolicyRow = {
    id: newId(),
    office_id: officeId,
    member_id: o.memberId,
    unit_id: o.unitId ?? null,
    agency_id: o.agencyId ?? null,
    batch_id: null,
    product_version_id: product.id,
    product_code: product.code,
    exclusive_group: product.exclusiveGroup,
    channel: product.channel,
    shares,
    fee_fen: terms.feeFen,
    start_date: terms.startDate,
    end_date: terms.endDate,
    waiting_end_date: terms.waitingEndDate,
    accident_waiting_end_date: terms.accidentWaitingEndDate,
    continuous: terms.continuous ? 1 : 0,
    renewal_of: null,
    state: o.state ?? 'in_force',
    certificate_code: newId(),
    created_at: ctx.clock.now().toISOString(),
  };
  // Through the summaries' one write mechanism, as every policy write in the app goes.
  await withCoverageOf(ctx.handle.db, officeId, [o.memberId], () =>
    ctx.handle.db.insertInto('policy').values(row).execute(),
  );
  return row;
}

/** Smallest files of each kind, by their magic bytes. */
export const files = {
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-test-png')]),
  jpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF-test-jpeg')]),
  pdf: Buffer.from('%PDF-1.4\n% test pdf\n%%EOF\n'),
  exe: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0x90)]),
};

export function uploadMaterial(
  agent: Agent,
  claimId: string,
  slot: number | string,
  content: Buffer,
  name = 'scan.jpg',
) {
  const body = multipartBody({ name, content }, { slot: String(slot) });
  return agent.inject({
    method: 'POST',
    url: `/api/v1/claims/${claimId}/materials`,
    payload: body.payload,
    headers: body.headers,
  });
}

/** Uploads slots 1..n (a JPEG each, different bytes per slot). */
export async function uploadSlots(agent: Agent, claimId: string, slots: number[] = [1, 2, 3]) {
  for (const s of slots) {
    const res = await uploadMaterial(agent, claimId, s, Buffer.concat([files.jpeg, Buffer.from(`${claimId}-${s}`)]));
    if (res.statusCode !== 201) throw new Error(`upload failed: ${res.body}`);
  }
}

export function expectOk(res: LightMyRequestResponse, status = 200) {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json();
}

/**
 * A small claims world: one agency with one unit, a member with a MED policy from 2025-06-01 and a bank account,
 * and one signed-in user of each role that takes part in a claim.
 */
export async function buildClaimsWorld(ctx: TestContext) {
  const agency = await ctx.newAgency({ name: '江北区代办处' });
  const unit = await ctx.newUnit({ agency_id: agency.id, name: '江北一厂' });
  const member = await ctx.newMember({ unit_id: unit.id, name: '李娟' });
  const place = { unitId: unit.id, agencyId: agency.id };
  const med = await newPolicy(ctx, { memberId: member.id, productCode: 'MED', startDate: '2025-06-01', ...place });
  const callers = {
    unit: await ctx.as('unit_agent', { unit_id: unit.id }),
    agency: await ctx.as('agency_staff', { agency_id: agency.id }),
    reviewer: await ctx.as('office_reviewer'),
    admin: await ctx.as('office_admin'),
    finance: await ctx.as('office_finance'),
  };
  expectOk(
    await callers.unit.patch(`/api/v1/members/${member.id}/bank-account`, {
      bankName: '中国工商银行重庆江北支行',
      accountNumber: '6222 0212 3456 7890 123',
    }),
  );
  return { agency, unit, member, med, place, callers };
}
export type ClaimsWorld = Awaited<ReturnType<typeof buildClaimsWorld>>;

/** An inpatient claim on the MED policy: 8,000 yuan self-paid of 20,000 → 2,550 yuan (30 % and 35 % bands). */
export const inpatientClaim = (memberId: string, over: Record<string, unknown> = {}) => ({
  memberId,
  kind: 'inpatient',
  cause: 'illness',
  eventDate: '2026-01-10',
  admissionDate: '2026-01-10',
  dischargeDate: '2026-01-20',
  totalExpensesFen: 2_000_000,
  selfPaidFen: 800_000,
  hospital: '重庆医科大学附属第一医院',
  ...over,
});

/** Files a claim, uploads its materials, and accepts it (as the agency). */
export async function acceptedClaim(w: ClaimsWorld, body: Record<string, unknown>) {
  const filed = expectOk(await w.callers.unit.post('/api/v1/claims', body), 201);
  await uploadSlots(w.callers.unit, filed.id);
  expectOk(await w.callers.agency.post(`/api/v1/claims/${filed.id}/accept`));
  return filed.id as string;
}
