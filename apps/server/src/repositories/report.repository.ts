import {
  INDIVIDUAL_CATEGORY,
  memberScope,
  NO_AGENCY,
  type ProductFigure,
  spanDeltas,
  type TrendDeltas,
  type UnitFigure,
  unitCategories,
} from '@huzhu/core';
import { sql } from 'kysely';
import type { Db } from '../db/tables.ts';
import { reliefRepository } from './relief.repository.ts';

/**
 * Report figures read from the summaries (never from the base tables at request time). `agencyId` null means the
 * whole office. Running sums: a figure on `asOf` is the sum of the deltas dated up to it.
 */

/**
 * Scope keys of the distinct-member sums a view needs: one per possible row. Listed, not a key range: under a
 * linguistic collation (a PostgreSQL database created with a zh_CN or en_US locale) punctuation is ignored or
 * ordered differently, so a range such as 'a:' <= scope < 'a;' would miss every row.
 */
async function rowScopes(db: Db, officeId: string, agencyId: string | null): Promise<string[]> {
  if (agencyId)
    return [...unitCategories, INDIVIDUAL_CATEGORY].map((category) => memberScope.group({ agencyId, category }));
  const agencies = await db.selectFrom('agency').select('id').where('office_id', '=', officeId).execute();
  return [NO_AGENCY, ...agencies.map((a) => a.id)].map(memberScope.agency);
}

/** The row of what no agency holds: the office's own queue (办事处直办), never an owner-less 未归属 row. */
export const OFFICE_OWN_QUEUE = '办事处直办';

