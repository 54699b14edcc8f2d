import { chinaDate, type FundFigures, NO_AGENCY } from '@huzhu/core';
import type { Db } from '../db/tables.ts';

/**
 * Fund-health figures the plain way: the live policies that started in the years (by their report key agency —
 * the unit's agency now, else the policy's own) and the paid claims with their assessments, summed in code.
 * Tests and the bench only.
 */
export const plainFundReportRepository = {
  async figures(
    db: Db,
    officeId: string,
    years: { fromYear: number; toYear: number },
    agencyId: string | null,
  ): Promise<FundFigures> {
    const policies = await db
      .selectFrom('policy')
      .leftJoin('unit', 'unit.id', 'policy.unit_id')
      .select(['policy.product_code', 'policy.start_date', 'policy.fee_fen', 'policy.agency_id', 'policy.unit_id'])
      .select('unit.agency_id as unit_agency_id')
      .where('policy.office_id', '=', officeId)
      .where('policy.state', '!=', 'cancelled')
      .execute();
    const inYears = (day: string) => {
      const y = Number(day.slice(0, 4));
      return y >= years.fromYear && y <= years.toYear ? y : null;
    };
    const started = new Map<string, FundFigures['started'][number]>();
    for (const p of policies) {
      const agency = p.unit_id ? p.unit_agency_id! : (p.agency_id ?? NO_AGENCY);
      const year = inYears(p.start_date);
      if (year === null || (agencyId !== null && agency !== agencyId)) continue;
      const key = `${year}|${p.product_code}`;
      const s = started.get(key) ?? { year, productCode: p.product_code, policies: 0, feeFen: 0 };
      s.policies += 1;
      s.feeFen += Number(p.fee_fen);
      started.set(key, s);
    }
    const claims = await db
      .selectFrom('claim')
      .select(['id', 'paid_at', 'approved_amount_fen'])
      .where('office_id', '=', officeId)
      .where('paid_at', 'is not', null)
      .$if(agencyId !== null, (q) => q.where('agency_id', '=', agencyId!))
      .execute();
    const paidYear = new Map<string, number>();
    const totals = new Map<number, FundFigures['paidTotal'][number]>();
    for (const c of claims) {
      const year = inYears(chinaDate(new Date(c.paid_at!)));
      if (year === null) continue;
      paidYear.set(c.id, year);
      const t = totals.get(year) ?? { year, claims: 0, amountFen: 0 };
      t.claims += 1;
      t.amountFen += c.approved_amount_fen ?? 0;
      totals.set(year, t);
    }
    const parts = await db
      .selectFrom('claim_assessment')
      .innerJoin('policy', 'policy.id', 'claim_assessment.policy_id')
      .select(['claim_assessment.claim_id', 'claim_assessment.approved_amount_fen', 'policy.product_code'])
      .where('claim_assessment.office_id', '=', officeId)
      .where('claim_assessment.approved_amount_fen', '>', 0)
      .execute();
    const paid = new Map<string, FundFigures['paid'][number]>();
    for (const a of parts) {
      const year = paidYear.get(a.claim_id);
      if (year === undefined) continue;
      const key = `${year}|${a.product_code}`;
      const s = paid.get(key) ?? { year, productCode: a.product_code, claims: 0, amountFen: 0 };
      s.claims += 1;
      s.amountFen += a.approved_amount_fen!;
      paid.set(key, s);
    }
    const reliefRows = await db
      .selectFrom('relief_application')
      .select(['paid_at', 'amount_fen'])
      .where('office_id', '=', officeId)
      .where('paid_at', 'is not', null)
      .$if(agencyId !== null, (q) => q.where('agency_id', '=', agencyId!))
      .execute();
    const relief = new Map<number, { year: number; count: number; amountFen: number }>();
    for (const r of reliefRows) {
      const year = inYears(chinaDate(new Date(r.paid_at!)));
      if (year === null) continue;
      const t = relief.get(year) ?? { year, count: 0, amountFen: 0 };
      t.count += 1;
      t.amountFen += Number(r.amount_fen);
      relief.set(year, t);
    }
    return {
      started: [...started.values()],
      paid: [...paid.values()],
      paidTotal: [...totals.values()],
      reliefPaid: [...relief.values()],
    };
  },
};
