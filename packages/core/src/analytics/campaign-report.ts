import type { Campaign, CampaignReport, CampaignRow } from '../schemas/report-campaign.schema.ts';
import { addDays } from '../time/dates.ts';
import { col, type ReportColumn, type ReportSheet } from './report-columns.ts';

/**
 * The campaign report (扩面提质专项行动) from unit terms. A term is a unit's policies with the same start and end
 * dates: the '*' row holds its distinct members, shares and fees, one row per product says which products it has.
 * The server reads terms from cov_unit_term, the plain recomputation groups the policies itself; both come here,
 * so the definitions (docs/decisions.md, "Reports — campaigns and renewal") live in one place.
 */
export interface UnitTerm {
  unitId: string;
  /** The unit's agency now (report key, as every report). */
  agencyId: string;
  /** '*' for the whole term. */
  productCode: string;
  startDay: string;
  endDay: string;
  members: number;
  shares: number;
  feeFen: number;
}

export interface UnitOutcome {
  unitId: string;
  agencyId: string;
  isNew: boolean;
  upgraded: boolean;
  members: number;
  feeFen: number;
  membersAdded: number;
  contributionsAddedFen: number;
}

interface TermSum {
  members: number;
  shares: number;
  feeFen: number;
  products: number;
}

function sumTerms(all: readonly UnitTerm[], picked: readonly UnitTerm[]): TermSum {
  const dates = new Set(picked.map((t) => `${t.startDay}|${t.endDay}`));
  const products = new Set(
    all.filter((t) => t.productCode !== '*' && dates.has(`${t.startDay}|${t.endDay}`)).map((t) => t.productCode),
  );
  return {
    members: picked.reduce((n, t) => n + t.members, 0),
    shares: picked.reduce((n, t) => n + t.shares, 0),
    feeFen: picked.reduce((n, t) => n + t.feeFen, 0),
    products: products.size,
  };
}

/**
 * One unit's part in a campaign period, from all its terms that started before the period ended; null when no term
 * of the unit starts in the period. New: the unit's first term starts in the period. Upgraded (not new): the
 * period's terms carry more shares per member or more products than the previous term — the terms in force the day
 * before the first period term started, or, after a lapse, the ones that ended last before it.
 */
export function unitOutcome(terms: readonly UnitTerm[], from: string, to: string): UnitOutcome | null {
  const whole = terms.filter((t) => t.productCode === '*');
  const inPeriod = whole.filter((t) => t.startDay >= from && t.startDay <= to);
  if (inPeriod.length === 0) return null;
  const first = inPeriod.map((t) => t.startDay).sort()[0]!;
  const earlier = whole.filter((t) => t.startDay < first);
  const dayBefore = addDays(first, -1);
  let previous = earlier.filter((t) => t.endDay >= dayBefore);
  if (previous.length === 0 && earlier.length > 0) {
    const lastEnd = earlier
      .map((t) => t.endDay)
      .sort()
      .at(-1);
    previous = earlier.filter((t) => t.endDay === lastEnd);
  }
  const now = sumTerms(terms, inPeriod);
  const isNew = !whole.some((t) => t.startDay < from);
  const before = previous.length > 0 ? sumTerms(terms, previous) : null;
  // Shares per member compared without division: a/b > c/d ⇔ a·d > c·b (members are never 0 on a term).
  const upgraded =
    !isNew &&
    before !== null &&
    (now.shares * before.members > before.shares * now.members || now.products > before.products);
  return {
    unitId: inPeriod[0]!.unitId,
    agencyId: inPeriod[0]!.agencyId,
    isNew,
    upgraded,
    members: now.members,
    feeFen: now.feeFen,
    membersAdded: isNew ? now.members : upgraded ? Math.max(0, now.members - before!.members) : 0,
    contributionsAddedFen: isNew ? now.feeFen : upgraded ? Math.max(0, now.feeFen - before!.feeFen) : 0,
  };
}

