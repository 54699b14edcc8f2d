import { employmentKindLabels } from '../schemas/member.schema.ts';
import type { ExpiringPolicy, RenewalReport, RenewalRow } from '../schemas/report-renewal.schema.ts';
import { col, type ReportColumn, type ReportSheet } from './report-columns.ts';

/**
 * The renewal report from its raw figures: policies that ended in the period and how many of them were renewed
 * (the member's next policy of the same product is continuous — coverage-facts renewedPolicies), per product and
 * employment kind. The server reads the figures from cov_renewal, the plain recomputation from the policies.
 */
export interface RenewalFigureRow {
  productCode: string;
  employmentKind: string;
  ending: number;
  renewed: number;
}

const byKey = (a: RenewalRow, b: RenewalRow) =>
  (a.productCode ?? '').localeCompare(b.productCode ?? '') ||
  (a.employmentKind ?? '').localeCompare(b.employmentKind ?? '');

function rollUp(figures: readonly RenewalFigureRow[], key: (f: RenewalFigureRow) => [string | null, string | null]) {
  const rows = new Map<string, RenewalRow>();
  for (const f of figures) {
    if (f.ending === 0 && f.renewed === 0) continue;
    const [productCode, employmentKind] = key(f);
    const k = `${productCode}|${employmentKind}`;
    let row = rows.get(k);
    if (!row) {
      row = { productCode, employmentKind, ending: 0, renewed: 0, rate: null };
      rows.set(k, row);
    }
    row.ending += f.ending;
    row.renewed += f.renewed;
  }
  for (const row of rows.values()) row.rate = row.ending === 0 ? null : row.renewed / row.ending;
  return [...rows.values()].sort(byKey);
}

export function assembleRenewal(
  figures: readonly RenewalFigureRow[],
  productNames: ReadonlyMap<string, string> = new Map(),
): Pick<RenewalReport, 'byProduct' | 'byEmploymentKind' | 'byProductAndKind' | 'total'> {
  const named = (rows: RenewalRow[]) =>
    rows.map((r) => ({
      ...r,
      productName: r.productCode === null ? null : (productNames.get(r.productCode) ?? r.productCode),
    }));
  return {
    byProduct: named(rollUp(figures, (f) => [f.productCode, null])),
    byEmploymentKind: rollUp(figures, (f) => [null, f.employmentKind]),
    byProductAndKind: named(rollUp(figures, (f) => [f.productCode, f.employmentKind])),
    total: rollUp(figures, () => [null, null])[0] ?? {
      productCode: null,
      employmentKind: null,
      ending: 0,
      renewed: 0,
      rate: null,
    },
  };
}

export const employmentKindLabel = (kind: string | null) =>
  kind === null ? '全部' : (employmentKindLabels[kind as keyof typeof employmentKindLabels] ?? kind);

export const renewalColumns: ReportColumn<RenewalRow>[] = [
  col('productCode', '保障项目', 'Product', 'text', (r) => r.productName ?? r.productCode ?? '全部'),
  col('employmentKind', '人员类别', 'Employment kind', 'text', (r) => employmentKindLabel(r.employmentKind)),
  col('ending', '到期保单数', 'Policies ending', 'int', (r) => r.ending),
  col('renewed', '已续保数', 'Renewed', 'int', (r) => r.renewed),
  col('rate', '续保率', 'Renewal rate', 'ratio', (r) => r.rate),
];

/** The gig workers' own policies' renewal (one row), as a sheet of its own. */
export const gigRenewalColumns: ReportColumn<RenewalRow>[] = [
  col('segment', '范围', 'Segment', 'text', () => '新就业形态劳动者（个人参保、赠险）'),
  ...renewalColumns.slice(2),
];

export function renewalSheets(report: RenewalReport): ReportSheet[] {
  return [
    { name: '分产品', columns: renewalColumns, rows: [...report.byProduct, report.total] },
    ...(report.gig ? [{ name: '新就业形态续保率', columns: gigRenewalColumns, rows: [report.gig] }] : []),
    { name: '分人员类别', columns: renewalColumns, rows: [...report.byEmploymentKind, report.total] },
    { name: '产品×人员类别', columns: renewalColumns, rows: report.byProductAndKind },
  ] as ReportSheet[];
}

export type ExpiringLine = ExpiringPolicy & { agencyName: string };

export const expiringColumns: ReportColumn<ExpiringLine>[] = [
  col('maskedName', '会员姓名', 'Member', 'text', (r) => r.maskedName),
  col('unitName', '单位', 'Unit', 'text', (r) => r.unitName ?? '个人参保'),
  col('agencyName', '工作站（办事处）', 'Agency', 'text', (r) => r.agencyName),
  col('productCode', '保障项目', 'Product', 'text', (r) => r.productName),
  col('endDate', '到期日', 'End date', 'date', (r) => r.endDate),
  col('reminderSentAt', '已发送提醒', 'Reminder sent', 'text', (r) => (r.reminderSentAt ? '是' : '否')),
];
