import {
  addDays,
  chinaDate,
  DEFAULT_RELIEF_YEAR_CAP_FEN,
  demoReliefCategories,
  proposedCategoryForClaim,
  type ReliefCategoryCode,
} from '@huzhu/core';
import { type BulkRow, bulkInsert, type DbHandle, type PiiCipher, seedReliefCategories } from '@huzhu/server';

/**
 * Demo relief (救助慰问) in proportion to the seed: the real office paid ¥66.8 M of relief in 27,800 payments, about
 * 6–7 % of what its claims paid. Walking the paid claims in payment order, a claim whose facts meet a category's rule
 * becomes a paid relief of that category (one-stop linked to the claim) whenever relief paid so far is below 6.5 % of
 * claims paid so far — so relief follows the claims over the years and scales with the demo size. Each member keeps
 * the limits (one per category per calendar year, the yearly cap). One member in 400 has a hardship file, reviewed
 * yearly, with a hardship relief in its first year; those in force at the last Spring Festival got holiday relief in
 * one approved and paid office batch.
 */
export const RELIEF_SHARE_OF_CLAIMS = 0.065;
/** The part of the relief budget that follows the claims; hardship and holiday relief take the rest. */
export const CLAIM_FOLLOWING_PART = 0.85;
const amountOf = new Map(demoReliefCategories.map((c) => [c.code, c.amountFen]));

/** A paid claim as the walk sees it (payment order). */
export interface PaidClaimFacts {
  memberId: string;
  kind: string;
  cause: string;
  eventDate: string;
  approvedAmountFen: number;
  facts: Record<string, unknown>;
}

/**
 * The members' limits (one per category per calendar year, the yearly cap), kept while relief is planned: `take`
 * books the relief when it fits.
 */
export function reliefLimits() {
  const used = new Map<string, { cats: Set<string>; fen: number }>();
  return (memberId: string, year: number, code: string) => {
    const k = `${memberId}|${year}`;
    const u = used.get(k) ?? { cats: new Set<string>(), fen: 0 };
    const amount = amountOf.get(code as ReliefCategoryCode)!;
    if (u.cats.has(code) || u.fen + amount > DEFAULT_RELIEF_YEAR_CAP_FEN) return false;
    u.cats.add(code);
    u.fen += amount;
    used.set(k, u);
    return true;
  };
}

/**
 * The claim-following part of the demo relief: walking paid claims in payment order, a claim whose facts meet a
 * category's rule becomes a relief of that category while relief stays within its share of the claims paid so far
 * (never past it), and the member's limits allow it. Pure, so its proportions are tested on a synthetic stream.
 */
export function claimReliefPlanner(take = reliefLimits(), share = RELIEF_SHARE_OF_CLAIMS * CLAIM_FOLLOWING_PART) {
  let claimSum = 0;
  let reliefSum = 0;
  return {
    take,
    /** The category of the relief this claim gets, or null. */
    consider(c: PaidClaimFacts): ReliefCategoryCode | null {
      claimSum += c.approvedAmountFen;
      const code = proposedCategoryForClaim(
        { ...c.facts, kind: c.kind, cause: c.cause, eventDate: c.eventDate },
        demoReliefCategories,
      );
      if (!code || reliefSum + amountOf.get(code)! > claimSum * share) return null;
      if (!take(c.memberId, Number(c.eventDate.slice(0, 4)), code)) return null;
      reliefSum += amountOf.get(code)!;
      return code;
    },
    totals: () => ({ claimSum, reliefSum }),
  };
}

interface Actors {
  adminId: string;
  reviewerId: string;
  financeId: string;
}

