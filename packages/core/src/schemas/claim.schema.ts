import { z } from 'zod';
import { claimStatuses } from '../claims/claim-workflow.ts';
import { claimKinds } from '../products/product.schema.ts';
import type { IsoDate } from '../time/dates.ts';
import { normalizeText } from '../validation/normalize.ts';
import { safeText } from '../validation/safe-text.ts';
import { fenAmount, isoDate, Paging, pageOf, queryBool, searchText } from './common.ts';

/** Claims and payouts (api.md): bodies, queries and answers, shared by the server and the console. */
export const claimCauses = ['illness', 'accident'] as const;
export const claimFlagCodes = ['DUPLICATE_INVOICE', 'EARLY_CLAIM'] as const;
export type ClaimFlagCode = (typeof claimFlagCodes)[number];

/** Amounts are whole fen, never negative: a negative or fractional amount is refused before anything else. */
const fen = fenAmount;
const id = z.string().min(1).max(64);

export const ClaimFactsFields = z.object({
  kind: z.enum(claimKinds),
  cause: z.enum(claimCauses),
  eventDate: isoDate,
  diseaseCode: z.string().trim().min(1).max(20).optional(),
  inSitu: z.boolean().optional(),
  admissionDate: isoDate.optional(),
  dischargeDate: isoDate.optional(),
  totalExpensesFen: fen.optional(),
  selfPaidFen: fen.optional(),
  invoiceNumbers: z.array(z.string().trim().min(1).max(40)).max(50).optional(),
  disabilityGrade: z.number().int().min(1).max(10).optional(),
  hospital: safeText({ min: 1, max: 100 }).optional(),
  outsideRegion: z.boolean().optional(),
});
export type ClaimFactsInput = z.infer<typeof ClaimFactsFields>;

/** No claim concerns an event before this day (issue 15 item 2: a 1900-01-01 event is a typing error). */
export const EARLIEST_CLAIM_DATE = '2000-01-01';

export interface FactIssue {
  path: string;
  message: string;
}

/**
 * Facts that cannot be true. With `today`, also the ones that lie in the future (the zod schema has no clock, so the
 * server calls this again with today's date).
 */
export function claimFactIssues(f: ClaimFactsInput, today?: IsoDate): FactIssue[] {
  const issues: FactIssue[] = [];
  if (f.admissionDate && f.dischargeDate && f.dischargeDate < f.admissionDate)
    issues.push({ path: 'dischargeDate', message: '出院日期不能早于入院日期' });
  if (f.selfPaidFen !== undefined && f.totalExpensesFen !== undefined && f.selfPaidFen > f.totalExpensesFen)
    issues.push({ path: 'selfPaidFen', message: '个人自付金额不能大于医疗费用总额' });
  if (f.disabilityGrade !== undefined && f.kind !== 'disability')
    issues.push({ path: 'disabilityGrade', message: '只有伤残申领填写伤残等级' });
  for (const key of ['eventDate', 'admissionDate', 'dischargeDate'] as const) {
    const v = f[key];
    if (v && v < EARLIEST_CLAIM_DATE) issues.push({ path: key, message: `日期不能早于 ${EARLIEST_CLAIM_DATE}` });
  }
  if (today) {
    for (const key of ['eventDate', 'admissionDate', 'dischargeDate'] as const) {
      const v = f[key];
      if (v && v > today) issues.push({ path: key, message: '日期不能晚于今天' });
    }
  }
  return issues;
}

/** Invoice numbers compare without spaces, full-width characters or letter case (发票号 are often retyped). */
export function normalizeInvoiceNumber(raw: string): string {
  return normalizeText(raw).replace(/\s+/g, '').toUpperCase();
}

export const FileClaimBody = ClaimFactsFields.extend({ memberId: id, policyId: id.optional() }).superRefine(
  (f, ctx) => {
    for (const i of claimFactIssues(f)) ctx.addIssue({ code: 'custom', path: [i.path], message: i.message });
  },
);
export type FileClaimBody = z.infer<typeof FileClaimBody>;

export const ReasonBody = z.object({ reason: safeText({ min: 2, max: 500, multiline: true }) });
export const NoteBody = z.object({ note: safeText({ min: 0, max: 500, multiline: true }).optional() }).default({});

export const ClaimDecisionBody = z.object({
  decision: z.enum(['approve', 'reject', 'return']),
  /** The approved total; absent = the engine's total. */
  amountFen: fenAmount.min(1).optional(),
  reason: safeText({ min: 2, max: 500, multiline: true }).optional(),
  /** Approve despite a DUPLICATE_INVOICE flag (office reviewers, with a reason). */
  override: z.boolean().optional(),
  /** How a changed total is split over the claim's policies, when it names more than one. */
  allocations: z
    .array(z.object({ policyId: id, amountFen: fen }))
    .max(20)
    .optional(),
});
export type ClaimDecisionBody = z.infer<typeof ClaimDecisionBody>;

