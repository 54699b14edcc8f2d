import { chinaDate, type ClaimsOpsFigures, workingDaysBetween } from '@huzhu/core';
import type { Db } from '../db/tables.ts';
import { type ClaimsPeriod, OPEN_CLAIM_STATUSES, rejectionsOf } from './report-claims.repository.ts';

/**
 * Claims-operations figures the plain way: every claim of the scope read whole, dates and working days worked out
 * in code from the workflow's own timestamps (not from decision_working_days), payouts by product from the
 * assessments of the paid claims (not from the claims-paid summary). Tests and the bench only.
 */
export const plainClaimsReportRepository = {
  async figures(db: Db, officeId: string, p: ClaimsPeriod, agencyId: string | null): Promise<ClaimsOpsFigures> {
    const claims = await db
      .selectFrom('claim')
      .select(['id', 'agency_id', 'status', 'filed_on', 'accepted_at', 'decided_at', 'due_date', 'paid_at'])
      .select('approved_amount_fen')
      .where('office_id', '=', officeId)
      .$if(agencyId !== null, (q) => q.where('agency_id', '=', agencyId!))
      .execute();
    const inPeriod = (day: string) => day >= p.from && day <= p.to;
    const count = new Map<string, number>();
    const bump = (key: string, n = 1) => count.set(key, (count.get(key) ?? 0) + n);
    const open = new Map<string, { agencyId: string; backlog: number; overdue: number }>();
    const rejected: { id: string; agency_id: string; code: string | null }[] = [];
    const paidClaims = new Map<string, number>();
    for (const c of claims) {
      const agency = c.agency_id ?? '';
      if (inPeriod(c.filed_on)) bump(`r|${agency}`);
      const decidedOn = c.decided_at ? chinaDate(new Date(c.decided_at)) : null;
      if (decidedOn && inPeriod(decidedOn)) {
        const days = c.accepted_at ? workingDaysBetween(chinaDate(new Date(c.accepted_at)), decidedOn) : null;
        bump(`d|${agency}|${days ?? ''}`);
        if (c.status === 'rejected') rejected.push({ id: c.id, agency_id: agency, code: null });
      }
      if ((OPEN_CLAIM_STATUSES as readonly string[]).includes(c.status)) {
        const o = open.get(agency) ?? { agencyId: agency, backlog: 0, overdue: 0 };
        o.backlog += 1;
        if (c.status === 'accepted' && c.due_date !== null && c.due_date < p.today) o.overdue += 1;
        open.set(agency, o);
      }
      if (c.paid_at && inPeriod(chinaDate(new Date(c.paid_at)))) paidClaims.set(c.id, c.approved_amount_fen ?? 0);
    }
    const assessments = await db
      .selectFrom('claim_assessment')
      .innerJoin('policy', 'policy.id', 'claim_assessment.policy_id')
      .select(['claim_assessment.claim_id', 'claim_assessment.code', 'claim_assessment.approved_amount_fen'])
      .select('policy.product_code')
      .where('claim_assessment.office_id', '=', officeId)
      .execute();
    const rejectedAgency = new Map(rejected.map((r) => [r.id, r.agency_id]));
    const assessed = new Set<string>();
    const withCodes: typeof rejected = [];
    const byProduct = new Map<string, { productCode: string; claims: number; amountFen: number }>();
    for (const a of assessments) {
      const agency = rejectedAgency.get(a.claim_id);
      if (agency !== undefined) {
        assessed.add(a.claim_id);
        withCodes.push({ id: a.claim_id, agency_id: agency, code: a.code });
      }
      if (paidClaims.has(a.claim_id) && (a.approved_amount_fen ?? 0) > 0) {
        const prod = byProduct.get(a.product_code) ?? { productCode: a.product_code, claims: 0, amountFen: 0 };
        prod.claims += 1;
        prod.amountFen += a.approved_amount_fen!;
        byProduct.set(a.product_code, prod);
      }
    }
    withCodes.push(...rejected.filter((r) => !assessed.has(r.id)));
    const entries = (prefix: string) =>
      [...count].filter(([k]) => k.startsWith(prefix)).map(([k, n]) => ({ parts: k.split('|').slice(1), n }));
    return {
      received: entries('r|').map((e) => ({ agencyId: e.parts[0]!, n: e.n })),
      decided: entries('d|').map((e) => ({
        agencyId: e.parts[0]!,
        days: e.parts[1] === '' ? null : Number(e.parts[1]),
        n: e.n,
      })),
      open: [...open.values()],
      rejections: rejectionsOf(withCodes),
      paidByProduct: [...byProduct.values()],
      paidTotal: {
        claims: paidClaims.size,
        amountFen: [...paidClaims.values()].reduce((a, b) => a + b, 0),
      },
    };
  },
};
