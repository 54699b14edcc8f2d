import type { FundHealth, FundHealthRow } from '../schemas/report-fund.schema.ts';
import { col, type ReportColumn, type ReportSheet } from './report-columns.ts';

/**
 * The fund-health table assembled from its raw figures (summaries on requests, base tables in tests): per year and
 * product, what came in (fees of the policies that started in the year) against what went out (benefits paid in
 * the year, by China date of payment).
 */
export interface FundFigures {
  started: { year: number; productCode: string; policies: number; feeFen: number }[];
  /** Per product: a claim paying on two products counts in both, with its part of the amount. */
  paid: { year: number; productCode: string; claims: number; amountFen: number }[];
  /** Whole claims, each counted once (the year totals). */
  paidTotal: { year: number; claims: number; amountFen: number }[];
  /** Relief paid per year (by China date of payment); on the year totals only, outside the loss ratio. */
  reliefPaid?: { year: number; count: number; amountFen: number }[];
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

export function assembleFundHealth(
  figures: FundFigures,
  view: { fromYear: number; toYear: number; productNames: Map<string, string> },
): Pick<FundHealth, 'rows' | 'totals'> {
  const rows = new Map<string, FundHealthRow>();
  const rowOf = (year: number, productCode: string) => {
    const key = `${year}|${productCode}`;
    let row = rows.get(key);
    if (!row) {
      row = blankRow(year, productCode, view.productNames.get(productCode) ?? productCode);
      rows.set(key, row);
    }
    return row;
  };
  const totals = new Map<number, FundHealthRow>();
  for (let y = view.fromYear; y <= view.toYear; y++) totals.set(y, blankRow(y, null, '合计'));
  const inRange = (year: number) => totals.has(year);
  for (const s of figures.started) {
    if (!inRange(s.year) || (s.policies === 0 && s.feeFen === 0)) continue;
    const row = rowOf(s.year, s.productCode);
    row.policiesStarted += s.policies;
    row.contributionsFen += s.feeFen;
    totals.get(s.year)!.policiesStarted += s.policies;
    totals.get(s.year)!.contributionsFen += s.feeFen;
  }
  for (const p of figures.paid) {
    if (!inRange(p.year) || (p.claims === 0 && p.amountFen === 0)) continue;
    const row = rowOf(p.year, p.productCode);
    row.claimsPaid += p.claims;
    row.benefitsPaidFen += p.amountFen;
  }
  for (const p of figures.paidTotal) {
    if (!inRange(p.year)) continue;
    totals.get(p.year)!.claimsPaid += p.claims;
    totals.get(p.year)!.benefitsPaidFen += p.amountFen;
  }
  for (const t of totals.values()) {
    t.reliefPaid = 0;
    t.reliefPaidFen = 0;
  }
  for (const r of figures.reliefPaid ?? []) {
    const t = totals.get(r.year);
    if (!t) continue;
    t.reliefPaid! += r.count;
    t.reliefPaidFen! += r.amountFen;
  }
  const finish = (r: FundHealthRow) => {
    r.lossRatio = ratio(r.benefitsPaidFen, r.contributionsFen);
    return r;
  };
  return {
    rows: [...rows.values()]
      .map(finish)
      .sort((a, b) => a.year - b.year || (a.productCode ?? '').localeCompare(b.productCode ?? '')),
    totals: [...totals.values()].map(finish),
  };
}

function blankRow(year: number, productCode: string | null, productName: string): FundHealthRow {
  return {
    year,
    productCode,
    productName,
    policiesStarted: 0,
    contributionsFen: 0,
    claimsPaid: 0,
    benefitsPaidFen: 0,
    lossRatio: null,
    reliefPaid: null,
    reliefPaidFen: null,
  };
}

export const fundHealthColumns: ReportColumn<FundHealthRow>[] = [
  col('year', '年度', 'Year', 'text', (r) => String(r.year)),
  col('productCode', '产品代码', 'Product code', 'text', (r) => r.productCode ?? ''),
  col('productName', '保障项目', 'Product', 'text', (r) => r.productName),
  col('policiesStarted', '新起保单数', 'Policies started', 'int', (r) => r.policiesStarted),
  col('contributionsFen', '互助金收入（元）', 'Contributions (yuan)', 'fen', (r) => r.contributionsFen),
  col('claimsPaid', '给付件数', 'Claims paid', 'int', (r) => r.claimsPaid),
  col('benefitsPaidFen', '给付金额（元）', 'Benefits paid (yuan)', 'fen', (r) => r.benefitsPaidFen),
  col('lossRatio', '赔付率', 'Loss ratio', 'ratio', (r) => r.lossRatio),
  col('reliefPaid', '救助慰问笔数', 'Relief paid', 'int', (r) => r.reliefPaid),
  col('reliefPaidFen', '救助慰问金额（元）', 'Relief paid (yuan)', 'fen', (r) => r.reliefPaidFen),
];

/** Rows of the screen and the workbook: each year's products followed by the year's total. */
export function fundHealthLines(report: Pick<FundHealth, 'rows' | 'totals'>): FundHealthRow[] {
  return report.totals.flatMap((t) => [...report.rows.filter((r) => r.year === t.year), t]);
}

export function fundHealthSheets(report: FundHealth): ReportSheet[] {
  return [{ name: '基金运行', columns: fundHealthColumns, rows: fundHealthLines(report) }] as ReportSheet[];
}
