import { DECISION_WORKING_DAYS } from '../claims/claim-workflow.ts';
import { type ErrorCode, errorMessages } from '../errors.ts';
import type { ClaimsOps, ClaimsOpsRow, PaidByProduct, RejectionReason } from '../schemas/report-claims.schema.ts';
import { col, type ReportColumn, type ReportSheet } from './report-columns.ts';

/**
 * The claims-operations report assembled from its raw figures. The server reads them through indexed ranges of the
 * claim table and the claims-paid summary; tests read them the plain way from the base tables; both go through
 * here, so the arithmetic (shares, medians, reason labels) has one definition.
 */

/** A rejection whose assessments gave no refusal code: the reviewer refused what the engine would have paid. */
export const MANUAL_REJECTION = 'MANUAL';

export interface ClaimsOpsFigures {
  received: { agencyId: string; n: number }[];
  /** Decided claims by working days to decision (null when the claim was never accepted). */
  decided: { agencyId: string; days: number | null; n: number }[];
  open: { agencyId: string; backlog: number; overdue: number }[];
  /** One entry per rejected claim decided in the period, with its reason code (rejectionCode). */
  rejections: { agencyId: string; code: string; n: number }[];
  paidByProduct: { productCode: string; claims: number; amountFen: number }[];
  paidTotal: { claims: number; amountFen: number };
}

/** The reason of a rejected claim: its assessments' most frequent refusal code (ties: alphabetical), else MANUAL. */
export function rejectionCode(codes: readonly (string | null)[]): string {
  const counts = new Map<string, number>();
  for (const c of codes) if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
  let best: string | null = null;
  for (const [code, n] of counts) {
    const bestN = best === null ? 0 : counts.get(best)!;
    if (n > bestN || (n === bestN && code < best!)) best = code;
  }
  return best ?? MANUAL_REJECTION;
}

export const rejectionLabel = (code: string): string =>
  code === MANUAL_REJECTION ? '人工审核不予给付' : (errorMessages[code as ErrorCode] ?? code);

/**
 * The median of a histogram (value → count). An even count takes the lower middle value, so the median is always
 * a number of working days some claim actually took ("half were decided within N working days").
 */
export function histogramMedian(histogram: ReadonlyMap<number, number>): number | null {
  const total = [...histogram.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.ceil(total / 2);
  let seen = 0;
  for (const value of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(value)!;
    if (seen >= rank) return value;
  }
  return null;
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

interface Accumulator {
  row: ClaimsOpsRow;
  histogram: Map<number, number>;
}

/** One row per agency of the view (every agency of the office, or the one asked for) and the total. */
export function assembleClaimsOps(
  figures: ClaimsOpsFigures,
  view: { agencyId: string | null; agencyNames: Map<string, string>; productNames: Map<string, string> },
): Pick<ClaimsOps, 'rows' | 'total' | 'rejections' | 'paidByProduct' | 'paidTotal'> {
  const accs = new Map<string, Accumulator>();
  const accOf = (agencyId: string) => {
    let acc = accs.get(agencyId);
    if (!acc) {
      acc = { row: blankRow(agencyId, view.agencyNames.get(agencyId) ?? ''), histogram: new Map() };
      accs.set(agencyId, acc);
    }
    return acc;
  };
  // Every agency has a row on the office view, including those with nothing to count (no claims is a figure too).
  if (view.agencyId !== null) accOf(view.agencyId);
  else for (const id of view.agencyNames.keys()) if (id !== '') accOf(id);
  const total: Accumulator = { row: blankRow(view.agencyId ?? '', '合计'), histogram: new Map() };
  for (const r of figures.received) for (const a of [accOf(r.agencyId), total]) a.row.received += r.n;
  for (const d of figures.decided)
    for (const a of [accOf(d.agencyId), total]) {
      a.row.decided += d.n;
      if (d.days === null) continue;
      if (d.days <= DECISION_WORKING_DAYS) a.row.decidedWithin5 += d.n;
      a.histogram.set(d.days, (a.histogram.get(d.days) ?? 0) + d.n);
    }
  for (const o of figures.open)
    for (const a of [accOf(o.agencyId), total]) {
      a.row.backlog += o.backlog;
      a.row.overdue += o.overdue;
    }
  const finish = (a: Accumulator) => {
    a.row.within5Share = ratio(a.row.decidedWithin5, a.row.decided);
    a.row.medianWorkingDays = histogramMedian(a.histogram);
    return a.row;
  };
  const rows = [...accs.values()]
    .map(finish)
    .sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'zh-CN') || a.agencyId.localeCompare(b.agencyId));

  const byCode = new Map<string, number>();
  for (const r of figures.rejections) byCode.set(r.code, (byCode.get(r.code) ?? 0) + r.n);
  const rejected = [...byCode.values()].reduce((a, b) => a + b, 0);
  const rejections: RejectionReason[] = [...byCode]
    .map(([code, claims]) => ({ code, label: rejectionLabel(code), claims, share: ratio(claims, rejected) }))
    .sort((a, b) => b.claims - a.claims || a.code.localeCompare(b.code));

  const paidByProduct: PaidByProduct[] = figures.paidByProduct
    .filter((p) => p.claims !== 0 || p.amountFen !== 0)
    .map((p) => ({ ...p, productName: view.productNames.get(p.productCode) ?? p.productCode }))
    .sort((a, b) => a.productCode.localeCompare(b.productCode));

  return { rows, total: finish(total), rejections, paidByProduct, paidTotal: figures.paidTotal };
}

