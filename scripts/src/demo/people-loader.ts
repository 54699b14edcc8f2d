import type { ProductVersion } from '@huzhu/core';
import {
  type BulkRow,
  createBulkWriter,
  type DbHandle,
  markReportSummariesBuilt,
  type PiiCipher,
  rebuildReportSummaries,
  refreshPlannerStatistics,
} from '@huzhu/server';
import { sql } from 'kysely';
import { type ClaimEnv, type OfficeClaimState, planMemberClaims } from './claim-planner.ts';
import { planUnitCoverage } from './coverage-planner.ts';
import { planGigCoverage } from './gig-coverage.ts';
import { type CoverageEnv, type DemoProduct, instantOn, type MemberCoverage } from './policy-issue.ts';
import type { MemberBatchItem } from './member-stream.ts';
import type { OfficePlan } from './office-plan.ts';
import { substream } from './prng.ts';
import type { PlannedUnit } from './unit-planner.ts';

/** Who acted in an office's history: batches and claims are filed by its admin, decided and paid by its staff. */
export interface OfficeActors {
  adminId: string;
  reviewerId: string;
  financeId: string;
}

export interface PeopleCounts {
  members: number;
  memberUnits: number;
  batches: number;
  policies: number;
  claims: number;
  payoutItems: number;
}

const SALTS = { CQ: 1, GZ: 2 } as const;

/** The office's product versions as stored by seedCatalogue (the version every demo policy was sold under). */
export async function officeProducts(handle: DbHandle, officeId: string): Promise<Map<string, DemoProduct>> {
  const rows = await handle.db.selectFrom('product_version').selectAll().where('office_id', '=', officeId).execute();
  return new Map(
    rows.map((r) => [
      r.code,
      {
        id: r.id,
        version: { ...(JSON.parse(r.params_json) as ProductVersion), code: r.code, version: r.version },
      },
    ]),
  );
}

/**
 * Members with their unit history, enrolment batches, policies and claims, streamed unit by unit (the member stream
 * yields a unit's members together): one unit's people are planned in memory, then pushed through writers chained in
 * foreign-key order, so a flush of any of them first flushes the rows it points at.
 */
