import { z } from 'zod';
import { ReliefCategoryParams, reliefCategoryCodes } from '../relief/relief-category.ts';
import { reliefStatuses } from '../relief/relief-workflow.ts';
import { ClaimAssessment, ClaimFactsFields, claimFactIssues } from './claim.schema.ts';
import { isoDate, Paging, pageOf } from './common.ts';

/** Relief and condolence (api.md "Relief, outreach and the national view"): bodies, queries and answers. */
const id = z.string().min(1).max(64);
const fen = z.number().int().min(0);

/** The claim filed alongside a one-stop relief: as POST /claims without the member (the relief names it). */
export const ReliefClaimFields = ClaimFactsFields.extend({ policyId: id.optional() });

export const FileReliefBody = z
  .object({
    memberId: id,
    category: z.enum(reliefCategoryCodes),
    eventDate: isoDate,
    reason: z.string().trim().min(2).max(500),
    /** One-stop (慰问+理赔): also file the matching claims, from `claim`'s facts. */
    withClaims: z.boolean().optional(),
    claim: ReliefClaimFields.optional(),
    /** The policies the applicant ticked (default: every policy the estimate says can pay). */
    claimPolicyIds: z.array(id).max(20).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.withClaims && !b.claim)
      ctx.addIssue({ code: 'custom', path: ['claim'], message: '一站式申领需填写理赔信息' });
    if (b.claim) {
      for (const i of claimFactIssues(b.claim))
        ctx.addIssue({ code: 'custom', path: ['claim', i.path], message: i.message });
      if (b.claim.eventDate !== b.eventDate)
        ctx.addIssue({ code: 'custom', path: ['claim', 'eventDate'], message: '理赔事件日期应与救助事件日期一致' });
    }
  });
export type FileReliefBody = z.infer<typeof FileReliefBody>;

/** The one-stop preview: for every policy that can pay, the matching claim's instant estimate. */
export const ReliefEstimateBody = z.object({ memberId: id, claim: ReliefClaimFields });
export const ReliefEstimate = z.object({
  assessments: z.array(ClaimAssessment),
  totalFen: z.number().int(),
});
export type ReliefEstimate = z.infer<typeof ReliefEstimate>;

export const ReliefReviewBody = z.object({
  decision: z.enum(['approve', 'reject', 'return']),
  reason: z.string().trim().min(2).max(500).optional(),
});
export const ReliefDecisionBody = z.object({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().min(2).max(500).optional(),
});
export type ReliefReviewBody = z.infer<typeof ReliefReviewBody>;
export type ReliefDecisionBody = z.infer<typeof ReliefDecisionBody>;

export const ReliefListQuery = Paging.extend({
  status: z.enum(reliefStatuses).optional(),
  category: z.enum(reliefCategoryCodes).optional(),
  agencyId: id.optional(),
  memberId: id.optional(),
  batchId: id.optional(),
  /** Member name or mobile, or the application's number. */
  q: z.string().trim().max(40).optional(),
});
export type ReliefListQuery = z.infer<typeof ReliefListQuery>;

export const ReliefClaimLink = z.object({
  id: z.string(),
  number: z.string(),
  status: z.string(),
  kind: z.string(),
  assessedAmountFen: z.number().int(),
  approvedAmountFen: z.number().int().nullable(),
});

