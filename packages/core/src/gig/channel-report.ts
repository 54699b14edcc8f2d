import { col, type ReportColumn, type ReportSheet } from '../analytics/report-columns.ts';
import type { ChannelFunnel, ChannelReport, ChannelReportGrouping } from '../schemas/gig.schema.ts';
import { channelKindLabels, type ChannelKind } from './gig-enrolment.ts';

export interface ChannelFunnelRow {
  channelId: string;
  name: string;
  kind: ChannelKind;
  agencyId?: string | null;
  agencyName: string | null;
  registrations: number;
  verified: number;
  enrolments: number;
  paid: number;
  gifts: number;
  feeFen: number;
}

/** Channels of no agency belong to the office itself. */
export const OFFICE_CHANNELS_LABEL = '办事处直属';

/** The channel report's columns, shared by the console table and the xlsx export. */
export const channelReportColumns: readonly ReportColumn<ChannelFunnelRow>[] = [
  col('name', '渠道', 'Channel', 'text', (r) => r.name),
  col('kind', '类型', 'Kind', 'text', (r) => channelKindLabels[r.kind]),
  col('agencyName', '代办处', 'Agency', 'text', (r) => r.agencyName ?? OFFICE_CHANNELS_LABEL),
  col('registrations', '注册', 'Registrations', 'int', (r) => r.registrations),
  col('verified', '实名认证', 'Verified', 'int', (r) => r.verified),
  col('enrolments', '下单', 'Orders', 'int', (r) => r.enrolments),
  col('paid', '已支付', 'Paid', 'int', (r) => r.paid),
  col('gifts', '赠险', 'Gifts', 'int', (r) => r.gifts),
  col('feeFen', '保费（元）', 'Fees', 'fen', (r) => r.feeFen),
];

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

/** A group's columns (per agency or kind, and the total): the funnel with its conversion from registration to paid. */
export const channelFunnelColumns: readonly ReportColumn<ChannelFunnel>[] = [
  col('label', '分组', 'Group', 'text', (r) => r.label),
  col('channels', '渠道数', 'Channels', 'int', (r) => r.channels),
  col('registrations', '注册', 'Registrations', 'int', (r) => r.registrations),
  col('verified', '实名认证', 'Verified', 'int', (r) => r.verified),
  col('enrolments', '下单', 'Orders', 'int', (r) => r.enrolments),
  col('paid', '已支付', 'Paid', 'int', (r) => r.paid),
  col('gifts', '赠险', 'Gifts', 'int', (r) => r.gifts),
  col('feeFen', '保费（元）', 'Fees', 'fen', (r) => r.feeFen),
  col('conversion', '注册→支付转化率', 'Registration → paid', 'ratio', (r) => ratio(r.paid, r.registrations)),
];

const blank = (key: string, label: string): ChannelFunnel => ({
  key,
  label,
  channels: 0,
  registrations: 0,
  verified: 0,
  enrolments: 0,
  paid: 0,
  gifts: 0,
  feeFen: 0,
});

function add(into: ChannelFunnel, r: ChannelFunnelRow) {
  into.channels += 1;
  into.registrations += r.registrations;
  into.verified += r.verified;
  into.enrolments += r.enrolments;
  into.paid += r.paid;
  into.gifts += r.gifts;
  into.feeFen += r.feeFen;
}

/**
 * The channel rows added up per channel, agency or kind, and the total: the funnel registrations → real-name verified
 * → orders → paid, with gifts and fees beside it. Groups sorted by paid, then registrations (the busiest first).
 */
export function groupChannelFunnel(
  rows: readonly ChannelFunnelRow[],
  groupBy: ChannelReportGrouping,
): { groups: ChannelFunnel[]; total: ChannelFunnel } {
  const groups = new Map<string, ChannelFunnel>();
  const total = blank('total', '合计');
  for (const r of rows) {
    const [key, label] =
      groupBy === 'agency'
        ? [r.agencyId ?? '', r.agencyName ?? OFFICE_CHANNELS_LABEL]
        : groupBy === 'kind'
          ? [r.kind, channelKindLabels[r.kind]]
          : [r.channelId, r.name];
    let g = groups.get(key);
    if (!g) {
      g = blank(key, label);
      groups.set(key, g);
    }
    add(g, r);
    add(total, r);
  }
  const sorted = [...groups.values()].sort(
    (a, b) => b.paid - a.paid || b.registrations - a.registrations || a.label.localeCompare(b.label, 'zh-CN'),
  );
  return { groups: sorted, total };
}

const groupSheetName: Record<ChannelReportGrouping, string> = {
  channel: '渠道',
  agency: '按代办处',
  kind: '按渠道类型',
};

/** The workbook of the report: the groups with the total (when grouped), then every channel. */
export function channelReportSheets(report: ChannelReport): ReportSheet[] {
  const sheets: ReportSheet[] = [];
  if (report.groupBy && report.groupBy !== 'channel' && report.groups && report.total)
    sheets.push({
      name: groupSheetName[report.groupBy],
      columns: channelFunnelColumns,
      rows: [...report.groups, report.total],
    } as unknown as ReportSheet);
  if (report.total)
    sheets.push({ name: '漏斗合计', columns: channelFunnelColumns, rows: [report.total] } as unknown as ReportSheet);
  sheets.push({ name: '渠道明细', columns: channelReportColumns, rows: report.rows } as unknown as ReportSheet);
  return sheets;
}
