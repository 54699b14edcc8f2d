import { reportAgency, reportScope } from '../access/policy.ts';
import {
  addDays,
  addMonths,
  assembleRenewal,
  type ExpiringPage,
  expiringColumns,
  GIG_CATEGORY,
  maskName,
  type RenewalReport,
  type ReportSheet,
  renewalSheets,
} from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { writeReportWorkbook } from '../adapters/report-workbook.ts';
import type { ServiceDeps } from './service-deps.ts';
import { AppError } from '../errors.ts';
import { claimsReportRepository } from '../repositories/report-claims.repository.ts';
import { reportRepository } from '../repositories/report.repository.ts';
import { renewalRepository as repo } from '../repositories/report-renewal.repository.ts';

export interface ExpiringAsk {
  days: number;
  agencyId?: string;
  page: number;
  pageSize: number;
}

export function createRenewalReportService({ reader: db, clock }: ServiceDeps) {
  async function expiringPage(actor: Actor, q: ExpiringAsk, all: boolean): Promise<ExpiringPage> {
    const scope = reportScope(actor);
    const agencyId = reportAgency(scope, q.agencyId);
    const from = clock.today();
    const to = addDays(from, q.days);
    const offset = all ? 0 : (q.page - 1) * q.pageSize;
    const [{ items, total }, productNames] = await Promise.all([
      repo.expiring(db, scope.officeId, from, to, agencyId, { offset, limit: all ? null : q.pageSize }),
      claimsReportRepository.productNames(db, scope.officeId),
    ]);
    return {
      from,
      to,
      items: items.map((r) => ({
        policyId: r.id,
        // Lists show names masked (PIPL: minimum necessary); the member's page shows the rest to those who may see it.
        maskedName: maskName(r.name),
        unitId: r.unit_id,
        unitName: r.unit_name,
        agencyId: r.agency_id,
        productCode: r.product_code,
        productName: productNames.get(r.product_code) ?? r.product_code,
        endDate: r.end_date,
        reminderSentAt: r.sent_at,
      })),
      total,
      page: all ? 1 : q.page,
      pageSize: all ? total : q.pageSize,
    };
  }

  return {
    /** Policies that ended in [from, to] (default: the twelve months up to today) and how many were renewed. */
    async report(actor: Actor, q: { from?: string; to?: string; agencyId?: string }): Promise<RenewalReport> {
      const scope = reportScope(actor);
      const agencyId = reportAgency(scope, q.agencyId);
      const to = q.to ?? clock.today();
      const from = q.from ?? addDays(addMonths(to, -12), 1);
      if (from > to) throw new AppError('VALIDATION_FAILED', { field: 'from' }, '开始日期不能晚于结束日期');
      const [figures, productNames, gig] = await Promise.all([
        repo.figures(db, scope.officeId, from, to, agencyId),
        claimsReportRepository.productNames(db, scope.officeId),
        repo.categoryFigure(db, scope.officeId, GIG_CATEGORY, from, to, agencyId),
      ]);
      return {
        from,
        to,
        agencyId,
        ...assembleRenewal(figures, productNames),
        gig: {
          productCode: null,
          productName: null,
          employmentKind: 'gig',
          ...gig,
          rate: gig.ending === 0 ? null : gig.renewed / gig.ending,
        },
      };
    },

    async reportWorkbook(actor: Actor, q: { from?: string; to?: string; agencyId?: string }) {
      const report = await this.report(actor, q);
      const body = await writeReportWorkbook(renewalSheets(report));
      return { name: `续保分析-${report.from}至${report.to}.xlsx`, body };
    },

    expiring: (actor: Actor, q: ExpiringAsk) => expiringPage(actor, q, false),

    /** Every policy of the list (not one page), with agency names. */
    async expiringWorkbook(actor: Actor, q: ExpiringAsk) {
      const list = await expiringPage(actor, q, true);
      const names = await reportRepository.agencyNames(db, reportScope(actor).officeId);
      const sheet = {
        name: '即将到期',
        columns: expiringColumns,
        rows: list.items.map((r) => ({ ...r, agencyName: names.get(r.agencyId) ?? '' })),
      } as ReportSheet;
      const body = await writeReportWorkbook([sheet]);
      return { name: `即将到期保单-${list.from}至${list.to}.xlsx`, body };
    },
  };
}
export type RenewalReportService = ReturnType<typeof createRenewalReportService>;
