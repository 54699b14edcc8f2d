import { reportAgency, reportScope } from '../access/policy.ts';
import {
  assembleClaimsOps,
  assembleComplaintOps,
  type ClaimsOps,
  claimsOpsSheets,
  complaintOpsColumns,
  type ReportSheet,
} from '@huzhu/core';
import { complaintRepository } from '../repositories/complaint.repository.ts';
import type { Actor } from '../access/actor.ts';
import { writeReportWorkbook } from '../adapters/report-workbook.ts';
import type { ServiceDeps } from './service-deps.ts';
import type { Db } from '../db/tables.ts';
import { AppError } from '../errors.ts';
import { reportRepository } from '../repositories/report.repository.ts';
import { type ClaimsPeriod, claimsReportRepository as repo } from '../repositories/report-claims.repository.ts';

/** An agency asked for by office staff must be one of the office's (else: not found, like any unknown id). */
export async function requireReportAgency(db: Db, officeId: string, agencyId: string | null): Promise<void> {
  if (agencyId === null) return;
  const found = await db
    .selectFrom('agency')
    .select('id')
    .where('office_id', '=', officeId)
    .where('id', '=', agencyId)
    .executeTakeFirst();
  if (!found) throw new AppError('NOT_FOUND', { agencyId });
}

/**
 * The period of the report: `to` defaults to today and `from` to 1 January of `to`'s year. The schema checks the
 * order when both are given; a default can still land after the other end (a `from` in the future).
 */
export function claimsPeriod(q: { from?: string; to?: string }, today: string): ClaimsPeriod {
  const to = q.to ?? today;
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) throw new AppError('VALIDATION_FAILED', { field: 'from', message: '开始日期不能晚于结束日期' });
  return { from, to, today };
}

type ClaimsOpsAsk = { from?: string; to?: string; agencyId?: string };

export function createClaimsReportService({ reader: db, clock }: ServiceDeps) {
  const complaintOps = async (
    officeId: string,
    period: ClaimsPeriod,
    agencyId: string | null,
    agencyNames: Map<string, string>,
  ) =>
    assembleComplaintOps(
      await complaintRepository.opsFigures(db, officeId, period.from, period.to, period.today, agencyId),
      {
        agencyId,
        agencyNames,
      },
    );
  async function report(actor: Actor, q: ClaimsOpsAsk): Promise<ClaimsOps> {
    const scope = reportScope(actor);
    const agencyId = reportAgency(scope, q.agencyId);
    await requireReportAgency(db, scope.officeId, agencyId);
    const period = claimsPeriod(q, clock.today());
    const [figures, agencyNames, productNames] = await Promise.all([
      repo.figures(db, scope.officeId, period, agencyId),
      reportRepository.agencyNames(db, scope.officeId),
      repo.productNames(db, scope.officeId),
    ]);
    const complaints = await complaintOps(scope.officeId, period, agencyId, agencyNames);
    return {
      ...period,
      agencyId,
      ...assembleClaimsOps(figures, { agencyId, agencyNames, productNames }),
      complaints,
    };
  }

  return {
    claimsOps: report,
    async claimsOpsWorkbook(actor: Actor, q: ClaimsOpsAsk) {
      const r = await report(actor, q);
      const who = r.agencyId ? (r.rows[0]?.agencyName ?? '') : '全市';
      const sheets = claimsOpsSheets(r);
      if (r.complaints)
        sheets.push({
          name: '意见与投诉',
          columns: complaintOpsColumns,
          rows: [...r.complaints.rows, r.complaints.total],
        } as ReportSheet);
      const body = await writeReportWorkbook(sheets);
      return { name: `申领运营分析-${who}-${r.from}至${r.to}.xlsx`, body };
    },
  };
}
export type ClaimsReportService = ReturnType<typeof createClaimsReportService>;
