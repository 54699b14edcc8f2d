import {
  addMonths,
  assembleStructure,
  type EnrolmentStructure,
  monthEnd,
  monthRange,
  type ReportSheet,
  type NationalSummary,
  type Summary,
  structureSheets,
  summarySheets,
  type Trends,
  trendColumns,
  trendMonths,
} from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { reportAgency, reportScope, requirePermission, scopeOf } from '../access/policy.ts';
import { writeReportWorkbook } from '../adapters/report-workbook.ts';
import type { ServiceDeps } from './service-deps.ts';
import { AppError } from '../errors.ts';
import { reportRepository as repo } from '../repositories/report.repository.ts';
import { reliefRepository } from '../repositories/relief.repository.ts';
import { claimsReportRepository } from '../repositories/report-claims.repository.ts';

export function createReportService({ reader: db, clock }: ServiceDeps) {
  async function requireAgency(officeId: string, agencyId: string | null) {
    if (agencyId === null) return;
    const found = await db
      .selectFrom('agency')
      .select('id')
      .where('office_id', '=', officeId)
      .where('id', '=', agencyId)
      .executeTakeFirst();
    if (!found) throw new AppError('NOT_FOUND', { agencyId });
  }

  async function summaryOf(officeId: string, asOf: string, agencyId: string | null): Promise<Summary> {
    const [members, units, unitsEver, products, claimsPaid, reliefPaid] = await Promise.all([
      repo.memberSums(db, officeId, asOf, agencyId),
      repo.unitSums(db, officeId, asOf, agencyId),
      repo.unitsEver(db, officeId, asOf, agencyId),
      repo.productSums(db, officeId, asOf, agencyId),
      repo.claimsPaid(db, officeId, asOf, agencyId),
      // Relief (product.md §6) paid up to the date, from its day-keyed summary (relief_paid_daily).
      reliefRepository.paidUpTo(db, officeId, asOf, agencyId),
    ]);
    return {
      asOf,
      unitsEver,
      membersEver: members.ever.get(members.total) ?? 0,
      activeUnits: units.reduce((n, u) => n + u.enrolledUnits, 0),
      activeMembers: members.active.get(members.total) ?? 0,
      shares: products.reduce((n, p) => n + p.shares, 0),
      contributionsFen: products.reduce((n, p) => n + p.feeFen, 0),
      claimsPaid,
      reliefPaid,
    };
  }

  return {
    async summary(actor: Actor, asOfAsked?: string): Promise<Summary> {
      const scope = reportScope(actor);
      const agencyId = reportAgency(scope, undefined);
      return summaryOf(scope.officeId, asOfAsked ?? clock.today(), agencyId);
    },

    /** The national viewer: every office's summary side by side and the national totals (their sum). */
    async nationalSummary(actor: Actor, asOfAsked?: string): Promise<NationalSummary> {
      requirePermission(actor, 'report.national');
      const asOf = asOfAsked ?? clock.today();
      const offices = await db.selectFrom('office').select(['id', 'name']).orderBy('code').execute();
      const rows: NationalSummary['offices'] = [];
      for (const o of offices) {
        const { asOf: _a, ...figures } = await summaryOf(o.id, asOf, null);
        rows.push({ officeId: o.id, officeName: o.name, ...figures });
      }
      const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + f(r), 0);
      return {
        scope: 'national',
        asOf,
        unitsEver: sum((r) => r.unitsEver),
        membersEver: sum((r) => r.membersEver),
        activeUnits: sum((r) => r.activeUnits),
        activeMembers: sum((r) => r.activeMembers),
        shares: sum((r) => r.shares),
        contributionsFen: sum((r) => r.contributionsFen),
        claimsPaid: { count: sum((r) => r.claimsPaid.count), amountFen: sum((r) => r.claimsPaid.amountFen) },
        reliefPaid: { count: sum((r) => r.reliefPaid.count), amountFen: sum((r) => r.reliefPaid.amountFen) },
        offices: rows,
      };
    },

    /** The summary as a workbook: the office's line, or every office and the national total for scope=national. */
    async summaryWorkbook(actor: Actor, q: { asOf?: string; scope?: 'national' }) {
      const report =
        q.scope === 'national' ? await this.nationalSummary(actor, q.asOf) : await this.summary(actor, q.asOf);
      let who = '全国';
      if (q.scope !== 'national') {
        const scope = scopeOf(actor);
        const office = await db.selectFrom('office').select('name').where('id', '=', scope.officeId).executeTakeFirst();
        const agencyId = reportAgency(reportScope(actor), undefined);
        const names = agencyId ? await repo.agencyNames(db, scope.officeId) : null;
        who = (agencyId ? names?.get(agencyId) : office?.name) ?? '';
      }
      const body = await writeReportWorkbook(summarySheets(report, who));
      return { name: `汇总-${who}-${report.asOf}.xlsx`, body };
    },

    async structure(
      actor: Actor,
      q: { asOf?: string; agencyId?: string; notEnrolledLimit: number },
      all = false,
    ): Promise<EnrolmentStructure> {
      const scope = reportScope(actor);
      const agencyId = reportAgency(scope, q.agencyId);
      await requireAgency(scope.officeId, agencyId);
      const asOf = q.asOf ?? clock.today();
      const [members, units, products, agencyNames, notEnrolled, productNames] = await Promise.all([
        repo.memberSums(db, scope.officeId, asOf, agencyId),
        repo.unitSums(db, scope.officeId, asOf, agencyId),
        repo.productSums(db, scope.officeId, asOf, agencyId),
        repo.agencyNames(db, scope.officeId),
        repo.notEnrolled(db, scope.officeId, asOf, agencyId, all ? null : q.notEnrolledLimit),
        claimsReportRepository.productNames(db, scope.officeId),
      ]);
      const { rows, total } = assembleStructure(
        { units, products, members: members.active },
        { agencyId, agencyNames },
      );
      return {
        asOf,
        agencyId,
        rows,
        total,
        notEnrolled: notEnrolled.items,
        notEnrolledTotal: notEnrolled.total,
        productNames: Object.fromEntries(productNames),
      };
    },

    async trends(actor: Actor, q: { from?: string; to?: string }): Promise<Trends> {
      const scope = reportScope(actor);
      const agencyId = reportAgency(scope, undefined);
      const today = clock.today();
      const to = q.to ?? today.slice(0, 7);
      const from = q.from ?? addMonths(`${to}-01`, -23).slice(0, 7);
      if (from > to) throw new AppError('VALIDATION_FAILED', { from, to }, '起始月份不能晚于截止月份');
      const months = monthRange(from, to);
      if (months.length > 120) throw new AppError('VALIDATION_FAILED', { from, to }, '一次最多查询 120 个月');
      const last = [monthEnd(to), today].sort()[0]!;
      const deltas = await repo.trendDeltas(db, scope.officeId, last, agencyId);
      return { agencyId, months: trendMonths(months, today, deltas) };
    },

    async trendsWorkbook(actor: Actor, q: { from?: string; to?: string }) {
      const report = await this.trends(actor, q);
      const body = await writeReportWorkbook([
        { name: '月度趋势', columns: trendColumns, rows: report.months },
      ] as ReportSheet[]);
      return { name: `月度趋势-${report.months[0]?.month ?? ''}-${report.months.at(-1)?.month ?? ''}.xlsx`, body };
    },

    async structureWorkbook(actor: Actor, q: { asOf?: string; agencyId?: string; notEnrolledLimit: number }) {
      const report = await this.structure(actor, q, true);
      const names = await repo.agencyNames(db, scopeOf(actor).officeId);
      const body = await writeReportWorkbook(structureSheets(report, names));
      const who = report.agencyId ? (names.get(report.agencyId) ?? '') : '全市';
      return { name: `入会结构分析表-${who}-${report.asOf}.xlsx`, body };
    },
  };
}
export type ReportService = ReturnType<typeof createReportService>;