/** Every unit's outcome, from the terms of all units (grouped here). */
export function unitOutcomes(terms: readonly UnitTerm[], from: string, to: string): UnitOutcome[] {
  const byUnit = new Map<string, UnitTerm[]>();
  for (const t of terms) {
    const list = byUnit.get(t.unitId);
    if (list) list.push(t);
    else byUnit.set(t.unitId, [t]);
  }
  const out: UnitOutcome[] = [];
  for (const list of byUnit.values()) {
    const o = unitOutcome(list, from, to);
    if (o) out.push(o);
  }
  return out;
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

function blankRow(agencyId: string, agencyName: string): CampaignRow {
  return {
    agencyId,
    agencyName,
    unitsNew: 0,
    unitsUpgraded: 0,
    unitsImproved: 0,
    membersAdded: 0,
    contributionsAddedFen: 0,
    periodUnits: 0,
    periodMembers: 0,
    periodContributionsFen: 0,
    unitsShare: null,
    membersShare: null,
    contributionsShare: null,
    unitsProgress: null,
    membersProgress: null,
    contributionsProgress: null,
  };
}

function add(row: CampaignRow, o: UnitOutcome | CampaignRow): void {
  if ('isNew' in o) {
    row.unitsNew += o.isNew ? 1 : 0;
    row.unitsUpgraded += o.upgraded ? 1 : 0;
    row.membersAdded += o.membersAdded;
    row.contributionsAddedFen += o.contributionsAddedFen;
    row.periodUnits += 1;
    row.periodMembers += o.members;
    row.periodContributionsFen += o.feeFen;
  } else {
    row.unitsNew += o.unitsNew;
    row.unitsUpgraded += o.unitsUpgraded;
    row.membersAdded += o.membersAdded;
    row.contributionsAddedFen += o.contributionsAddedFen;
    row.periodUnits += o.periodUnits;
    row.periodMembers += o.periodMembers;
    row.periodContributionsFen += o.periodContributionsFen;
  }
}

function finish(row: CampaignRow, targets: Campaign['targets']): void {
  row.unitsImproved = row.unitsNew + row.unitsUpgraded;
  row.unitsShare = ratio(row.unitsImproved, row.periodUnits);
  row.membersShare = ratio(row.membersAdded, row.periodMembers);
  row.contributionsShare = ratio(row.contributionsAddedFen, row.periodContributionsFen);
  // An agency row's progress is its part of the campaign's (office-wide) target.
  row.unitsProgress = ratio(row.unitsImproved, targets.units);
  row.membersProgress = ratio(row.membersAdded, targets.members);
  row.contributionsProgress = ratio(row.contributionsAddedFen, targets.contributionsFen);
}

/** One row per agency shown (zeros included), sorted by name, and the total row. */
export function assembleCampaign(
  campaign: Campaign,
  outcomes: readonly UnitOutcome[],
  view: { agencyIds: readonly string[]; agencyNames: Map<string, string> },
): Pick<CampaignReport, 'rows' | 'total'> {
  const rows = new Map(view.agencyIds.map((id) => [id, blankRow(id, view.agencyNames.get(id) ?? '')]));
  for (const o of outcomes) {
    const row = rows.get(o.agencyId);
    if (row) add(row, o);
  }
  const sorted = [...rows.values()].sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'zh-CN'));
  const total = blankRow(view.agencyIds.length === 1 ? view.agencyIds[0]! : '', '合计');
  for (const row of sorted) {
    add(total, row);
    finish(row, campaign.targets);
  }
  finish(total, campaign.targets);
  return { rows: sorted, total };
}

export const campaignColumns: ReportColumn<CampaignRow>[] = [
  col('agencyName', '工作站（办事处）', 'Agency', 'text', (r) => r.agencyName),
  col('unitsNew', '新入会单位数', 'Units newly enrolled', 'int', (r) => r.unitsNew),
  col('unitsUpgraded', '提档升级单位数', 'Units upgraded', 'int', (r) => r.unitsUpgraded),
  col('unitsImproved', '提升保障单位数', 'Units improved', 'int', (r) => r.unitsImproved),
  col('membersAdded', '增加会员数', 'Members added', 'int', (r) => r.membersAdded),
  col('contributionsAddedFen', '增加金额（元）', 'Contributions added (yuan)', 'fen', (r) => r.contributionsAddedFen),
  col('periodUnits', '同期入会单位数', 'Units enrolled in period', 'int', (r) => r.periodUnits),
  col('periodMembers', '同期会员数', 'Members in period', 'int', (r) => r.periodMembers),
  col(
    'periodContributionsFen',
    '同期金额（元）',
    'Contributions in period (yuan)',
    'fen',
    (r) => r.periodContributionsFen,
  ),
  col('unitsShare', '单位占比', 'Share of units', 'ratio', (r) => r.unitsShare),
  col('membersShare', '会员占比', 'Share of members', 'ratio', (r) => r.membersShare),
  col('contributionsShare', '金额占比', 'Share of contributions', 'ratio', (r) => r.contributionsShare),
  col('unitsProgress', '单位目标完成率', 'Units vs target', 'ratio', (r) => r.unitsProgress),
  col('membersProgress', '会员目标完成率', 'Members vs target', 'ratio', (r) => r.membersProgress),
  col('contributionsProgress', '金额目标完成率', 'Contributions vs target', 'ratio', (r) => r.contributionsProgress),
];

export function campaignSheets(report: CampaignReport): ReportSheet[] {
  return [{ name: '专项行动', columns: campaignColumns, rows: [...report.rows, report.total] }] as ReportSheet[];
}
