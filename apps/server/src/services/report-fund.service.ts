import { reportAgency, reportScope } from '../access/policy.ts';
import { assembleFundHealth, type FundHealth, fundHealthSheets } from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { writeReportWorkbook } from '../adapters/report-workbook.ts';
import type { ServiceDeps } from './service-deps.ts';
import { AppError } from '../errors.ts';
import { reportRepository } from '../repositories/report.repository.ts';
import { claimsReportRepository } from '../repositories/report-claims.repository.ts';
import { fundReportRepository as repo } from '../repositories/report-fund.repository.ts';
import { requireReportAgency } from './report-claims.service.ts';

/** Default range: the last five years up to `toYear` (this year by default). */
const DEFAULT_YEARS = 5;

type FundAsk = { fromYear?: number; toYear?: number; agencyId?: string };

export function createFundReportService({ reader: db, clock }: ServiceDeps) {
  async function report(actor: Actor, q: FundAsk): Promise<FundHealth> {
    const scope = reportScope(actor);
    const agencyId = reportAgency(scope, q.agencyId);
    await requireReportAgency(db, scope.officeId, agencyId);
    const toYear = q.toYear ?? Number(clock.today().slice(0, 4));
    const fromYear = q.fromYear ?? toYear - (DEFAULT_YEARS - 1);
    if (fromYear > toYear)
      throw new AppError('VALIDATION_FAILED', { field: 'fromYear', message: '起始年份不能晚于截止年份' });
    const years = { fromYear, toYear };
    const [figures, productNames] = await Promise.all([
      repo.figures(db, scope.officeId, years, agencyId),
      claimsReportRepository.productNames(db, scope.officeId),
    ]);
    return { ...years, agencyId, ...assembleFundHealth(figures, { ...years, productNames }) };
  }

  return {
    fundHealth: report,
    async fundHealthWorkbook(actor: Actor, q: FundAsk) {
      const r = await report(actor, q);
      const names = await reportRepository.agencyNames(db, reportScope(actor).officeId);
      const who = r.agencyId ? (names.get(r.agencyId) ?? '') : '全市';
      const body = await writeReportWorkbook(fundHealthSheets(r));
      return { name: `基金运行分析-${who}-${r.fromYear}至${r.toYear}.xlsx`, body };
    },
  };
}
export type FundReportService = ReturnType<typeof createFundReportService>;
