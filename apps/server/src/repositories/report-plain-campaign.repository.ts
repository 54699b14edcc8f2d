import type { UnitTerm } from '@huzhu/core';
import type { Db } from '../db/tables.ts';

/**
 * Unit terms computed the plain way, straight from the policies (one GROUP BY per kind of row): what
 * cov_unit_term must hold. Tests compare the campaign report built from these with the one the API answers.
 * Never used by requests: it reads every policy sold through the units.
 */
export const plainCampaignRepository = {
  async unitTerms(db: Db, officeId: string, to: string, agencyIds: readonly string[]): Promise<UnitTerm[]> {
    const base = db
      .selectFrom('policy')
      .innerJoin('unit', 'unit.id', 'policy.unit_id')
      .where('policy.office_id', '=', officeId)
      .where('policy.state', '!=', 'cancelled')
      .where('policy.channel', '=', 'unit')
      .where('policy.start_date', '<=', to)
      .where('unit.agency_id', 'in', agencyIds);
    const keys = ['policy.unit_id', 'unit.agency_id', 'policy.start_date', 'policy.end_date'] as const;
    const whole = await base
      .select([
        ...keys,
        (eb) => eb.fn.count<number>('policy.member_id').distinct().as('members'),
        (eb) => eb.fn.sum<number>('policy.shares').as('shares'),
        (eb) => eb.fn.sum<number>('policy.fee_fen').as('fee_fen'),
      ])
      .groupBy([...keys])
      .execute();
    const byProduct = await base
      .select([
        ...keys,
        'policy.product_code',
        (eb) => eb.fn.countAll<number>().as('members'),
        (eb) => eb.fn.sum<number>('policy.shares').as('shares'),
        (eb) => eb.fn.sum<number>('policy.fee_fen').as('fee_fen'),
      ])
      .groupBy([...keys, 'policy.product_code'])
      .execute();
    return [...whole.map((r) => ({ ...r, product_code: '*' })), ...byProduct].map((r) => ({
      unitId: r.unit_id!,
      agencyId: r.agency_id,
      productCode: r.product_code,
      startDay: r.start_date,
      endDay: r.end_date,
      members: Number(r.members),
      shares: Number(r.shares),
      feeFen: Number(r.fee_fen),
    }));
  },
};
