import { z } from 'zod';
import { policyStatuses } from '../enrolment/coverage.ts';
import { claimKinds } from '../products/product.schema.ts';
import { ClaimFactsFields, claimFactIssues } from './claim.schema.ts';
import { mobile } from './common.ts';

/** The member app (api.md "Member app and gig enrolment"): bodies and answers shared by the server and the H5. */
export const SmsCodeBody = z.object({ mobile });
export const MemberLoginBody = z.object({
  mobile,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { message: '验证码为 6 位数字' }),
});

export const MemberAccount = z.object({
  accountId: z.string(),
  /** Masked (138****0000): the full number is the member's own, but a shared phone screen need not show it. */
  mobile: z.string(),
  realNameVerified: z.boolean(),
  memberId: z.string().optional(),
  maskedName: z.string().optional(),
  idNumberMasked: z.string().optional(),
});
export type MemberAccount = z.infer<typeof MemberAccount>;
export const MemberSession = z.object({ member: MemberAccount, csrfToken: z.string() });
export type MemberSession = z.infer<typeof MemberSession>;

export const RealNameBody = z.object({
  name: z.string().max(40),
  idNumber: z.string().trim().min(1).max(30),
});
export type RealNameBody = z.infer<typeof RealNameBody>;

export const RealNameStarted = z.object({
  verificationId: z.string(),
  status: z.literal('face_required'),
  /** Where the face step happens: the app's own camera page (demo verifier) or the provider's H5 flow. */
  faceUrl: z.string(),
  provider: z.enum(['demo', 'tencent']),
});
export const FaceResult = z.object({
  status: z.enum(['verified', 'failed']),
  memberId: z.string().optional(),
  reason: z.string().optional(),
  /** True when the verified person was already a member (e.g. enrolled by their unit). */
  existingMember: z.boolean().optional(),
});
export type FaceResult = z.infer<typeof FaceResult>;

export const policyChannels = ['unit', 'self'] as const;
export const MyPolicy = z.object({
  id: z.string(),
  productCode: z.string(),
  productName: z.string(),
  shares: z.number().int(),
  startDate: z.string(),
  endDate: z.string(),
  waitingEndDate: z.string().nullable(),
  status: z.enum(policyStatuses),
  /** Who enrolled it: the member's unit (a roster) or the member themself. */
  channel: z.enum(policyChannels),
  unitName: z.string().nullable(),
  certificateCode: z.string(),
  /** Ends within EXPIRING_DAYS and no later term follows it. */
  expiringSoon: z.boolean(),
  daysLeft: z.number().int(),
  /** What a claim on it may be for (the product's benefits), and the listed diseases of its illness benefits. */
  claimKinds: z.array(z.enum(claimKinds)),
  diseases: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type MyPolicy = z.infer<typeof MyPolicy>;
export const MyPolicies = z.array(MyPolicy);
/** A policy ending within this many days says so on 我的保障. */
export const EXPIRING_DAYS = 30;

export const MemberClaimBody = ClaimFactsFields.extend({ policyId: z.string().min(1).max(64).optional() }).superRefine(
  (f, ctx) => {
    for (const i of claimFactIssues(f)) ctx.addIssue({ code: 'custom', path: [i.path], message: i.message });
  },
);
export type MemberClaimBody = z.infer<typeof MemberClaimBody>;

export const MemberBankAccount = z.object({
  memberId: z.string(),
  holderName: z.string(),
  bankName: z.string(),
  bankAccountMasked: z.string(),
});
export const MemberProfile = MemberAccount.extend({
  bankName: z.string().nullable(),
  bankAccountMasked: z.string().nullable(),
  holderName: z.string().nullable(),
});

// ---------- FAQ (政策问答) ----------
export const faqCategories = ['enrolment', 'claims', 'relief', 'account', 'other'] as const;
export const faqCategoryLabels: Record<(typeof faqCategories)[number], string> = {
  enrolment: '参保缴费',
  claims: '申领给付',
  relief: '救助慰问',
  account: '账号与实名',
  other: '其他',
};
export const FaqBody = z.object({
  question: z.string().trim().min(4).max(200),
  answer: z.string().trim().min(4).max(5000),
  category: z.enum(faqCategories),
  published: z.boolean().default(false),
  sortOrder: z.number().int().min(0).max(100_000).default(0),
});
export type FaqBody = z.infer<typeof FaqBody>;
export const FaqEntry = z.object({
  id: z.string(),
  question: z.string(),
  answer: z.string(),
  category: z.enum(faqCategories),
  published: z.boolean(),
  sortOrder: z.number().int(),
  updatedAt: z.string(),
});
export type FaqEntry = z.infer<typeof FaqEntry>;
export const FaqQuery = z.object({ q: z.string().trim().max(50).optional() });
export const FaqList = z.array(FaqEntry);
