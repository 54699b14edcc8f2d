import { col, type ReportColumn } from '../analytics/report-columns.ts';
import { channelKindLabels, type ChannelKind } from './gig-enrolment.ts';

export interface ChannelFunnelRow {
  channelId: string;
  name: string;
  kind: ChannelKind;
  agencyName: string | null;
  registrations: number;
  verified: number;
  enrolments: number;
  paid: number;
  gifts: number;
  feeFen: number;
}

/** The channel report's columns, shared by the console table and the xlsx export. */
export const channelReportColumns: readonly ReportColumn<ChannelFunnelRow>[] = [
  col('name', '渠道', 'Channel', 'text', (r) => r.name),
  col('kind', '类型', 'Kind', 'text', (r) => channelKindLabels[r.kind]),
  col('agencyName', '代办处', 'Agency', 'text', (r) => r.agencyName ?? '办事处'),
  col('registrations', '注册', 'Registrations', 'int', (r) => r.registrations),
  col('verified', '实名认证', 'Verified', 'int', (r) => r.verified),
  col('enrolments', '下单', 'Orders', 'int', (r) => r.enrolments),
  col('paid', '已支付', 'Paid', 'int', (r) => r.paid),
  col('gifts', '赠险', 'Gifts', 'int', (r) => r.gifts),
  col('feeFen', '保费（元）', 'Fees', 'fen', (r) => r.feeFen),
];
