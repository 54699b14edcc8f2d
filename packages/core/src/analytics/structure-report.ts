import type { EnrolmentStructure, StructureRow } from '../schemas/report.schema.ts';
import { categoryLabel, col, type ReportColumn, type ReportSheet } from './report-columns.ts';

/**
 * The enrolment-structure table (入会结构分析表) assembled from its raw figures. The server reads the figures from
 * the summaries; tests and the bench read them from the base tables with plain SQL; both go through here, so the
 * comparison is of the figures, and the arithmetic (coverage, shares per member) is one definition.
 */
export interface UnitFigure {
  agencyId: string;
  category: string;
  knownUnits: number;
  enrolledUnits: number;
  enrolledHeadcount: number;
}
export interface ProductFigure {
  agencyId: string;
  category: string;
  productCode: string;
  policies: number;
  shares: number;
  feeFen: number;
}
export interface StructureFigures {
  units: UnitFigure[];
  products: ProductFigure[];
  /** Distinct members per scope key (coverage-facts memberScope): rows and the total. */
  members: Map<string, number>;
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

/** Rows by category of one agency (agencyId given) or one row per agency (office-wide), plus the total row. */
export function assembleStructure(
  figures: StructureFigures,
  view: { agencyId: string | null; agencyNames: Map<string, string> },
): { rows: StructureRow[]; total: StructureRow } {
  const keyOf = (agencyId: string, category: string) => (view.agencyId ? `${agencyId}|${category}` : agencyId);
  const memberKey = (agencyId: string, category: string) =>
    view.agencyId ? `g:${agencyId}:${category}` : `a:${agencyId}`;
  const rows = new Map<string, StructureRow>();
  const rowOf = (agencyId: string, category: string) => {
    const key = keyOf(agencyId, category);
    let row = rows.get(key);
    if (!row) {
      row = blankRow(agencyId, view.agencyNames.get(agencyId) ?? '', view.agencyId ? category : null);
      row.members = figures.members.get(memberKey(agencyId, category)) ?? 0;
      rows.set(key, row);
    }
    return row;
  };
  for (const u of figures.units) {
    const row = rowOf(u.agencyId, u.category);
    row.knownUnits += u.knownUnits;
    row.enrolledUnits += u.enrolledUnits;
    row.headcount += u.enrolledHeadcount;
  }
  for (const p of figures.products) {
    if (p.policies === 0 && p.shares === 0 && p.feeFen === 0) continue;
    const row = rowOf(p.agencyId, p.category);
    addProduct(row, p);
  }
  const total = blankRow(view.agencyId ?? '', '合计', null);
  total.members = figures.members.get(view.agencyId ? `a:${view.agencyId}` : 'o') ?? 0;
  const sorted = [...rows.values()].sort(
    (a, b) => a.agencyName.localeCompare(b.agencyName, 'zh-CN') || (a.category ?? '').localeCompare(b.category ?? ''),
  );
  for (const row of sorted) {
    total.knownUnits += row.knownUnits;
    total.enrolledUnits += row.enrolledUnits;
    total.headcount += row.headcount;
    for (const p of row.byProduct)
      addProduct(total, {
        productCode: p.productCode,
        policies: p.members,
        shares: p.shares,
        feeFen: p.contributionsFen,
      });
    finish(row);
  }
  finish(total);
  return { rows: sorted, total };
}

function blankRow(agencyId: string, agencyName: string, category: string | null): StructureRow {
  return {
    agencyId,
    agencyName,
    category,
    knownUnits: 0,
    enrolledUnits: 0,
    unitCoverage: null,
    headcount: 0,
    members: 0,
    memberCoverage: null,
    shares: 0,
    sharesPerMember: null,
    contributionsFen: 0,
    byProduct: [],
  };
}

function addProduct(row: StructureRow, p: Pick<ProductFigure, 'productCode' | 'policies' | 'shares' | 'feeFen'>): void {
  row.shares += p.shares;
  row.contributionsFen += p.feeFen;
  let fig = row.byProduct.find((f) => f.productCode === p.productCode);
  if (!fig) {
    fig = { productCode: p.productCode, members: 0, shares: 0, contributionsFen: 0 };
    row.byProduct.push(fig);
  }
  // One policy per member and product is in force at a time (overlapping terms are refused), so policies = members.
  fig.members += p.policies;
  fig.shares += p.shares;
  fig.contributionsFen += p.feeFen;
}

function finish(row: StructureRow): void {
  row.unitCoverage = ratio(row.enrolledUnits, row.knownUnits);
  row.memberCoverage = ratio(row.members, row.headcount);
  row.sharesPerMember = ratio(row.shares, row.members);
  row.byProduct.sort((a, b) => a.productCode.localeCompare(b.productCode));
}

export const structureColumns: ReportColumn<StructureRow>[] = [
  col('agencyName', '工作站（办事处）', 'Agency', 'text', (r) => r.agencyName),
  col('category', '单位类别', 'Unit category', 'text', (r) => categoryLabel(r.category)),
  col('knownUnits', '单位数', 'Known units', 'int', (r) => r.knownUnits),
  col('enrolledUnits', '入会单位数', 'Enrolled units', 'int', (r) => r.enrolledUnits),
  col('unitCoverage', '单位覆盖率', 'Unit coverage', 'ratio', (r) => r.unitCoverage),
  col('headcount', '入会单位职工数', 'Headcount of enrolled units', 'int', (r) => r.headcount),
  col('members', '入会人数', 'Members', 'int', (r) => r.members),
  col('memberCoverage', '职工覆盖率', 'Member coverage', 'ratio', (r) => r.memberCoverage),
  col('shares', '份数', 'Shares', 'int', (r) => r.shares),
  col('sharesPerMember', '人均份数', 'Shares per member', 'decimal', (r) => r.sharesPerMember),
  col('contributionsFen', '互助金（元）', 'Contributions (yuan)', 'fen', (r) => r.contributionsFen),
];

export interface StructureProductLine {
  agencyName: string;
  category: string | null;
  productCode: string;
  productName?: string;
  members: number;
  shares: number;
  contributionsFen: number;
}

export const structureProductColumns: ReportColumn<StructureProductLine>[] = [
  col('agencyName', '工作站（办事处）', 'Agency', 'text', (r) => r.agencyName),
  col('category', '单位类别', 'Unit category', 'text', (r) => categoryLabel(r.category)),
  col('productCode', '保障项目', 'Product', 'text', (r) => r.productName ?? r.productCode),
  col('members', '参保人数', 'Members', 'int', (r) => r.members),
  col('shares', '份数', 'Shares', 'int', (r) => r.shares),
  col('contributionsFen', '互助金（元）', 'Contributions (yuan)', 'fen', (r) => r.contributionsFen),
];

export type NotEnrolledLine = EnrolmentStructure['notEnrolled'][number];

export const notEnrolledColumns: ReportColumn<NotEnrolledLine & { rank: number; agencyName: string }>[] = [
  col('rank', '序号', 'Rank', 'int', (r) => r.rank),
  col('name', '单位名称', 'Unit', 'text', (r) => r.name),
  col('agencyName', '工作站（办事处）', 'Agency', 'text', (r) => r.agencyName),
  col('category', '单位类别', 'Unit category', 'text', (r) => categoryLabel(r.category)),
  col('headcount', '职工人数', 'Headcount', 'int', (r) => r.headcount),
];

export function structureProductLines(
  report: Pick<EnrolmentStructure, 'rows' | 'total' | 'productNames'>,
): StructureProductLine[] {
  return [...report.rows, report.total].flatMap((r) =>
    r.byProduct.map((p) => ({
      agencyName: r.agencyName,
      category: r.category,
      ...p,
      productName: report.productNames?.[p.productCode] ?? p.productCode,
    })),
  );
}

/** The workbook of the structure report: the table (with its total), by product, and the not-enrolled list. */
export function structureSheets(report: EnrolmentStructure, agencyNames: Map<string, string>): ReportSheet[] {
  return [
    { name: '入会结构分析', columns: structureColumns, rows: [...report.rows, report.total] },
    { name: '分产品', columns: structureProductColumns, rows: structureProductLines(report) },
    {
      name: '未入会单位',
      columns: notEnrolledColumns,
      rows: report.notEnrolled.map((u, i) => ({ ...u, rank: i + 1, agencyName: agencyNames.get(u.agencyId) ?? '' })),
    },
  ] as ReportSheet[];
}