export const reportRepository = {
  /** Distinct members on `asOf` (active) and up to it (ever), per scope key: the total's and the rows'. */
  async memberSums(db: Db, officeId: string, asOf: string, agencyId: string | null) {
    const total = agencyId ? memberScope.agency(agencyId) : memberScope.office();
    const scopes = [total, ...(await rowScopes(db, officeId, agencyId))];
    const rows = await db
      .selectFrom('cov_member_delta')
      .select(['scope', (eb) => eb.fn.sum<number>('active').as('active'), (eb) => eb.fn.sum<number>('ever').as('ever')])
      .where('office_id', '=', officeId)
      .where('scope', 'in', scopes)
      .where('day', '<=', asOf)
      .groupBy('scope')
      .execute();
    const active = new Map<string, number>();
    const ever = new Map<string, number>();
    for (const r of rows) {
      active.set(r.scope, Number(r.active));
      ever.set(r.scope, Number(r.ever));
    }
    return { total, active, ever };
  },

  /** Policies, shares and contributions in force on `asOf`, per agency, category and product. */
  async productSums(db: Db, officeId: string, asOf: string, agencyId: string | null): Promise<ProductFigure[]> {
    const rows = await db
      .selectFrom('cov_policy_delta')
      .select([
        'agency_id',
        'category',
        'product_code',
        (eb) => eb.fn.sum<number>('policies').as('policies'),
        (eb) => eb.fn.sum<number>('shares').as('shares'),
        (eb) => eb.fn.sum<number>('fee_fen').as('fee_fen'),
      ])
      .where('office_id', '=', officeId)
      .$if(agencyId !== null, (q) => q.where('agency_id', '=', agencyId!))
      .where('day', '<=', asOf)
      .groupBy(['agency_id', 'category', 'product_code'])
      .execute();
    return rows.map((r) => ({
      agencyId: r.agency_id,
      category: r.category,
      productCode: r.product_code,
      policies: Number(r.policies),
      shares: Number(r.shares),
      feeFen: Number(r.fee_fen),
    }));
  },

  /** Known units, units enrolled on `asOf` and their headcount, per agency and category (the unit as it is now). */
  async unitSums(db: Db, officeId: string, asOf: string, agencyId: string | null): Promise<UnitFigure[]> {
    const rows = await db
      .selectFrom('unit')
      .leftJoin(
        (eb) =>
          eb
            .selectFrom('cov_unit_span')
            .select('unit_id')
            .where('office_id', '=', officeId)
            .where('from_day', '<=', asOf)
            .where('to_day', '>=', asOf)
            .as('live'),
        (join) => join.onRef('live.unit_id', '=', 'unit.id'),
      )
      .select([
        'unit.agency_id',
        'unit.category',
        (eb) => eb.fn.countAll<number>().as('known'),
        (eb) => eb.fn.count<number>('live.unit_id').as('enrolled'),
        sql<number>`coalesce(sum(case when live.unit_id is not null then unit.headcount else 0 end), 0)`.as(
          'headcount',
        ),
      ])
      .where('unit.office_id', '=', officeId)
      .$if(agencyId !== null, (q) => q.where('unit.agency_id', '=', agencyId!))
      .groupBy(['unit.agency_id', 'unit.category'])
      .execute();
    return rows.map((r) => ({
      agencyId: r.agency_id,
      category: r.category,
      knownUnits: Number(r.known),
      enrolledUnits: Number(r.enrolled),
      enrolledHeadcount: Number(r.headcount),
    }));
  },

  /** Units in scope ever enrolled up to `asOf` (a span started by then). */
  async unitsEver(db: Db, officeId: string, asOf: string, agencyId: string | null): Promise<number> {
    const row = await db
      .selectFrom('unit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('unit.office_id', '=', officeId)
      .$if(agencyId !== null, (q) => q.where('unit.agency_id', '=', agencyId!))
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('cov_unit_span')
            .select('cov_unit_span.unit_id')
            .whereRef('cov_unit_span.unit_id', '=', 'unit.id')
            .where('cov_unit_span.office_id', '=', officeId)
            .where('cov_unit_span.from_day', '<=', asOf),
        ),
      )
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** Units with no policy in force on `asOf`, largest headcount first (the expansion target list). */
  async notEnrolled(db: Db, officeId: string, asOf: string, agencyId: string | null, limit: number | null) {
    const base = db
      .selectFrom('unit')
      .where('unit.office_id', '=', officeId)
      .$if(agencyId !== null, (q) => q.where('unit.agency_id', '=', agencyId!))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('cov_unit_span')
              .select('cov_unit_span.unit_id')
              .whereRef('cov_unit_span.unit_id', '=', 'unit.id')
              .where('cov_unit_span.office_id', '=', officeId)
              .where('cov_unit_span.from_day', '<=', asOf)
              .where('cov_unit_span.to_day', '>=', asOf),
          ),
        ),
      );
    const [items, count] = await Promise.all([
      base
        .select(['unit.id', 'unit.name', 'unit.agency_id', 'unit.category', 'unit.headcount'])
        .orderBy('unit.headcount', 'desc')
        .orderBy('unit.id')
        .$if(limit !== null, (q) => q.limit(limit!))
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      items: items.map((u) => ({
        unitId: u.id,
        name: u.name,
        agencyId: u.agency_id,
        category: u.category,
        headcount: Number(u.headcount),
      })),
      total: Number(count.n),
    };
  },

  /** Claims paid up to `asOf` (by payment day), whole claims. */
  async claimsPaid(db: Db, officeId: string, asOf: string, agencyId: string | null) {
    const row = await db
      .selectFrom('claim_paid_daily')
      .select([
        (eb) => eb.fn.coalesce(eb.fn.sum<number>('claims'), sql<number>`0`).as('claims'),
        (eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_fen'), sql<number>`0`).as('amount'),
      ])
      .where('office_id', '=', officeId)
      .where('product_code', '=', '*')
      .$if(agencyId !== null, (q) => q.where('agency_id', '=', agencyId!))
      .where('day', '<=', asOf)
      .executeTakeFirstOrThrow();
    return { count: Number(row.claims), amountFen: Number(row.amount) };
  },

  /** Every day's deltas of the scope total, for the month series (a few thousand rows at most). */
  async trendDeltas(db: Db, officeId: string, upTo: string, agencyId: string | null): Promise<TrendDeltas> {
    const total = agencyId ? `a:${agencyId}` : 'o';
    const [members, policies, spans, paid, reliefPaid] = await Promise.all([
      db
        .selectFrom('cov_member_delta')
        .select(['day', 'active', 'ever'])
        .where('office_id', '=', officeId)
        .where('scope', '=', total)
        .where('day', '<=', upTo)
        .execute(),
      db
        .selectFrom('cov_policy_delta')
        .select([
          'day',
          (eb) => eb.fn.sum<number>('shares').as('shares'),
          (eb) => eb.fn.sum<number>('fee_fen').as('fee_fen'),
          (eb) => eb.fn.sum<number>('started_fee_fen').as('started_fee_fen'),
        ])
        .where('office_id', '=', officeId)
        .$if(agencyId !== null, (q) => q.where('agency_id', '=', agencyId!))
        .where('day', '<=', upTo)
        .groupBy('day')
        .execute(),
      db
        .selectFrom('cov_unit_span')
        .innerJoin('unit', 'unit.id', 'cov_unit_span.unit_id')
        .select(['cov_unit_span.from_day', 'cov_unit_span.to_day'])
        .where('cov_unit_span.office_id', '=', officeId)
        .$if(agencyId !== null, (q) => q.where('unit.agency_id', '=', agencyId!))
        .where('cov_unit_span.from_day', '<=', upTo)
        .execute(),
      db
        .selectFrom('claim_paid_daily')
        .select([
          'day',
          (eb) => eb.fn.sum<number>('claims').as('claims'),
          (eb) => eb.fn.sum<number>('amount_fen').as('amount_fen'),
        ])
        .where('office_id', '=', officeId)
        .where('product_code', '=', '*')
        .$if(agencyId !== null, (q) => q.where('agency_id', '=', agencyId!))
        .where('day', '<=', upTo)
        .groupBy('day')
        .execute(),
      reliefRepository.paidByDay(db, officeId, upTo, agencyId),
    ]);
    return {
      reliefPaid,
      members: members.map((r) => ({ day: r.day, active: Number(r.active), ever: Number(r.ever) })),
      policies: policies.map((r) => ({
        day: r.day,
        shares: Number(r.shares),
        feeFen: Number(r.fee_fen),
        startedFeeFen: Number(r.started_fee_fen),
      })),
      units: spanDeltas(spans.map((s) => ({ from: s.from_day, to: s.to_day }))),
      claimsPaid: paid.map((r) => ({ day: r.day, claims: Number(r.claims), amountFen: Number(r.amount_fen) })),
    };
  },

  async agencyNames(db: Db, officeId: string): Promise<Map<string, string>> {
    const rows = await db.selectFrom('agency').select(['id', 'name']).where('office_id', '=', officeId).execute();
    return new Map([...rows.map((r) => [r.id, r.name] as [string, string]), ['', OFFICE_OWN_QUEUE]]);
  },
};