export const ClaimListQuery = Paging.extend({
  status: z.enum(claimStatuses).optional(),
  overdue: queryBool.optional(),
  agencyId: id.optional(),
  unitId: id.optional(),
  memberId: id.optional(),
  /** Claim number (申领编号, or the claim's full id), member name (prefix), mobile or full ID number. */
  q: searchText(50).optional(),
  /** A full ID number, matched exactly through the blind index. */
  idNumber: z.string().trim().max(40).optional(),
});
export type ClaimListQuery = z.infer<typeof ClaimListQuery>;

export const ClaimFlag = z.object({
  code: z.enum(claimFlagCodes),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ClaimFlag = z.infer<typeof ClaimFlag>;

export const ClaimAssessment = z.object({
  policyId: z.string(),
  productCode: z.string(),
  productName: z.string(),
  policyStartDate: z.string(),
  policyEndDate: z.string(),
  payable: z.boolean(),
  amountFen: z.number().int(),
  approvedAmountFen: z.number().int().nullable(),
  code: z.string().optional(),
  ruleKind: z.string().nullable(),
  days: z.number().int().nullable(),
  endsPolicy: z.boolean(),
  lines: z.array(z.string()),
});
export type ClaimAssessment = z.infer<typeof ClaimAssessment>;

export const ClaimMaterial = z.object({
  id: z.string(),
  slot: z.number().int(),
  slotLabel: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  originalName: z.string(),
  uploadedAt: z.string(),
});

export const ClaimHistoryEntry = z.object({
  at: z.string(),
  action: z.string(),
  actorName: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

export const ClaimSummary = z.object({
  id: z.string(),
  /** 申领编号: the short number members and clerks quote (the last 8 hex digits of the id, as every SMS says it). */
  number: z.string(),
  status: z.enum(claimStatuses),
  memberId: z.string(),
  memberName: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  agencyId: z.string().nullable(),
  kind: z.enum(claimKinds),
  cause: z.enum(claimCauses),
  eventDate: z.string(),
  flags: z.array(ClaimFlag),
  assessedAmountFen: z.number().int(),
  approvedAmountFen: z.number().int().nullable(),
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
  dueDate: z.string().nullable(),
  decidedAt: z.string().nullable(),
  paidAt: z.string().nullable(),
  overdue: z.boolean(),
  /** Who filed it: staff (unit, agency, office) or the member themself in the member app (会员自助). */
  channel: z.enum(['staff', 'member_app']),
});
export type ClaimSummary = z.infer<typeof ClaimSummary>;

export const ClaimDetail = ClaimSummary.extend({
  diseaseCode: z.string().optional(),
  inSitu: z.boolean().optional(),
  admissionDate: z.string().optional(),
  dischargeDate: z.string().optional(),
  totalExpensesFen: z.number().int().optional(),
  selfPaidFen: z.number().int().optional(),
  disabilityGrade: z.number().int().optional(),
  hospital: z.string().optional(),
  outsideRegion: z.boolean().optional(),
  invoiceNumbers: z.array(z.string()),
  policyId: z.string().nullable(),
  idNumberMasked: z.string(),
  bankName: z.string().nullable(),
  bankAccountMasked: z.string().nullable(),
  filedOn: z.string(),
  precheckedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decisionReason: z.string().nullable(),
  overrideReason: z.string().nullable(),
  returnReason: z.string().nullable(),
  assessments: z.array(ClaimAssessment),
  materials: z.array(ClaimMaterial),
  requiredSlots: z.array(z.number().int()),
  missingSlots: z.array(z.number().int()),
  history: z.array(ClaimHistoryEntry),
});
export type ClaimDetail = z.infer<typeof ClaimDetail>;

/** Counting stops past this many: the queue's total is then "at least" (the pages still reach every claim). */
export const QUEUE_COUNT_CAP = 10_000;

export const ClaimQueue = pageOf(ClaimSummary).extend({
  counts: z.object({ overdue: z.number().int(), dueToday: z.number().int() }),
  /** True when more claims match than QUEUE_COUNT_CAP: `total` is then the cap, shown as "10,000+". */
  totalCapped: z.boolean(),
});

// ---------- payouts ----------

export const payoutItemStatuses = ['pending', 'paid', 'failed'] as const;

export const BankAccountBody = z.object({
  bankName: safeText({ min: 2, max: 60 }),
  accountNumber: z
    .string()
    .transform((v) => normalizeText(v).replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{8,30}$/, { message: '银行账号应为 8–30 位数字' })),
});
export const BankAccount = z.object({
  memberId: z.string(),
  bankName: z.string(),
  bankAccountMasked: z.string(),
});

export const CreatePayoutBatchBody = z
  .object({
    claimIds: z.array(id).min(1).max(5_000).optional(),
    /** Relief applications (救助慰问) to pay in the same batch; with neither list, every payable claim and relief. */
    reliefIds: z.array(id).min(1).max(5_000).optional(),
  })
  .default({});

export const payoutSubjectKinds = ['claim', 'relief'] as const;
export const PayoutItem = z.object({
  id: z.string(),
  /**
   * The item's 业务参考号 (what the bank file carries and its result file echoes): the claim id, or for a relief
   * item the relief application's id. Kept under this name so results are recorded the same way for both.
   */
  claimId: z.string(),
  subjectKind: z.enum(payoutSubjectKinds),
  /** The relief application paid (subjectKind 'relief'), else null. */
  reliefId: z.string().nullable(),
  memberId: z.string(),
  payeeName: z.string(),
  bankName: z.string(),
  accountMasked: z.string(),
  amountFen: z.number().int(),
  status: z.enum(payoutItemStatuses),
  reason: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});

/** A batch's items, paged in the batch's file order; `q` finds a payee by name or the claim / relief id. */
export const PayoutItemQuery = Paging.extend({
  q: z.string().trim().max(64).optional(),
  status: z.enum(payoutItemStatuses).optional(),
});
export type PayoutItemQuery = z.infer<typeof PayoutItemQuery>;
export const PayoutItemPage = pageOf(PayoutItem);
/** Payout batches, newest first; `q` is a batch id, or finds the batches paying a claim / relief id or a payee. */
export const PayoutBatchListQuery = Paging.extend({ q: z.string().trim().max(64).optional() });

export const PayoutBatch = z.object({
  id: z.string(),
  status: z.enum(['open', 'closed']),
  itemCount: z.number().int(),
  totalFen: z.number().int(),
  pendingCount: z.number().int(),
  paidCount: z.number().int(),
  failedCount: z.number().int(),
  createdAt: z.string(),
  exportedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  items: z.array(PayoutItem),
  /**
   * Claims (and relief applications) left out when gathering, with why: the claim number, the member by name, the
   * code (e.g. BANK_ACCOUNT_MISSING) and its Chinese reason.
   */
  skipped: z
    .array(
      z.object({
        claimId: z.string(),
        code: z.string(),
        subjectKind: z.enum(payoutSubjectKinds).optional(),
        memberId: z.string().optional(),
        memberName: z.string().optional(),
        reason: z.string().optional(),
      }),
    )
    .optional(),
});
export type PayoutBatch = z.infer<typeof PayoutBatch>;

/** The payable claims list: every approved (or failed, to reissue) claim not waiting at the bank, paged. */
export const PayableClaimQuery = Paging.extend({
  /** 'ready': with a bank account on file; 'missing': approved claims waiting for an account. */
  account: z.enum(['ready', 'missing']).optional(),
});
export type PayableClaimQuery = z.infer<typeof PayableClaimQuery>;

export const PayableClaim = z.object({
  id: z.string(),
  status: z.enum(claimStatuses),
  memberId: z.string(),
  memberName: z.string(),
  unitName: z.string().nullable(),
  kind: z.enum(claimKinds),
  approvedAmountFen: z.number().int(),
  decidedAt: z.string().nullable(),
  bankName: z.string().nullable(),
  bankAccountMasked: z.string().nullable(),
});
export type PayableClaim = z.infer<typeof PayableClaim>;

/** A page of payable claims, with the count and sum (fen) of every match, not just the page. */
export const PayableClaimPage = pageOf(PayableClaim).extend({ totalFen: z.number().int() });

export const PayoutFileQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });

export const PayoutResultRow = z.object({
  /** The 业务参考号: a claim id, or a relief application's id for a relief item. */
  claimId: id,
  status: z.enum(['paid', 'failed']),
  reason: safeText({ min: 0, max: 200 }).optional(),
});
export const PayoutResultsBody = z.array(PayoutResultRow).min(1).max(20_000);
export type PayoutResultRow = z.infer<typeof PayoutResultRow>;

// ---------- notifications ----------

export const smsStatuses = ['queued', 'sent', 'failed'] as const;
export const SmsOutboxItem = z.object({
  id: z.string(),
  toMasked: z.string(),
  template: z.string(),
  text: z.string(),
  /** queued: in the outbox (and with the provider, if one is set); sent / failed: the provider's answer. */
  status: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  /** Null when texts only go to the outbox; else the provider asked ('aliyun'). */
  provider: z.string().nullable(),
  /** The provider's answer code ('OK', 'isv.BUSINESS_LIMIT_CONTROL', …), or TIMEOUT / NETWORK when none came. */
  providerCode: z.string().nullable(),
  /** The provider's message id when sent (BizId); its request id when refused, for support. */
  providerRef: z.string().nullable(),
  failureReason: z.string().nullable(),
});
export const SmsOutboxPage = pageOf(SmsOutboxItem);
export const SmsOutboxQuery = Paging.extend({ status: z.enum(smsStatuses).optional() });

export const NotificationItem = z.object({
  id: z.string(),
  kind: z.string(),
  agencyId: z.string().nullable(),
  objectType: z.string(),
  objectId: z.string(),
  message: z.string(),
  createdAt: z.string(),
});
export const NotificationPage = pageOf(NotificationItem);
