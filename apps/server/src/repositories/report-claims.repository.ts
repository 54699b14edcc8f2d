import { addDays, type ClaimsOpsFigures, rejectionCode } from '@huzhu/core';
import { sql } from 'kysely';
import type { Db } from '../db/tables.ts';
import { endOfChinaDay } from './report-plain.repository.ts';

/**
 * Claims-operations figures for requests: every query is an indexed range — claims filed in the period
 * (claim_filed_idx), decided in the period (claim_decided_idx), open now (claim_queue_idx: only the open statuses),
 * and the claims-paid summary. None reads all the office's claims.
 */

/** Claims still waiting for a decision (claim-workflow: before approved/rejected). */
export const OPEN_CLAIM_STATUSES = ['submitted', 'prechecked', 'accepted', 'returned'] as const;

export interface ClaimsPeriod {
  from: string;
  to: string;
  /** Backlog and overdue are counted on this day. */
  today: string;
}

/** decided_at is a UTC instant: the period's China days run from 16:00 UTC the day before `from`. */
const decidedRange = (p: ClaimsPeriod) => ({ from: endOfChinaDay(addDays(p.from, -1)), to: endOfChinaDay(p.to) });

const agencyKey = sql<string>`coalesce(claim.agency_id, '')`;

export const claimsReportRepository = {
  async figures(db: Db, officeId: string, p: ClaimsPeriod, agencyId: string | null): Promise<ClaimsOpsFigures> {
    const claims = () =>
      db
        .selectFrom('claim')
        .where('claim.office_id', '=', officeId)
        .$if(agencyId !== null, (q) => q.where('claim.agency_id', '=', agencyId!));
    const decided = decidedRange(p);
    const inDecided = <Q extends ReturnType<typeof claims>>(q: Q) =>
      q.where('claim.decided_at', '>=', decided.from).where('claim.decided_at', '<', decided.to) as Q;
    const [received, histogram, open, rejected, paid] = await Promise.all([
      claims()
        .select([agencyKey.as('agency_id'), (eb) => eb.fn.countAll<number>().as('n')])
        .where('claim.filed_on', '>=', p.from)
        .where('claim.filed_on', '<=', p.to)
        .groupBy(agencyKey)
        .execute(),
      inDecided(claims())
        .select([agencyKey.as('agency_id'), 'claim.decision_working_days', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy([agencyKey, 'claim.decision_working_days'])
        .execute(),
      claims()
        .select([
          agencyKey.as('agency_id'),
          (eb) => eb.fn.countAll<number>().as('backlog'),
          sql<number>`sum(case when claim.status = 'accepted' and claim.due_date < ${p.today} then 1 else 0 end)`.as(
            'overdue',
          ),
        ])
        .where('claim.status', 'in', OPEN_CLAIM_STATUSES)
        .groupBy(agencyKey)
        .execute(),
      inDecided(claims())
        .leftJoin('claim_assessment', (j) =>
          j.onRef('claim_assessment.claim_id', '=', 'claim.id').on('claim_assessment.office_id', '=', officeId),
        )
        .select(['claim.id', agencyKey.as('agency_id'), 'claim_assessment.code'])
        .where('claim.status', '=', 'rejected')
        .execute(),
      db
        .selectFrom('claim_paid_daily')
        .select([
          'product_code',
          (eb) => eb.fn.sum<number>('claims').as('claims'),
          (eb) => eb.fn.sum<number>('amount_fen').as('amount'),
        ])
        .where('office_id', '=', officeId)
        .$if(agencyId !== null, (q) => q.where('agency_id', '=', agencyId!))
        .where('day', '>=', p.from)
        .where('day', '<=', p.to)
        .groupBy('product_code')
        .execute(),
    ]);
    const total = paid.find((r) => r.product_code === '*');
    return {
      received: received.map((r) => ({ agencyId: r.agency_id, n: Number(r.n) })),
      decided: histogram.map((r) => ({
        agencyId: r.agency_id,
        days: r.decision_working_days === null ? null : Number(r.decision_working_days),
        n: Number(r.n),
      })),
      open: open.map((r) => ({ agencyId: r.agency_id, backlog: Number(r.backlog), overdue: Number(r.overdue) })),
      rejections: rejectionsOf(rejected),
      paidByProduct: paid
        .filter((r) => r.product_code !== '*')
        .map((r) => ({ productCode: r.product_code, claims: Number(r.claims), amountFen: Number(r.amount) })),
      paidTotal: { claims: Number(total?.claims ?? 0), amountFen: Number(total?.amount ?? 0) },
    };
  },

  /** Names of the office's products (their current version), for report rows. */
  async productNames(db: Db, officeId: string): Promise<Map<string, string>> {
    const rows = await db
      .selectFrom('product')
      .innerJoin('product_version', (j) =>
        j
          .onRef('product_version.product_id', '=', 'product.id')
          .onRef('product_version.version', '=', 'product.current_version'),
      )
      .select(['product.code', 'product_version.name'])
      .where('product.office_id', '=', officeId)
      .execute();
    return new Map(rows.map((r) => [r.code, r.name]));
  },
};

/** Rejected claims (one row per assessment, or one with a null code) → counts per agency and reason code. */
export function rejectionsOf(rows: readonly { id: string; agency_id: string; code: string | null }[]) {
  const byClaim = new Map<string, { agencyId: string; codes: (string | null)[] }>();
  for (const r of rows) {
    const c = byClaim.get(r.id);
    if (c) c.codes.push(r.code);
    else byClaim.set(r.id, { agencyId: r.agency_id, codes: [r.code] });
  }
  const counts = new Map<string, { agencyId: string; code: string; n: number }>();
  for (const c of byClaim.values()) {
    const code = rejectionCode(c.codes);
    const key = `${c.agencyId}|${code}`;
    const entry = counts.get(key);
    if (entry) entry.n += 1;
    else counts.set(key, { agencyId: c.agencyId, code, n: 1 });
  }
  return [...counts.values()];
}