export async function loadPeople(
  handle: DbHandle,
  plans: OfficePlan[],
  ctx: { seed: number; today: string; cipher: PiiCipher; newId(): string; actors(plan: OfficePlan): OfficeActors },
  chunkRows: number,
  progress: (done: number) => void,
): Promise<PeopleCounts> {
  const members = createBulkWriter(handle, 'member', { chunkRows });
  const links = createBulkWriter(handle, 'member_unit', { chunkRows, after: members });
  const batches = createBulkWriter(handle, 'enrolment_batch', { chunkRows, after: links });
  const items = createBulkWriter(handle, 'enrolment_item', { chunkRows, after: batches });
  const policies = createBulkWriter(handle, 'policy', { chunkRows, after: items });
  const claims = createBulkWriter(handle, 'claim', { chunkRows, after: policies });
  const assessments = createBulkWriter(handle, 'claim_assessment', { chunkRows, after: claims });
  const invoices = createBulkWriter(handle, 'claim_invoice', { chunkRows, after: assessments });
  const payoutBatches = createBulkWriter(handle, 'payout_batch', { chunkRows, after: invoices });
  const payoutItems = createBulkWriter(handle, 'payout_item', { chunkRows, after: payoutBatches });

  let done = 0;
  for (const plan of plans) {
    const products = await officeProducts(handle, plan.officeId);
    const versions = new Map([...products.values()].map((p) => [p.id, p]));
    const actors = ctx.actors(plan);
    const unitsById = new Map(plan.units.map((u) => [u.row.id, u]));
    const coverRng = substream(ctx.seed, 300 + SALTS[plan.key]);
    const claimRng = substream(ctx.seed, 400 + SALTS[plan.key]);
    const coverEnv: CoverageEnv = {
      officeId: plan.officeId,
      today: ctx.today,
      products,
      actorId: actors.adminId,
      newId: ctx.newId,
    };
    const payoutDays = new Map<string, string>();
    const newPayoutBatches: BulkRow<'payout_batch'>[] = [];
    const state: OfficeClaimState = { lastDecidedInvoice: null, counts: new Map() };
    const claimEnv: ClaimEnv = {
      officeId: plan.officeId,
      today: ctx.today,
      versions,
      filerId: actors.adminId,
      reviewerId: actors.reviewerId,
      financeId: actors.financeId,
      cipher: ctx.cipher,
      newId: ctx.newId,
      state,
      payoutBatch(day) {
        let id = payoutDays.get(day);
        if (!id) {
          id = ctx.newId();
          payoutDays.set(day, id);
          // Counts and totals are filled in from the items once everything is written (finishPeople).
          newPayoutBatches.push({
            id,
            office_id: plan.officeId,
            status: 'closed',
            item_count: 0,
            total_fen: 0,
            created_by: actors.financeId,
            created_at: instantOn(day, 1),
            exported_at: instantOn(day, 1, 30),
            closed_at: null,
          });
        }
        return id;
      },
    };

    const flushGroup = async (unit: PlannedUnit | null, group: MemberBatchItem[]) => {
      const store = new Map<string, MemberCoverage>();
      const enrolment = unit ? planUnitCoverage(coverRng, unit, group, coverEnv, store) : { batches: [], items: [] };
      for (const person of group) planGigCoverage(coverRng, person, unit, coverEnv, store);
      const planned = group.map((person) => {
        const cover = store.get(person.member.id);
        return cover
          ? planMemberClaims(
              claimRng,
              person.member,
              cover,
              { unitId: unit?.row.id ?? null, agencyId: unit?.row.agency_id ?? null },
              claimEnv,
            )
          : null;
      });
      for (const person of group) {
        await members.push(person.member);
        for (const link of person.links) await links.push(link);
      }
      for (const b of enrolment.batches) await batches.push(b);
      for (const it of enrolment.items) await items.push(it);
      for (const person of group) for (const p of store.get(person.member.id)?.policies ?? []) await policies.push(p);
      for (const b of newPayoutBatches.splice(0)) await payoutBatches.push(b);
      for (const c of planned) {
        if (!c) continue;
        for (const row of c.claims) await claims.push(row);
        for (const row of c.assessments) await assessments.push(row);
        for (const row of c.invoices) await invoices.push(row);
        for (const row of c.payoutItems) await payoutItems.push(row);
      }
      done += group.length;
      if (Math.floor(done / chunkRows) !== Math.floor((done - group.length) / chunkRows)) progress(done);
    };

    let group: MemberBatchItem[] = [];
    let current: string | null | undefined;
    for (const item of plan.members()) {
      const unitId = item.member.unit_id ?? null;
      // Individual gig workers (no unit) are planned one by one.
      if (group.length > 0 && (unitId !== current || unitId === null)) {
        await flushGroup(current ? unitsById.get(current)! : null, group);
        group = [];
      }
      current = unitId;
      group.push(item);
    }
    if (group.length > 0) await flushGroup(current ? unitsById.get(current)! : null, group);
  }
  await payoutItems.close();
  progress(done);
  return {
    members: members.written,
    memberUnits: links.written,
    batches: batches.written,
    policies: policies.written,
    claims: claims.written,
    payoutItems: payoutItems.written,
  };
}

/**
 * Summaries the services keep as they go, computed once at the end: each unit's covered_until (the latest end of the
 * policies sold through it, which the unit list's enrolled filter reads) and each payout batch's count and total.
 */
export async function finishPeople(handle: DbHandle, officeIds: string[]): Promise<void> {
  const db = handle.db;
  await db
    .updateTable('unit')
    .set((eb) => ({
      covered_until: eb
        .selectFrom('policy')
        .select((e) => e.fn.max('policy.end_date').as('m'))
        .whereRef('policy.office_id', '=', 'unit.office_id')
        .whereRef('policy.unit_id', '=', 'unit.id')
        .where('policy.batch_id', 'is not', null),
    }))
    .where('office_id', 'in', officeIds)
    .execute();
  await db
    .updateTable('payout_batch')
    .set((eb) => ({
      item_count: eb
        .selectFrom('payout_item')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('payout_item.office_id', '=', 'payout_batch.office_id')
        .whereRef('payout_item.batch_id', '=', 'payout_batch.id'),
      total_fen: eb
        .selectFrom('payout_item')
        .select(sql<number>`coalesce(sum(payout_item.amount_fen), 0)`.as('t'))
        .whereRef('payout_item.office_id', '=', 'payout_batch.office_id')
        .whereRef('payout_item.batch_id', '=', 'payout_batch.id'),
      closed_at: eb
        .selectFrom('payout_item')
        .select((e) => e.fn.max('payout_item.resolved_at').as('r'))
        .whereRef('payout_item.office_id', '=', 'payout_batch.office_id')
        .whereRef('payout_item.batch_id', '=', 'payout_batch.id'),
    }))
    .where('office_id', 'in', officeIds)
    .execute();
  // The report summaries come from the rows just written, the same way an upgraded database builds them.
  for (const officeId of officeIds) await rebuildReportSummaries(handle, officeId);
  await markReportSummariesBuilt(handle);
  refreshPlannerStatistics(handle);
}
