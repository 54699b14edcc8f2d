import { col, type ReportColumn } from '../analytics/report-columns.ts';
import type { ExpansionRow } from '../schemas/expansion.schema.ts';

/** A unit's term on a day: members in force, shares summed over its products, products held. */
export interface UnitSnapshot {
  members: number;
  shares: number;
  products: number;
}

/** Enrolled: nothing in force when assigned, something now. Upgraded: more shares per member or more products. */
export function targetOutcome(baseline: UnitSnapshot, now: UnitSnapshot): 'enrolled' | 'upgraded' | null {
  if (baseline.members === 0) return now.members > 0 ? 'enrolled' : null;
  if (now.members === 0) return null;
  if (now.products > baseline.products) return 'upgraded';
  // shares per member compared without division: now.shares / now.members > baseline.shares / baseline.members
  return now.shares * baseline.members > baseline.shares * now.members ? 'upgraded' : null;
}

export const blankExpansionRow = (agencyId: string, agencyName: string): ExpansionRow => ({
  agencyId,
  agencyName,
  targeted: 0,
  contacted: 0,
  contacts: 0,
  interested: 0,
  declined: 0,
  reportedEnrolled: 0,
  enrolled: 0,
  upgraded: 0,
  conversionShare: null,
});

export const expansionColumns: ReportColumn<ExpansionRow>[] = [
  col('agencyName', '代办处', 'Agency', 'text', (r) => r.agencyName),
  col('targeted', '目标单位数', 'Target units', 'int', (r) => r.targeted),
  col('contacted', '已联系单位数', 'Units contacted', 'int', (r) => r.contacted),
  col('contacts', '走访/电话次数', 'Visits and calls', 'int', (r) => r.contacts),
  col('interested', '有意向', 'Interested', 'int', (r) => r.interested),
  col('declined', '拒绝', 'Declined', 'int', (r) => r.declined),
  col('reportedEnrolled', '反馈已参加', 'Reported enrolled', 'int', (r) => r.reportedEnrolled),
  col('enrolled', '新入会单位', 'Newly enrolled', 'int', (r) => r.enrolled),
  col('upgraded', '提档升级单位', 'Upgraded', 'int', (r) => r.upgraded),
  col('conversionShare', '转化率', 'Conversion', 'ratio', (r) => r.conversionShare),
];
