import type { NationalSummary, Summary } from '../schemas/report.schema.ts';
import { col, type ReportColumn, type ReportSheet } from './report-columns.ts';

/** One line of the summary workbook: an office's figures (or the national total) as of a date. */
export type SummaryLine = Omit<Summary, 'asOf'> & { officeName: string };

export const summaryColumns: ReportColumn<SummaryLine>[] = [
  col('officeName', '办事处', 'Office', 'text', (r) => r.officeName),
  col('unitsEver', '累计入会单位', 'Units ever enrolled', 'int', (r) => r.unitsEver),
  col('membersEver', '累计入会会员', 'Members ever enrolled', 'int', (r) => r.membersEver),
  col('activeUnits', '在保单位', 'Active units', 'int', (r) => r.activeUnits),
  col('activeMembers', '在保会员', 'Active members', 'int', (r) => r.activeMembers),
  col('shares', '在保份数', 'Shares in force', 'int', (r) => r.shares),
  col('contributionsFen', '互助金收入（元）', 'Contributions (yuan)', 'fen', (r) => r.contributionsFen),
  col('claimsPaidCount', '累计给付笔数', 'Claims paid', 'int', (r) => r.claimsPaid.count),
  col('claimsPaidFen', '累计给付金额（元）', 'Claims paid (yuan)', 'fen', (r) => r.claimsPaid.amountFen),
  col('reliefPaidCount', '累计帮扶笔数', 'Relief paid', 'int', (r) => r.reliefPaid.count),
  col('reliefPaidFen', '累计帮扶金额（元）', 'Relief paid (yuan)', 'fen', (r) => r.reliefPaid.amountFen),
];

/**
 * The summary as a workbook: one line for an office's summary; for the national view one line per office and the
 * national total (their sum) last.
 */
export function summarySheets(report: Summary | NationalSummary, officeName: string): ReportSheet[] {
  const figures = (s: Summary): Omit<Summary, 'asOf'> => ({
    unitsEver: s.unitsEver,
    membersEver: s.membersEver,
    activeUnits: s.activeUnits,
    activeMembers: s.activeMembers,
    shares: s.shares,
    contributionsFen: s.contributionsFen,
    claimsPaid: s.claimsPaid,
    reliefPaid: s.reliefPaid,
  });
  const lines: SummaryLine[] =
    'offices' in report
      ? [
          ...report.offices.map((o) => ({ ...figures({ ...o, asOf: report.asOf }), officeName: o.officeName })),
          { ...figures(report), officeName: '全国合计' },
        ]
      : [{ ...figures(report), officeName }];
  return [{ name: '汇总', columns: summaryColumns, rows: lines }] as ReportSheet[];
}