function blankRow(agencyId: string, agencyName: string): ClaimsOpsRow {
  return {
    agencyId,
    agencyName,
    received: 0,
    decided: 0,
    decidedWithin5: 0,
    within5Share: null,
    medianWorkingDays: null,
    backlog: 0,
    overdue: 0,
  };
}

export const claimsOpsColumns: ReportColumn<ClaimsOpsRow>[] = [
  col('agencyName', '工作站（办事处）', 'Agency', 'text', (r) => r.agencyName),
  col('received', '受理申领数', 'Claims received', 'int', (r) => r.received),
  col('decided', '审核完成数', 'Claims decided', 'int', (r) => r.decided),
  col('decidedWithin5', '5个工作日内完成数', 'Decided within 5 working days', 'int', (r) => r.decidedWithin5),
  col('within5Share', '5个工作日内完成率', 'Share within 5 working days', 'ratio', (r) => r.within5Share),
  col('medianWorkingDays', '审核用时中位数（工作日）', 'Median working days', 'int', (r) => r.medianWorkingDays),
  col('backlog', '待处理申领数', 'Backlog', 'int', (r) => r.backlog),
  col('overdue', '已超期数', 'Overdue', 'int', (r) => r.overdue),
];

export const rejectionColumns: ReportColumn<RejectionReason>[] = [
  col('code', '原因代码', 'Reason code', 'text', (r) => r.code),
  col('label', '不予给付原因', 'Reason', 'text', (r) => r.label),
  col('claims', '申领数', 'Claims', 'int', (r) => r.claims),
  col('share', '占比', 'Share', 'ratio', (r) => r.share),
];

export const paidByProductColumns: ReportColumn<PaidByProduct>[] = [
  col('productCode', '产品代码', 'Product code', 'text', (r) => r.productCode),
  col('productName', '保障项目', 'Product', 'text', (r) => r.productName),
  col('claims', '给付申领数', 'Claims paid', 'int', (r) => r.claims),
  col('amountFen', '给付金额（元）', 'Benefits paid (yuan)', 'fen', (r) => r.amountFen),
];

/** The workbook: the table with its total, rejection reasons, and payouts by product with the whole-claim total. */
export function claimsOpsSheets(report: ClaimsOps): ReportSheet[] {
  const paidTotal: PaidByProduct = { productCode: '', productName: '合计（每件申领计一次）', ...report.paidTotal };
  return [
    { name: '申领运营', columns: claimsOpsColumns, rows: [...report.rows, report.total] },
    { name: '不予给付原因', columns: rejectionColumns, rows: report.rejections },
    { name: '分产品给付', columns: paidByProductColumns, rows: [...report.paidByProduct, paidTotal] },
  ] as ReportSheet[];
}
