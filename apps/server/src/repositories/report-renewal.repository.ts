import type { RenewalFigureRow } from '@huzhu/core';
import { sql } from 'kysely';
import type { Db } from '../db/tables.ts';

/** The report key of a policy (its unit's agency now, else the policy's own), as the summaries key it. */
export const policyAgencyKey = sql<string>`coalesce(unit.agency_id, policy.agency_id, '')`;

/** Renewal figures from cov_renewal, and the policies ending soon (an index range on policy end dates). */
export const renewalRepository = {
  async figures(db: Db, officeId: string, from: string, to: string, agencyId: string | null) {
    const rows = await db
      .selectFrom('cov_renewal')
      .select([
        'product_code',
        'employment_kind',
        (eb) => eb.fn.sum<number>('ending').as('ending'),
        (eb) => eb.fn.sum<number>('renewed').as('renewed'),
      ])
      .where('office_id', '=', officeId)
      .where('end_day', '>=', from)
      .where('end_day', '<=', to)
      .$if(agencyId !== null, (q) => q.where('agency_id', '=', agencyId!))
      .groupBy(['product_code', 'employment_kind'])
      .execute();
    return rows.map(
      (r): RenewalFigureRow => ({
        productCode: r.product_code,
        employmentKind: r.employment_kind,
        ending: Number(r.ending),
        renewed: Number(r.renewed),
      }),
    );
  },

  /**
   * Ending and renewed of one report category (cov_renewal keeps it): `gig` is the gig workers' own policies (sold
   * outside any unit), whose renewal rate the report shows apart.
   */
  async categoryFigure(db: Db, officeId: string, category: string, from: string, to: string, agencyId: string | null) {
    const r = await db
      .selectFrom('cov_renewal')
      .select([(eb) => eb.fn.sum<number>('ending').as('ending'), (eb) => eb.fn.sum<number>('renewed').as('renewed')])
      .where('office_id', '=', officeId)
      .where('category', '=', category)
      .where('end_day', '>=', from)
      .where('end_day', '<=', to)
      .$if(agencyId !== null, (q) => q.where('agency_id', '=', agencyId!))
      .executeTakeFirst();
    return { ending: Number(r?.ending ?? 0), renewed: Number(r?.renewed ?? 0) };
  },

  /** Live policies ending in [from, to], soonest first; `limit` null lists them all (the xlsx). */
  async expiring(
    db: Db,
    officeId: string,
    from: string,
    to: string,
    agencyId: string | null,
    page: { offset: number; limit: number | null },
  ) {
    const base = db
      .selectFrom('policy')
      .leftJoin('unit', 'unit.id', 'policy.unit_id')
      .where('policy.office_id', '=', officeId)
      .where('policy.end_date', '>=', from)
      .where('policy.end_date', '<=', to)
      .where('policy.state', '!=', 'cancelled')
      .$if(agencyId !== null, (q) => q.where(policyAgencyKey, '=', agencyId!));
    const [items, count] = await Promise.all([
      base
        .innerJoin('member', 'member.id', 'policy.member_id')
        .leftJoin('renewal_reminder', (j) =>
          j
            .onRef('renewal_reminder.policy_id', '=', 'policy.id')
            .onRef('renewal_reminder.office_id', '=', 'policy.office_id'),
        )
        .select([
          'policy.id',
          'member.name',
          'policy.unit_id',
          'unit.name as unit_name',
          policyAgencyKey.as('agency_id'),
          'policy.product_code',
          'policy.end_date',
          'renewal_reminder.sent_at',
        ])
        .orderBy('policy.end_date')
        .orderBy('policy.id')
        // SQLite takes OFFSET only after a LIMIT: the whole list (limit null) starts at the first row anyway.
        .$if(page.limit !== null, (q) => q.limit(page.limit!).offset(page.offset))
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },
};
