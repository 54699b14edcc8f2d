import {
  addContribution,
  chinaDate,
  type CoverageContribution,
  type CoveragePolicy,
  emptyContribution,
  pruneContribution,
  workingDaysBetween,
} from '@huzhu/core';
import type { DbHandle } from '../db/dialect.ts';
import type { Db } from '../db/tables.ts';
import { rebuildReliefPaid } from './relief-transition.ts';
import { coverageSummaryRepository as repo } from '../repositories/coverage-summary.repository.ts';

/**
 * Keeps the report summaries right under every write (architecture: reports never scan millions of rows per
 * request). One mechanism for every coverage write: take what the touched members contribute before the write,
 * run the write, take it again after, store the difference. The same contribution function rebuilds everything
 * from the base tables (first start after the analytics migration, demo loads).
 */

const unitsOf = (policies: readonly CoveragePolicy[]) => policies.flatMap((p) => (p.unitId === null ? [] : [p.unitId]));

/** Runs `write` (which changes the policies of these members) and moves the coverage summaries with it. */
export async function withCoverageOf<T>(
  trx: Db,
  officeId: string,
  memberIds: readonly string[],
  write: () => Promise<T>,
): Promise<T> {
  const before = await repo.memberPolicies(trx, officeId, memberIds);
  const result = await write();
  const after = await repo.memberPolicies(trx, officeId, memberIds);
  const delta = emptyContribution();
  addContribution(delta, before, -1);
  addContribution(delta, after, 1);
  await repo.addDeltas(trx, officeId, pruneContribution(delta));
  await repo.refreshUnitSummaries(trx, officeId, [...unitsOf(before), ...unitsOf(after)]);
  return result;
}

/** Runs `write` (which may move these units to another agency or category) and re-keys their members' figures. */
export async function withUnitsRekeyed<T>(
  trx: Db,
  officeId: string,
  unitIds: readonly string[],
  write: () => Promise<T>,
): Promise<T> {
  if (unitIds.length === 0) return write();
  const holders = await repo.holdersOfUnits(trx, officeId, unitIds);
  return withCoverageOf(trx, officeId, holders, write);
}

/** Adds paid claims to the claims-paid summary (call in the transaction that marks them paid). */
export async function recordClaimsPaid(trx: Db, officeId: string, claimIds: readonly string[]): Promise<void> {
  if (claimIds.length === 0) return;
  const rows = await claimPaidRows(trx, officeId, claimIds);
  await addClaimPaid(trx, officeId, rows);
}

interface ClaimPaidFact {
  agencyId: string;
  productCode: string;
  day: string;
  claims: number;
  amountFen: number;
}

async function claimPaidRows(db: Db, officeId: string, claimIds: readonly string[]): Promise<ClaimPaidFact[]> {
  const out: ClaimPaidFact[] = [];
  for (let i = 0; i < claimIds.length; i += 1_000) {
    const ids = claimIds.slice(i, i + 1_000);
    const claims = await db
      .selectFrom('claim')
      .select(['id', 'agency_id', 'paid_at', 'approved_amount_fen'])
      .where('office_id', '=', officeId)
      .where('id', 'in', ids)
      .where('paid_at', 'is not', null)
      .execute();
    const parts = await db
      .selectFrom('claim_assessment')
      .innerJoin('policy', 'policy.id', 'claim_assessment.policy_id')
      .select(['claim_assessment.claim_id', 'policy.product_code', 'claim_assessment.approved_amount_fen'])
      .where('claim_assessment.office_id', '=', officeId)
      .where('claim_assessment.claim_id', 'in', ids)
      .where('claim_assessment.approved_amount_fen', '>', 0)
      .execute();
    out.push(...claimPaidFacts(claims, parts));
  }
  return out;
}

/** One '*' fact per claim (counted once, whole amount) and one per product it paid on. */
export function claimPaidFacts(
  claims: readonly {
    id: string;
    agency_id: string | null;
    paid_at: string | null;
    approved_amount_fen: number | null;
  }[],
  parts: readonly { claim_id: string; product_code: string; approved_amount_fen: number | null }[],
): ClaimPaidFact[] {
  const byId = new Map(claims.map((c) => [c.id, c]));
  const facts: ClaimPaidFact[] = [];
  for (const c of claims) {
    facts.push({
      agencyId: c.agency_id ?? '',
      productCode: '*',
      day: chinaDate(new Date(c.paid_at!)),
      claims: 1,
      amountFen: Number(c.approved_amount_fen ?? 0),
    });
  }
  for (const p of parts) {
    const c = byId.get(p.claim_id);
    if (!c) continue;
    facts.push({
      agencyId: c.agency_id ?? '',
      productCode: p.product_code,
      day: chinaDate(new Date(c.paid_at!)),
      claims: 1,
      amountFen: Number(p.approved_amount_fen ?? 0),
    });
  }
  return facts;
}

