import { INDIVIDUAL_CATEGORY, NO_AGENCY, type StructureFigures } from '@huzhu/core';
import { sql } from 'kysely';
import type { Db } from '../db/tables.ts';

/**
 * The report figures computed the plain way, straight from the base tables with one aggregate query each — the
 * definition of product.md §7 in SQL. The summaries are proved equal to these (tests, after random writes) and
 * measured against them (bench/reports). Not used to answer requests: at full scale these scan millions of rows.
 */

/** The report key of a policy: its unit's agency and category now, or the individual channel. */
// Literals, not parameters: PostgreSQL matches a GROUP BY expression to the SELECT one only when the text is equal.
const agencyKey = sql<string>`coalesce(unit.agency_id, policy.agency_id, ${sql.lit(NO_AGENCY)})`;
const categoryKey = sql<string>`coalesce(unit.category, ${sql.lit(INDIVIDUAL_CATEGORY)})`;

/** The first instant after `asOf` ends in China (UTC+8, no daylight saving): paid_at before it was paid by `asOf`. */
export const endOfChinaDay = (asOf: string) => `${asOf}T16:00:00.000Z`;

const live = (db: Db, officeId: string) =>
  db
    .selectFrom('policy')
    .leftJoin('unit', 'unit.id', 'policy.unit_id')
    .where('policy.office_id', '=', officeId)
    .where('policy.state', '!=', 'cancelled');

export const plainReportRepository = {
  async structureFigures(db: Db, officeId: string, asOf: string, agencyId: string | null): Promise<StructureFigures> {
    const inForce = live(db, officeId)
      .where('policy.start_date', '<=', asOf)
      .where('policy.end_date', '>=', asOf)
      .$if(agencyId !== null, (q) => q.where(agencyKey, '=', agencyId!));
    const products = await inForce
      .select([
        agencyKey.as('agency_id'),
        categoryKey.as('category'),
        'policy.product_code',
        (eb) => eb.fn.countAll<number>().as('policies'),
        (eb) => eb.fn.sum<number>('policy.shares').as('shares'),
        (eb) => eb.fn.sum<number>('policy.fee_fen').as('fee_fen'),
      ])
      .groupBy([agencyKey, categoryKey, 'policy.product_code'])
      .execute();
    const rowMembers = agencyId
      ? await inForce
          .select([
            sql<string>`'g:' || ${agencyKey} || ':' || ${categoryKey}`.as('scope'),
            (eb) => eb.fn.count<number>('policy.member_id').distinct().as('n'),
          ])
          .groupBy([agencyKey, categoryKey])
          .execute()
      : await inForce
          .select([
            sql<string>`'a:' || ${agencyKey}`.as('scope'),
            (eb) => eb.fn.count<number>('policy.member_id').distinct().as('n'),
          ])
          .groupBy(agencyKey)
          .execute();
    const total = await inForce
      .select((eb) => eb.fn.count<number>('policy.member_id').distinct().as('n'))
      .executeTakeFirstOrThrow();
    const enrolled = db
      .selectFrom('policy')
      .select('policy.unit_id')
      .distinct()
      .where('policy.office_id', '=', officeId)
      .where('policy.state', '!=', 'cancelled')
      .where('policy.unit_id', 'is not', null)
      .where('policy.start_date', '<=', asOf)
      .where('policy.end_date', '>=', asOf);
    const units = await db
      .selectFrom('unit')
      .leftJoin(enrolled.as('e'), 'e.unit_id', 'unit.id')
      .select([
        'unit.agency_id',
        'unit.category',
        (eb) => eb.fn.countAll<number>().as('known'),
        (eb) => eb.fn.count<number>('e.unit_id').as('enrolled'),
        sql<number>`coalesce(sum(case when e.unit_id is not null then unit.headcount else 0 end), 0)`.as('headcount'),
      ])
      .where('unit.office_id', '=', officeId)
      .$if(agencyId !== null, (q) => q.where('unit.agency_id', '=', agencyId!))
      .groupBy(['unit.agency_id', 'unit.category'])
      .execute();
    const members = new Map(rowMembers.map((r) => [r.scope, Number(r.n)]));
    members.set(agencyId ? `a:${agencyId}` : 'o', Number(total.n));
    return {
      units: units.map((u) => ({
        agencyId: u.agency_id,
        category: u.category,
        knownUnits: Number(u.known),
        enrolledUnits: Number(u.enrolled),
        enrolledHeadcount: Number(u.headcount),
      })),
      products: products.map((p) => ({
        agencyId: p.agency_id,
        category: p.category,
        productCode: p.product_code,
        policies: Number(p.policies),
        shares: Number(p.shares),
        feeFen: Number(p.fee_fen),
      })),
      members,
    };
  },

  /** Everything the summary shows, from the base tables. */
  async summary(db: Db, officeId: string, asOf: string, agencyId: string | null) {
    const scoped = live(db, officeId).$if(agencyId !== null, (q) => q.where(agencyKey, '=', agencyId!));
    const ever = await scoped
      .where('policy.start_date', '<=', asOf)
      .select([
        (eb) => eb.fn.count<number>('policy.member_id').distinct().as('members'),
        (eb) => eb.fn.count<number>('policy.unit_id').distinct().as('units'),
      ])
      .executeTakeFirstOrThrow();
    const active = await scoped
      .where('policy.start_date', '<=', asOf)
      .where('policy.end_date', '>=', asOf)
      .select([
        (eb) => eb.fn.count<number>('policy.member_id').distinct().as('members'),
        (eb) => eb.fn.count<number>('policy.unit_id').distinct().as('units'),
        sql<number>`coalesce(sum(policy.shares), 0)`.as('shares'),
        sql<number>`coalesce(sum(policy.fee_fen), 0)`.as('fee'),
      ])
      .executeTakeFirstOrThrow();
    const paid = await db
      .selectFrom('claim')
      .select([
        (eb) => eb.fn.countAll<number>().as('n'),
        sql<number>`coalesce(sum(claim.approved_amount_fen), 0)`.as('amount'),
      ])
      .where('claim.office_id', '=', officeId)
      .where('claim.paid_at', 'is not', null)
      .where('claim.paid_at', '<', endOfChinaDay(asOf))
      .$if(agencyId !== null, (q) => q.where('claim.agency_id', '=', agencyId!))
      .executeTakeFirstOrThrow();
    return {
      unitsEver: Number(ever.units),
      membersEver: Number(ever.members),
      activeUnits: Number(active.units),
      activeMembers: Number(active.members),
      shares: Number(active.shares),
      contributionsFen: Number(active.fee),
      claimsPaid: { count: Number(paid.n), amountFen: Number(paid.amount) },
    };
  },

  /** Relief paid up to a day (by China date of payment), straight from the applications. */
  async reliefPaid(db: Db, officeId: string, asOf: string, agencyId: string | null) {
    const row = await db
      .selectFrom('relief_application')
      .select([
        (eb) => eb.fn.countAll<number>().as('n'),
        sql<number>`coalesce(sum(relief_application.amount_fen), 0)`.as('amount'),
      ])
      .where('office_id', '=', officeId)
      .where('paid_at', 'is not', null)
      .where('paid_at', '<', endOfChinaDay(asOf))
      .$if(agencyId !== null, (q) => q.where('agency_id', '=', agencyId!))
      .executeTakeFirstOrThrow();
    return { count: Number(row.n), amountFen: Number(row.amount) };
  },
};
