import { z } from 'zod';
import { batchStatuses } from '../enrolment/batch-workflow.ts';
import { policyStatuses } from '../enrolment/coverage.ts';
import { fenAmount, isoDate, Paging, pageOf } from './common.ts';
import { safeText } from '../validation/safe-text.ts';

export const RosterImportFields = z.object({
  productCode: z.string().trim().min(1).max(20),
  startDate: isoDate,
});

export const BatchListQuery = Paging.extend({
  status: z.enum(batchStatuses).optional(),
  unitId: z.string().max(64).optional(),
  agencyId: z.string().max(64).optional(),
  /** A batch id, or part of the unit's name. */
  q: z.string().trim().max(60).optional(),
});

export const ApproveBatchBody = z
  .object({ note: safeText({ min: 0, max: 500, multiline: true }).optional() })
  .default({});
export const ReturnBatchBody = z.object({ reason: safeText({ min: 2, max: 500, multiline: true }) });
export const PaymentBody = z.object({
  amountFen: fenAmount,
  paidOn: isoDate,
  bankReference: z.string().trim().min(1).max(64),
});
export const RenewalBody = z.object({ productCode: z.string().trim().min(1).max(20) });

export const RowIssueSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
});

export const Batch = z.object({
  id: z.string(),
  batchId: z.string(),
  unitId: z.string(),
  unitName: z.string().optional(),
  agencyId: z.string(),
  productCode: z.string(),
  productName: z.string().optional(),
  kind: z.string(),
  requestedStart: z.string(),
  status: z.enum(batchStatuses),
  fileName: z.string().nullable(),
  totalRows: z.number().int(),
  acceptedRows: z.number().int(),
  rejectedRows: z.number().int(),
  totalShares: z.number().int(),
  totalFeeFen: z.number().int(),
  /** The first issues (up to 20); all of them: GET /enrolment-batches/:id/issues. */
  issues: z.array(RowIssueSchema),
  /** How many issues the batch has in all. */
  issueCount: z.number().int(),
  returnReason: z.string().nullable(),
  paidAmountFen: z.number().int().nullable(),
  paidOn: z.string().nullable(),
  bankReference: z.string().nullable(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  effectiveAt: z.string().nullable(),
  /** A held (待核对) transfer names this batch: it cannot be paid or returned until that payment is resolved. */
  heldPaymentId: z.string().nullable().optional(),
});
export type Batch = z.infer<typeof Batch>;
export const BatchPage = pageOf(Batch);
export const BatchIssuePage = pageOf(RowIssueSchema);

export const BatchItem = z.object({
  row: z.number().int(),
  name: z.string(),
  idNumberMasked: z.string(),
  sex: z.enum(['male', 'female']),
  /** The birth year only: the full date beside the masked ID number would give its middle digits away. */
  birthYear: z.number().int(),
  shares: z.number().int(),
  feeFen: z.number().int(),
  continuous: z.boolean(),
  memberId: z.string().nullable(),
});
export const BatchItemPage = pageOf(BatchItem);

export const Policy = z.object({
  id: z.string(),
  memberId: z.string(),
  unitId: z.string().nullable(),
  productCode: z.string(),
  productName: z.string(),
  productVersionId: z.string(),
  shares: z.number().int(),
  feeFen: z.number().int(),
  startDate: z.string(),
  endDate: z.string(),
  waitingEndDate: z.string().nullable(),
  accidentWaitingEndDate: z.string().nullable(),
  status: z.enum(policyStatuses),
  continuous: z.boolean(),
  renewalOf: z.string().nullable(),
  batchId: z.string().nullable(),
  certificateCode: z.string(),
});
/** A member's policies (staff view), newest start first. */
export const PolicyPage = pageOf(Policy);
export type Policy = z.infer<typeof Policy>;

export const UnitCoverage = z.object({
  unitId: z.string(),
  asOf: z.string(),
  headcount: z.number().int(),
  femaleHeadcount: z.number().int().nullable(),
  products: z.array(
    z.object({
      productCode: z.string(),
      productName: z.string(),
      members: z.number().int(),
      shares: z.number().int(),
      feeFen: z.number().int(),
      participationBp: z.number().int().nullable(),
    }),
  ),
  policies: pageOf(Policy.extend({ memberName: z.string(), idNumberMasked: z.string() })),
});
export const CoverageQuery = Paging.extend({ asOf: isoDate.optional() });

export const Certificate = z.object({
  policy: Policy,
  memberName: z.string(),
  idNumberMasked: z.string(),
  unitName: z.string().nullable(),
  officeName: z.string(),
  verifyUrl: z.string(),
  qrSvg: z.string(),
});

export const CertificateCheck = z.union([
  z.object({ genuine: z.literal(false) }),
  z.object({
    genuine: z.literal(true),
    inForce: z.boolean(),
    status: z.enum(policyStatuses),
    maskedName: z.string(),
    productName: z.string(),
    officeName: z.string(),
    startDate: z.string(),
    endDate: z.string(),
  }),
]);