async function addClaimPaid(db: Db, officeId: string, facts: readonly ClaimPaidFact[]): Promise<void> {
  const summed = new Map<string, ClaimPaidFact>();
  for (const f of facts) {
    const key = `${f.agencyId}|${f.productCode}|${f.day}`;
    const s = summed.get(key);
    if (s) {
      s.claims += f.claims;
      s.amountFen += f.amountFen;
    } else summed.set(key, { ...f });
  }
  const rows = [...summed.values()].map((f) => ({
    office_id: officeId,
    agency_id: f.agencyId,
    product_code: f.productCode,
    day: f.day,
    claims: f.claims,
    amount_fen: f.amountFen,
  }));
  for (let i = 0; i < rows.length; i += 2_500)
    await db
      .insertInto('claim_paid_daily')
      .values(rows.slice(i, i + 2_500))
      .onConflict((oc) =>
        oc.columns(['office_id', 'agency_id', 'product_code', 'day']).doUpdateSet((eb) => ({
          claims: eb('claim_paid_daily.claims', '+', eb.ref('excluded.claims')),
          amount_fen: eb('claim_paid_daily.amount_fen', '+', eb.ref('excluded.amount_fen')),
        })),
      )
      .execute();
}

const REBUILD_HOLDERS = 20_000;

/** Rebuilds one office's summaries from the base tables, in one transaction (readers see old or new, never half). */
export async function rebuildReportSummaries(
  handle: DbHandle,
  officeId: string,
  progress: (done: number) => void = () => {},
): Promise<void> {
  await handle.db.transaction().execute(async (trx) => {
    await repo.clearCoverage(trx, officeId);
    await trx.deleteFrom('claim_paid_daily').where('office_id', '=', officeId).execute();
    const total: CoverageContribution = emptyContribution();
    let after = '';
    let done = 0;
    for (;;) {
      const holders = await repo.nextMembers(trx, officeId, after, REBUILD_HOLDERS);
      if (holders.length === 0) break;
      const policies = await repo.memberRangePolicies(trx, officeId, holders[0]!, holders.at(-1)!);
      addContribution(total, policies, 1);
      after = holders.at(-1)!;
      done += holders.length;
      progress(done);
    }
    await repo.addDeltas(trx, officeId, pruneContribution(total));
    const units = await repo.unitIds(trx, officeId);
    for (let i = 0; i < units.length; i += 2_000)
      await repo.refreshUnitSummaries(trx, officeId, units.slice(i, i + 2_000));
    let afterClaim = '';
    for (;;) {
      const ids = (
        await trx
          .selectFrom('claim')
          .select('id')
          .where('office_id', '=', officeId)
          .where('paid_at', 'is not', null)
          .where('id', '>', afterClaim)
          .orderBy('id')
          .limit(REBUILD_HOLDERS)
          .execute()
      ).map((r) => r.id);
      if (ids.length === 0) break;
      await addClaimPaid(trx, officeId, await claimPaidRows(trx, officeId, ids));
      afterClaim = ids.at(-1)!;
    }
    await rebuildReliefPaid(trx, officeId);
    await backfillDecisionWorkingDays(trx, officeId);
  });
}

/** Claims decided before the column existed (or loaded in bulk) get their working days to decision. */
async function backfillDecisionWorkingDays(db: Db, officeId: string): Promise<void> {
  let after = '';
  for (;;) {
    // Keyset walk by id: each step reads the next claims, not again the ones already filled.
    const rows = await db
      .selectFrom('claim')
      .select(['id', 'accepted_at', 'decided_at', 'decision_working_days'])
      .where('office_id', '=', officeId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(5_000)
      .execute();
    if (rows.length === 0) return;
    after = rows.at(-1)!.id;
    const byDays = new Map<number, string[]>();
    for (const r of rows) {
      if (r.decision_working_days !== null || !r.decided_at || !r.accepted_at) continue;
      const days = workingDaysBetween(chinaDate(new Date(r.accepted_at)), chinaDate(new Date(r.decided_at)));
      const list = byDays.get(days);
      if (list) list.push(r.id);
      else byDays.set(days, [r.id]);
    }
    for (const [days, ids] of byDays)
      await db.updateTable('claim').set({ decision_working_days: days }).where('id', 'in', ids).execute();
  }
}

const BUILT_KEY = 'report_summaries';
const BUILT_VERSION = '1';

/**
 * Builds the summaries of every office once, when a database reaches the analytics schema with data already in
 * it (an upgrade). Databases created empty are marked built at once: every later write keeps them.
 */
export async function ensureReportSummaries(handle: DbHandle): Promise<void> {
  const db = handle.db;
  const mark = await db.selectFrom('app_meta').select('value').where('key', '=', BUILT_KEY).executeTakeFirst();
  if (mark?.value === BUILT_VERSION) return;
  const offices = await db.selectFrom('office').select('id').execute();
  for (const o of offices) await rebuildReportSummaries(handle, o.id);
  await markReportSummariesBuilt(handle);
}

export async function markReportSummariesBuilt(handle: DbHandle): Promise<void> {
  await handle.db
    .insertInto('app_meta')
    .values({ key: BUILT_KEY, value: BUILT_VERSION })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: BUILT_VERSION }))
    .execute();
}
