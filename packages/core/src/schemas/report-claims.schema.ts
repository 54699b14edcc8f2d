import { z } from 'zod';
import { ComplaintOps } from './complaint.schema.ts';
import { isoDate } from './common.ts';
import { ReportFormat } from './report.schema.ts';

/** Claims operations (product.md §7): flows over a period, the open queue now, refusals and payouts. */
export const ClaimsOpsQuery = z
  .object({
    from: isoDate.optional().describe('first day (default: 1 January of the year of `to`)'),
    to: isoDate.optional().describe('last day, China date (default: today)'),
    agencyId: z.string().min(1).max(64).optional(),
    format: ReportFormat,
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: '开始日期不能晚于结束日期',
    path: ['from'],
  });
export type ClaimsOpsQuery = z.infer<typeof ClaimsOpsQuery>;

const share = z.number().nullable().describe('0–1; null when nothing was decided');

export const ClaimsOpsRow = z.object({
  agencyId: z.string(),
  agencyName: z.string(),
  received: z.number().int().describe('claims filed in the period (filed_on)'),
  decided: z.number().int().describe('claims approved or rejected in the period (China date of the decision)'),
  decidedWithin5: z.number().int().describe('of those, decided within 5 working days of acceptance'),
  within5Share: share,
  medianWorkingDays: z
    .number()
    .int()
    .nullable()
    .describe('median working days acceptance → decision (the lower middle of an even count)'),
  backlog: z.number().int().describe('claims not yet decided now: submitted, pre-checked, accepted or returned'),
  overdue: z.number().int().describe('accepted claims past their due date now'),
});
export type ClaimsOpsRow = z.infer<typeof ClaimsOpsRow>;

export const RejectionReason = z.object({
  code: z.string().describe("the assessments' most frequent refusal code, or MANUAL"),
  label: z.string(),
  claims: z.number().int(),
  share: z.number().nullable(),
});
export type RejectionReason = z.infer<typeof RejectionReason>;

export const PaidByProduct = z.object({
  productCode: z.string(),
  productName: z.string(),
  claims: z.number().int().describe('claims that paid on this product (a claim on two products counts in both)'),
  amountFen: z.number().int(),
});
export type PaidByProduct = z.infer<typeof PaidByProduct>;

export const ClaimsOps = z.object({
  from: isoDate,
  to: isoDate,
  today: isoDate.describe('the day backlog and overdue are counted on'),
  agencyId: z.string().nullable(),
  rows: z.array(ClaimsOpsRow),
  total: ClaimsOpsRow,
  rejections: z.array(RejectionReason),
  paidByProduct: z.array(PaidByProduct),
  paidTotal: z.object({ claims: z.number().int(), amountFen: z.number().int() }).describe('each claim once'),
  complaints: ComplaintOps.optional().describe('complaints and feedback (意见与投诉): filed in the period, open now'),
});
export type ClaimsOps = z.infer<typeof ClaimsOps>;
