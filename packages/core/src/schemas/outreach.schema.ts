import { z } from 'zod';
import { isoDate, Paging, pageOf } from './common.ts';
import { ReportFormat } from './report.schema.ts';

/** Trainings (培训) and outreach events (宣讲、咨询台), product.md §8, and the outreach report. */
const id = z.string().min(1).max(64);
const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, { message: `至少 ${min} 个字` })
    .max(max, { message: `不超过 ${max} 个字` });
const count = (max: number) =>
  z
    .number()
    .int({ message: '人数应为整数' })
    .min(0, { message: '人数不能为负' })
    .max(max, { message: `人数不超过 ${max}` });

/** Most attendees one session or event may record (a stadium rally is still under it). */
export const OUTREACH_MAX_ATTENDEES = 100_000;

export const outreachEventKinds = ['talk', 'booth'] as const;
export type OutreachEventKind = (typeof outreachEventKinds)[number];
export const outreachEventKindLabels: Record<OutreachEventKind, { zh: string; en: string }> = {
  talk: { zh: '政策宣讲', en: 'Policy talk' },
  booth: { zh: '咨询台', en: 'Consultation booth' },
};

export const TrainingBody = z.object({
  date: isoDate,
  place: text(2, 100),
  organiser: text(2, 60),
  topic: text(2, 100),
  attendees: count(OUTREACH_MAX_ATTENDEES).min(1, { message: '参训人数至少为 1' }),
  /** Office staff may record it for an agency; agency staff always record their own. */
  agencyId: id.optional(),
});
export type TrainingBody = z.infer<typeof TrainingBody>;

export const OutreachEventBody = z.object({
  date: isoDate,
  place: text(2, 100),
  kind: z.enum(outreachEventKinds),
  topic: text(2, 100).optional(),
  attendees: count(OUTREACH_MAX_ATTENDEES),
  consultations: count(OUTREACH_MAX_ATTENDEES),
  /** The QR channel shown at the event (its enrolments are counted); one of the caller's own. */
  channelCode: z.string().trim().toUpperCase().min(4).max(16).optional(),
  agencyId: id.optional(),
});
export type OutreachEventBody = z.infer<typeof OutreachEventBody>;

export const OutreachListQuery = Paging.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  agencyId: id.optional(),
  q: z.string().trim().max(50).optional().describe('topic, place or organiser contains'),
  kind: z.enum(outreachEventKinds).optional(),
});
export type OutreachListQuery = z.infer<typeof OutreachListQuery>;

export const Training = z.object({
  id: z.string(),
  date: isoDate,
  place: z.string(),
  organiser: z.string(),
  topic: z.string(),
  attendees: z.number().int(),
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
  createdAt: z.string(),
});
export type Training = z.infer<typeof Training>;
export const TrainingPage = pageOf(Training);

export const OutreachEvent = z.object({
  id: z.string(),
  date: isoDate,
  place: z.string(),
  kind: z.enum(outreachEventKinds),
  topic: z.string().nullable(),
  attendees: z.number().int(),
  consultations: z.number().int(),
  channelId: z.string().nullable(),
  channelCode: z.string().nullable(),
  channelName: z.string().nullable(),
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
  createdAt: z.string(),
});
export type OutreachEvent = z.infer<typeof OutreachEvent>;
export const OutreachEventPage = pageOf(OutreachEvent);

export const OutreachReportQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().describe('default: this year'),
  agencyId: id.optional(),
  format: ReportFormat,
});

export const OutreachRow = z.object({
  agencyId: z.string().describe("'' for the office's own sessions and events"),
  agencyName: z.string(),
  sessions: z.number().int(),
  personTimes: z.number().int().describe('attendees summed over the sessions (人次)'),
  events: z.number().int(),
  eventAttendees: z.number().int(),
  consultations: z.number().int(),
  enrolments: z
    .number()
    .int()
    .describe("paid self-enrolments through an event's QR channel within 7 days of the event"),
});
export type OutreachRow = z.infer<typeof OutreachRow>;

export const OutreachReport = z.object({
  year: z.number().int(),
  agencyId: z.string().nullable(),
  trainings: z.object({ sessions: z.number().int(), personTimes: z.number().int() }),
  events: z.object({
    count: z.number().int(),
    attendees: z.number().int(),
    consultations: z.number().int(),
    enrolments: z.number().int(),
  }),
  rows: z.array(OutreachRow),
  total: OutreachRow,
  months: z.array(
    z.object({
      month: z.number().int(),
      sessions: z.number().int(),
      personTimes: z.number().int(),
      events: z.number().int(),
      attendees: z.number().int(),
    }),
  ),
});
export type OutreachReport = z.infer<typeof OutreachReport>;