export async function seedDemoRelief(
  handle: DbHandle,
  env: { cipher: PiiCipher; now: string; today: string; newId: () => string },
  officeId: string,
  actors: Actors,
): Promise<{ reliefs: number; amountFen: number; hardship: number }> {
  const db = handle.db;
  await seedReliefCategories(db, officeId, env.now);
  const versions = new Map(
    (
      await db
        .selectFrom('relief_category_version')
        .select(['id', 'code'])
        .where('office_id', '=', officeId)
        .where('version', '=', 1)
        .execute()
    ).map((v) => [v.code, v.id]),
  );
  const planner = claimReliefPlanner();
  const fits = planner.take;
  const reason = env.cipher.encrypt('演示数据：按救助慰问标准发放');
  const rows: BulkRow<'relief_application'>[] = [];
  const links: { office_id: string; relief_id: string; claim_id: string }[] = [];
  const flush = async () => {
    await bulkInsert(handle, 'relief_application', rows.splice(0));
    await bulkInsert(handle, 'relief_claim', links.splice(0));
  };
  const relief = (o: {
    memberId: string;
    unitId: string | null;
    agencyId: string | null;
    code: string;
    eventDate: string;
    paidAt: string;
    origin: 'applied' | 'proactive' | 'batch';
    batchId?: string;
  }) => {
    const id = env.newId();
    rows.push({
      id,
      office_id: officeId,
      number: `JZ${chinaDate(new Date(o.paidAt)).replaceAll('-', '')}${id.slice(-6).toUpperCase()}`,
      member_id: o.memberId,
      unit_id: o.unitId,
      agency_id: o.agencyId,
      category: o.code,
      category_version_id: versions.get(o.code)!,
      event_date: o.eventDate,
      event_year: Number(o.eventDate.slice(0, 4)),
      amount_fen: amountOf.get(o.code as ReliefCategoryCode)!,
      status: 'paid',
      origin: o.origin,
      reason_enc: reason,
      facts_enc: null,
      source_claim_id: null,
      batch_id: o.batchId ?? null,
      filed_by: actors.adminId,
      filed_at: o.paidAt,
      updated_at: o.paidAt,
      reviewed_by: actors.adminId,
      reviewed_at: o.paidAt,
      review_note: null,
      decided_by: actors.reviewerId,
      decided_at: o.paidAt,
      decision_reason: null,
      paid_at: o.paidAt,
    });
    return id;
  };

  let claimSum = 0;
  let reliefSum = 0;
  let count = 0;
  let after = '';
  for (;;) {
    const claims = await db
      .selectFrom('claim')
      .select([
        'id',
        'member_id',
        'unit_id',
        'agency_id',
        'kind',
        'cause',
        'event_date',
        'facts_json',
        'paid_at',
        'approved_amount_fen',
      ])
      .where('office_id', '=', officeId)
      .where('status', '=', 'paid')
      .where('id', '>', after)
      .orderBy('id')
      .limit(20_000)
      .execute();
    if (claims.length === 0) break;
    after = claims.at(-1)!.id;
    for (const c of claims) {
      claimSum += Number(c.approved_amount_fen ?? 0);
      // 85 % of the relief budget follows the claims (never past it); hardship and holiday relief take the rest.
      const code = planner.consider({
        memberId: c.member_id,
        kind: c.kind,
        cause: c.cause,
        eventDate: c.event_date,
        approvedAmountFen: Number(c.approved_amount_fen ?? 0),
        facts: JSON.parse(c.facts_json) as Record<string, unknown>,
      });
      if (!code) continue;
      const id = relief({
        memberId: c.member_id,
        unitId: c.unit_id,
        agencyId: c.agency_id,
        code,
        eventDate: c.event_date,
        paidAt: c.paid_at!,
        origin: count % 5 === 0 ? 'proactive' : 'applied',
      });
      links.push({ office_id: officeId, relief_id: id, claim_id: c.id });
      reliefSum += amountOf.get(code)!;
      count += 1;
      if (rows.length >= 5_000) await flush();
    }
  }
  await flush();

  // Hardship files: one member in 400 (by id order, so the same members each run), opened over the last two years.
  const members = await db
    .selectFrom('member')
    .leftJoin('unit', 'unit.id', 'member.unit_id')
    .select(['member.id', 'member.unit_id', 'unit.agency_id'])
    .where('member.office_id', '=', officeId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('policy')
          .select('policy.id')
          // Office first: every policy index leads with it (without it this is a scan of all policies per member).
          .where('policy.office_id', '=', officeId)
          .whereRef('policy.member_id', '=', 'member.id')
          .where('policy.start_date', '<=', env.today)
          .where('policy.end_date', '>=', env.today),
      ),
    )
    .orderBy('member.id')
    .execute();
  // As many files as the other 15 % of the budget pays (a hardship and a holiday relief each), one member in 400 at most.
  const files15 = Math.floor((claimSum * RELIEF_SHARE_OF_CLAIMS * (1 - CLAIM_FOLLOWING_PART)) / 150_000);
  const hardship = members.filter((_, i) => i % 400 === 7).slice(0, files15);
  const levels = ['general', 'serious', 'extreme'];
  const reasons = [
    '本人患重大疾病，家庭收入骤减',
    '家庭成员长期患病，医疗支出大',
    '因灾因意外致困',
    '单亲家庭，子女就学负担重',
  ];
  const festival =
    `${env.today.slice(0, 4)}-01-20` <= env.today ? `${env.today.slice(0, 4)}-01-20` : addDays(env.today, -300);
  const batchId = env.newId();
  let inBatch = 0;
  const files = hardship.map((m, i) => {
    const openedOn = addDays(env.today, -30 - ((i * 37) % 700));
    const closed = i % 9 === 4;
    const due = addDays(openedOn, 365);
    const nextReview = due < env.today && i % 3 !== 0 ? addDays(due, 365) : due;
    const paidAt = new Date(`${addDays(openedOn, 10)}T02:00:00.000Z`).toISOString();
    if (addDays(openedOn, 10) <= env.today && fits(m.id, Number(openedOn.slice(0, 4)), 'hardship')) {
      relief({
        memberId: m.id,
        unitId: m.unit_id,
        agencyId: m.agency_id,
        code: 'hardship',
        eventDate: openedOn,
        paidAt,
        origin: 'applied',
      });
      reliefSum += amountOf.get('hardship')!;
      count += 1;
    }
    if (!closed && openedOn <= festival && fits(m.id, Number(festival.slice(0, 4)), 'holiday')) {
      relief({
        memberId: m.id,
        unitId: m.unit_id,
        agencyId: m.agency_id,
        code: 'holiday',
        eventDate: festival,
        paidAt: `${festival}T03:00:00.000Z`,
        origin: 'batch',
        batchId,
      });
      reliefSum += amountOf.get('holiday')!;
      count += 1;
      inBatch += 1;
    }
    return {
      id: env.newId(),
      office_id: officeId,
      member_id: m.id,
      unit_id: m.unit_id,
      agency_id: m.agency_id,
      level: levels[i % 3]!,
      reason_enc: env.cipher.encrypt(reasons[i % reasons.length]!),
      status: closed ? ('closed' as const) : ('open' as const),
      open_member_id: closed ? null : m.id,
      opened_on: openedOn,
      next_review_on: nextReview,
      last_reviewed_on: nextReview === due ? null : due,
      closed_on: closed ? addDays(openedOn, 200) : null,
      created_by: actors.adminId,
      created_at: env.now,
      updated_at: env.now,
    };
  });
  await bulkInsert(handle, 'hardship_file', files);
  if (inBatch > 0)
    await bulkInsert(handle, 'relief_batch', [
      {
        id: batchId,
        office_id: officeId,
        name: `${festival.slice(0, 4)} 年春节困难职工慰问`,
        category: 'holiday',
        event_date: festival,
        status: 'approved',
        amount_fen_each: amountOf.get('holiday')!,
        item_count: inBatch,
        total_fen: inBatch * amountOf.get('holiday')!,
        skipped_json: '[]',
        created_by: actors.adminId,
        created_at: `${festival}T01:00:00.000Z`,
        decided_by: actors.reviewerId,
        decided_at: `${festival}T02:00:00.000Z`,
        decision_reason: null,
      },
    ]);
  // The holiday rows point at the batch: written after it.
  await flush();
  return { reliefs: count, amountFen: reliefSum, hardship: files.length };
}
