import type { FundFigures } from '@huzhu/core';
import { sql } from 'kysely';
import type { Db } from '../db/tables.ts';
import { reliefRepository } from './relief.repository.ts';

/**
 * Fund-health figures from the summaries: fees of the policies started per day (cov_policy_delta.started_*) and
 * claims paid per day (claim_paid_daily), summed by year. Days are ISO text, so the year is its first four
 * characters (substr is the same function in both dialects).
 */
const yearOfDay = sql<string>`substr(day, 1, 4)`;

export const fundReportRepository = {
  async figures(
    db: Db,
    officeId: string,
    years: { fromYear: number; toYear: number },
    agencyId: string | null,
  ): Promise<FundFigures> {
    const from = `${years.fromYear}-01-01`;
    const to = `${years.toYear}-12-31`;
    const [started, paid, reliefPaid] = await Promise.all([
      db
        .selectFrom('cov_policy_delta')
        .select([
          yearOfDay.as('year'),
          'product_code',
          (eb) => eb.fn.sum<number>('started_policies').as('policies'),
          (eb) => eb.fn.sum<number>('started_fee_fen').as('fee'),
        ])
        .where('office_id', '=', officeId)
        .$if(agencyId !== null, (q) => q.where('agency_id', '=', agencyId!))
        .where('day', '>=', from)
        .where('day', '<=', to)
        .groupBy([yearOfDay, 'product_code'])
        .execute(),
      db
        .selectFrom('claim_paid_daily')
        .select([
          yearOfDay.as('year'),
          'product_code',
          (eb) => eb.fn.sum<number>('claims').as('claims'),
          (eb) => eb.fn.sum<number>('amount_fen').as('amount'),
        ])
        .where('office_id', '=', officeId)
        .$if(agencyId !== null, (q) => q.where('agency_id', '=', agencyId!))
        .where('day', '>=', from)
        .where('day', '<=', to)
        .groupBy([yearOfDay, 'product_code'])
        .execute(),
      reliefRepository.paidByYear(db, officeId, from, to, agencyId),
    ]);
    const paidOf = (r: (typeof paid)[number]) => ({
      year: Number(r.year),
      claims: Number(r.claims),
      amountFen: Number(r.amount),
    });
    return {
      started: started.map((r) => ({
        year: Number(r.year),
        productCode: r.product_code,
        policies: Number(r.policies),
        feeFen: Number(r.fee),
      })),
      paid: paid.filter((r) => r.product_code !== '*').map((r) => ({ ...paidOf(r), productCode: r.product_code })),
      paidTotal: paid.filter((r) => r.product_code === '*').map(paidOf),
      reliefPaid,
    };
  },
};
