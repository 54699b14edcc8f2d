import type { TrendMonth } from '../schemas/report.schema.ts';
import { addDays, daysInMonth, type IsoDate } from '../time/dates.ts';
import { col, type ReportColumn } from './report-columns.ts';

/** Day-keyed deltas of the running figures and the flows, as the summaries hold them (sorted or not). */
export interface TrendDeltas {
  members: { day: IsoDate; active: number; ever: number }[];
  policies: { day: IsoDate; shares: number; feeFen: number; startedFeeFen: number }[];
  units: { day: IsoDate; delta: number }[];
  claimsPaid: { day: IsoDate; claims: number; amountFen: number }[];
  /** Relief (救助慰问) paid per day; absent reads as none. */
  reliefPaid?: { day: IsoDate; count: number; amountFen: number }[];
}

/** The months from `from` to `to` (YYYY-MM, inclusive). */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

export const monthEnd = (month: string): IsoDate => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
};

/**
 * Month by month: running figures on the month's last day (today for the running month), flows within the month.
 * One pass over each sorted delta list: the cost is the number of delta days, not of policies.
 */
export function trendMonths(months: readonly string[], today: IsoDate, d: TrendDeltas): TrendMonth[] {
  const byDay = <T extends { day: IsoDate }>(rows: readonly T[]) => [...rows].sort((a, b) => (a.day < b.day ? -1 : 1));
  const members = byDay(d.members);
  const policies = byDay(d.policies);
  const units = byDay(d.units);
  const paid = byDay(d.claimsPaid);
  const relief = byDay(d.reliefPaid ?? []);
  let ri = 0;
  let mi = 0;
  let pi = 0;
  let ui = 0;
  let ci = 0;
  const run = { active: 0, shares: 0, fee: 0, units: 0 };
  const out: TrendMonth[] = [];
  for (const month of months) {
    const first = `${month}-01`;
    const end = monthEnd(month);
    const asOf = end > today ? today : end;
    if (first > today) break;
    const flow = { ever: 0, started: 0, claims: 0, amount: 0, relief: 0, reliefAmount: 0 };
    for (; mi < members.length && members[mi]!.day <= asOf; mi++) {
      const r = members[mi]!;
      run.active += r.active;
      if (r.day >= first) flow.ever += r.ever;
    }
    for (; pi < policies.length && policies[pi]!.day <= asOf; pi++) {
      const r = policies[pi]!;
      run.shares += r.shares;
      run.fee += r.feeFen;
      if (r.day >= first) flow.started += r.startedFeeFen;
    }
    for (; ui < units.length && units[ui]!.day <= asOf; ui++) run.units += units[ui]!.delta;
    for (; ci < paid.length && paid[ci]!.day <= asOf; ci++) {
      const r = paid[ci]!;
      if (r.day >= first) {
        flow.claims += r.claims;
        flow.amount += r.amountFen;
      }
    }
    for (; ri < relief.length && relief[ri]!.day <= asOf; ri++) {
      const r = relief[ri]!;
      if (r.day >= first) {
        flow.relief += r.count;
        flow.reliefAmount += r.amountFen;
      }
    }
    out.push({
      month,
      asOf,
      activeUnits: run.units,
      activeMembers: run.active,
      shares: run.shares,
      contributionsFen: run.fee,
      newMembers: flow.ever,
      startedContributionsFen: flow.started,
      claimsPaid: { count: flow.claims, amountFen: flow.amount },
      reliefPaid: { count: flow.relief, amountFen: flow.reliefAmount },
    });
  }
  return out;
}

/** Unit spans as +1 on the first day and −1 the day after the last (spans of one unit never overlap). */
export const spanDeltas = (spans: readonly { from: IsoDate; to: IsoDate }[]) =>
  spans.flatMap((s) => [
    { day: s.from, delta: 1 },
    { day: addDays(s.to, 1), delta: -1 },
  ]);

export const trendColumns: ReportColumn<TrendMonth>[] = [
  col('month', '月份', 'Month', 'text', (r) => r.month),
  col('asOf', '统计日', 'As of', 'date', (r) => r.asOf),
  col('activeUnits', '在保单位数', 'Active units', 'int', (r) => r.activeUnits),
  col('activeMembers', '在保会员数', 'Active members', 'int', (r) => r.activeMembers),
  col('shares', '在保份数', 'Shares in force', 'int', (r) => r.shares),
  col('contributionsFen', '在保互助金（元）', 'Contributions in force (yuan)', 'fen', (r) => r.contributionsFen),
  col('newMembers', '新增会员', 'New members', 'int', (r) => r.newMembers),
  col(
    'startedContributionsFen',
    '当月新缴互助金（元）',
    'Contributions started (yuan)',
    'fen',
    (r) => r.startedContributionsFen,
  ),
  col('claimsPaidCount', '当月给付笔数', 'Claims paid', 'int', (r) => r.claimsPaid.count),
  col('claimsPaidFen', '当月给付金额（元）', 'Paid (yuan)', 'fen', (r) => r.claimsPaid.amountFen),
  col('reliefPaidCount', '当月救助慰问笔数', 'Relief paid', 'int', (r) => r.reliefPaid.count),
  col('reliefPaidFen', '当月救助慰问金额（元）', 'Relief paid (yuan)', 'fen', (r) => r.reliefPaid.amountFen),
];