export const ReliefApplication = z.object({
  id: z.string(),
  number: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  unitId: z.string().nullable(),
  agencyId: z.string().nullable(),
  category: z.enum(reliefCategoryCodes),
  categoryName: z.string(),
  categoryVersion: z.number().int(),
  eventDate: z.string(),
  amountFen: z.number().int(),
  status: z.enum(reliefStatuses),
  origin: z.enum(['applied', 'proactive', 'batch']),
  /** The reason as filed; medical facts are shown only to roles that decide (masked otherwise). */
  reason: z.string(),
  facts: z
    .object({
      diseaseCode: z.string().optional(),
      admissionDate: z.string().optional(),
      dischargeDate: z.string().optional(),
      selfPaidFen: z.number().int().optional(),
    })
    .nullable(),
  sourceClaimId: z.string().nullable(),
  batchId: z.string().nullable(),
  filedBy: z.string(),
  filedAt: z.string(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  paidAt: z.string().nullable(),
  claims: z.array(ReliefClaimLink),
});
export type ReliefApplication = z.infer<typeof ReliefApplication>;
export const ReliefPage = pageOf(ReliefApplication);

export const ReliefCategory = ReliefCategoryParams.extend({
  version: z.number().int(),
  publishedAt: z.string(),
});
export type ReliefCategory = z.infer<typeof ReliefCategory>;
export const ReliefCategoryList = z.object({
  yearCapFen: z.number().int(),
  items: z.array(ReliefCategory),
});
export const PublishReliefCategoryBody = ReliefCategoryParams.omit({ code: true });
export const ReliefSettingsBody = z.object({ yearCapFen: z.number().int().min(1).max(100_000_000) });
export const CategoryParam = z.object({ code: z.enum(reliefCategoryCodes) });

export const ReliefBatchBody = z
  .object({
    category: z.literal('holiday'),
    name: z.string().trim().min(2).max(60),
    eventDate: isoDate.optional(),
    memberIds: z.array(id).min(1).max(20_000).optional(),
    criteria: z.object({ hardshipInForce: z.literal(true) }).optional(),
  })
  .refine((b) => (b.memberIds ? 1 : 0) + (b.criteria ? 1 : 0) === 1, {
    message: '请提供会员名单或筛选条件（二选一）',
    path: ['memberIds'],
  });
export type ReliefBatchBody = z.infer<typeof ReliefBatchBody>;

/** The text fields of a holiday batch from a list file (multipart `file`: 姓名, 身份证号 per row). */
export const ReliefBatchFileFields = z.object({
  name: z.string().trim().min(2).max(60),
  eventDate: isoDate.optional(),
});

/** The list file's columns: the ID number finds the member, the name (when given) must match it. */
export const reliefListColumns = { name: '姓名', idNumber: '身份证号' } as const;

export const ReliefBatch = z.object({
  id: z.string(),
  name: z.string(),
  category: z.string(),
  eventDate: z.string(),
  status: z.enum(['open', 'approved', 'rejected']),
  amountFenEach: z.number().int(),
  count: z.number().int(),
  totalFen: z.number().int(),
  skipped: z.array(
    z.object({
      memberId: z.string().nullable(),
      row: z.number().int().optional(),
      code: z.string(),
      message: z.string(),
    }),
  ),
  createdAt: z.string(),
});
export type ReliefBatch = z.infer<typeof ReliefBatch>;
export const ReliefBatchPage = pageOf(ReliefBatch);
/** Holiday batches, newest first; `q` finds one by name. */
export const ReliefBatchListQuery = Paging.extend({ q: z.string().trim().max(60).optional() });
export const ReliefBatchDecisionBody = z.object({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().min(2).max(500).optional(),
});

export const hardshipLevels = ['general', 'serious', 'extreme'] as const;
export const hardshipLevelLabels: Record<(typeof hardshipLevels)[number], string> = {
  general: '一般困难',
  serious: '深度困难',
  extreme: '特别困难',
};
export const HardshipBody = z.object({
  memberId: id,
  level: z.enum(hardshipLevels),
  reason: z.string().trim().min(2).max(500),
  openedOn: isoDate,
});
export const HardshipReviewBody = z.object({
  outcome: z.enum(['continue', 'close']),
  level: z.enum(hardshipLevels).optional(),
  note: z.string().trim().min(2).max(500),
});
export const HardshipFile = z.object({
  id: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  agencyId: z.string().nullable(),
  level: z.enum(hardshipLevels),
  reason: z.string(),
  status: z.enum(['open', 'closed']),
  openedOn: z.string(),
  nextReviewOn: z.string(),
  lastReviewedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
});
export type HardshipFile = z.infer<typeof HardshipFile>;
export const HardshipListQuery = Paging.extend({
  status: z.enum(['open', 'closed']).optional(),
  due: z.enum(['true', 'false']).optional(),
  agencyId: id.optional(),
  q: z.string().trim().max(40).optional(),
});
export const HardshipPage = pageOf(HardshipFile);

export const ReliefReportQuery = z.object({
  from: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
  agencyId: id.optional(),
  format: z.enum(['json', 'xlsx']).optional(),
});
export const ReliefReportRow = z.object({
  month: z.string(),
  agencyId: z.string(),
  agencyName: z.string().optional(),
  category: z.string(),
  count: z.number().int(),
  amountFen: fen,
});
export const ReliefReport = z.object({
  from: z.string(),
  to: z.string(),
  agencyId: z.string().nullable(),
  rows: z.array(ReliefReportRow),
  byCategory: z.array(z.object({ category: z.string(), count: z.number().int(), amountFen: fen })),
  total: z.object({ count: z.number().int(), amountFen: fen }),
});
export type ReliefReport = z.infer<typeof ReliefReport>;
