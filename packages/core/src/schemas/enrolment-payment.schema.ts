import { z } from 'zod';
import { batchStatuses } from '../enrolment/batch-workflow.ts';
import { enrolmentPaymentStatuses, holdReasons, PAYMENT_MAX_BATCHES } from '../enrolment/enrolment-payment.ts';
import { safeText } from '../validation/safe-text.ts';
import { fenAmount, isoDate, Paging, pageOf, searchText } from './common.ts';

const entityId = z.string().trim().min(1).max(64);

/** One bank transfer from a unit for one or more of its approved batches (POST /enrolment-payments). */
export const EnrolmentPaymentBody = z.object({
  unitId: entityId,
  batchIds: z
    .array(entityId)
    .min(1, { message: '至少选择一个批次' })
    .max(PAYMENT_MAX_BATCHES, { message: `一笔到账最多对应 ${PAYMENT_MAX_BATCHES} 个批次` })
    .refine((ids) => new Set(ids).size === ids.length, { message: '批次不能重复' }),
  amountFen: fenAmount,
  paidOn: isoDate,
  bankReference: z.string().trim().min(1).max(64),
  note: safeText({ min: 0, max: 500, multiline: true }).optional(),
});
export type EnrolmentPaymentBody = z.infer<typeof EnrolmentPaymentBody>;

export const ResolvePaymentBody = z.object({
  action: z.enum(['apply', 'return']),
  /** Why the office accepts the difference, or how the money went back: always required. */
  note: safeText({ min: 1, max: 500, multiline: true }),
});
export type ResolvePaymentBody = z.infer<typeof ResolvePaymentBody>;

export const EnrolmentPaymentListQuery = Paging.extend({
  status: z.enum(enrolmentPaymentStatuses).optional(),
  unitId: z.string().max(64).optional(),
  /** A bank reference (exact or its beginning), or part of the unit's name. */
  q: searchText(64).optional(),
});

export const EnrolmentPaymentBatch = z.object({
  batchId: z.string(),
  productCode: z.string(),
  productName: z.string(),
  fileName: z.string().nullable(),
  totalFeeFen: z.number().int(),
  /** What this transfer credits the batch with (the parts add up to the amount received). */
  appliedFen: z.number().int(),
  status: z.enum(batchStatuses),
});

export const EnrolmentPayment = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  amountFen: z.number().int(),
  /** The batches' totals together. */
  expectedFen: z.number().int(),
  /** amountFen − expectedFen: negative short, positive excess. */
  differenceFen: z.number().int(),
  paidOn: z.string(),
  bankReference: z.string(),
  status: z.enum(enrolmentPaymentStatuses),
  holdReason: z.enum(holdReasons).nullable(),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  resolvedBy: z.string().nullable(),
  resolvedByName: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolutionNote: z.string().nullable(),
  batches: z.array(EnrolmentPaymentBatch),
});
export type EnrolmentPayment = z.infer<typeof EnrolmentPayment>;

/** A page of payments with the sums of every payment the filter matches (not only this page's). */
export const EnrolmentPaymentPage = pageOf(EnrolmentPayment).extend({
  totalAmountFen: z.number().int(),
  totalDifferenceFen: z.number().int(),
});
