import { addMonths, monthEnd, type ReliefReport, type ReportSheet, reliefReportColumns } from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { reportAgency, reportScope } from '../access/policy.ts';
import { writeReportWorkbook } from '../adapters/report-workbook.ts';
import type { ServiceDeps } from './service-deps.ts';
import { AppError } from '../errors.ts';
import { reliefRepository as repo } from '../repositories/relief.repository.ts';
import { reportRepository } from '../repositories/report.repository.ts';

/** The relief report by month, agency and category, from the relief-paid summary (never a scan of applications). */
export function createReliefReportService({ db, clock }: Pick<ServiceDeps, 'db' | 'clock'>) {
  return {
    async report(actor: Actor, q: { from?: string; to?: string; agencyId?: string }): Promise<ReliefReport> {
      const scope = reportScope(actor);
      const agencyId = reportAgency(scope, q.agencyId);
      const to = q.to ?? clock.today().slice(0, 7);
      const from = q.from ?? addMonths(`${to}-01`, -11).slice(0, 7);
      if (from > to) throw new AppError('VALIDATION_FAILED', { from, to }, '起始月份不能晚于截止月份');
      const [rows, names] = await Promise.all([
        repo.paidByMonth(db, scope.officeId, `${from}-01`, monthEnd(to), agencyId),
        reportRepository.agencyNames(db, scope.officeId),
      ]);
      const out = rows.map((r) => ({
        month: r.month,
        agencyId: r.agency_id,
        agencyName: r.agency_id ? (names.get(r.agency_id) ?? r.agency_id) : '办事处直办',
        category: r.category,
        count: Number(r.n),
        amountFen: Number(r.amount),
      }));
      const byCat = new Map<string, { category: string; count: number; amountFen: number }>();
      for (const r of out) {
        const c = byCat.get(r.category) ?? { category: r.category, count: 0, amountFen: 0 };
        c.count += r.count;
        c.amountFen += r.amountFen;
        byCat.set(r.category, c);
      }
      return {
        from,
        to,
        agencyId,
        rows: out,
        byCategory: [...byCat.values()],
        total: { count: out.reduce((n, r) => n + r.count, 0), amountFen: out.reduce((n, r) => n + r.amountFen, 0) },
      };
    },

    async workbook(actor: Actor, q: { from?: string; to?: string; agencyId?: string }) {
      const report = await this.report(actor, q);
      const body = await writeReportWorkbook([
        { name: '救助慰问', columns: reliefReportColumns, rows: report.rows },
      ] as ReportSheet[]);
      return { name: `救助慰问统计-${report.from}-${report.to}.xlsx`, body };
    },
  };
}
