import { col, type ReportColumn, type ReportSheet } from '../analytics/report-columns.ts';
import type { OutreachReport, OutreachRow } from '../schemas/outreach.schema.ts';

/** Enrolments through an event's QR channel count for the event when paid within this many days from its date. */
export const EVENT_ENROLMENT_WINDOW_DAYS = 7;

export const outreachColumns: ReportColumn<OutreachRow>[] = [
  col('agencyName', '单位', 'Agency', 'text', (r) => r.agencyName),
  col('sessions', '培训场次', 'Training sessions', 'int', (r) => r.sessions),
  col('personTimes', '培训人次', 'Person-times trained', 'int', (r) => r.personTimes),
  col('events', '宣讲咨询场次', 'Outreach events', 'int', (r) => r.events),
  col('eventAttendees', '宣讲咨询人数', 'Event attendees', 'int', (r) => r.eventAttendees),
  col('consultations', '咨询人次', 'Consultations', 'int', (r) => r.consultations),
  col('enrolments', '活动扫码参保', 'Enrolments via event QR', 'int', (r) => r.enrolments),
];

export const outreachMonthColumns: ReportColumn<OutreachReport['months'][number]>[] = [
  col('month', '月份', 'Month', 'int', (r) => r.month),
  col('sessions', '培训场次', 'Training sessions', 'int', (r) => r.sessions),
  col('personTimes', '培训人次', 'Person-times trained', 'int', (r) => r.personTimes),
  col('events', '宣讲咨询场次', 'Outreach events', 'int', (r) => r.events),
  col('attendees', '宣讲咨询人数', 'Event attendees', 'int', (r) => r.attendees),
];

export const blankOutreachRow = (agencyId: string, agencyName: string): OutreachRow => ({
  agencyId,
  agencyName,
  sessions: 0,
  personTimes: 0,
  events: 0,
  eventAttendees: 0,
  consultations: 0,
  enrolments: 0,
});

/** The workbook: per agency with the total, and per month. */
export function outreachSheets(r: OutreachReport): ReportSheet[] {
  return [
    { name: '培训与宣讲', columns: outreachColumns, rows: [...r.rows, r.total] },
    { name: '分月', columns: outreachMonthColumns, rows: r.months },
  ] as ReportSheet[];
}
