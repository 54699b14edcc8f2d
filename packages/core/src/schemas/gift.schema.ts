import { z } from 'zod';
import { giftCampaignStatuses } from '../gig/gift-campaign.ts';
import { safeText } from '../validation/safe-text.ts';
import { isoDate, Paging, pageOf } from './common.ts';
import { employmentKinds, gigKinds } from './member.schema.ts';

/** The most gifts one campaign may hold (a sponsor's budget is counted in gifts). */
export const GIFT_BUDGET_MAX = 1_000_000;

export const GiftEligibilitySchema = z
  .object({
    employmentKinds: z.array(z.enum(employmentKinds)).max(2).optional(),
    gigKinds: z.array(z.enum(gigKinds)).max(5).optional(),
    agencyIds: z.array(z.string().min(1).max(64)).max(100).optional(),
    minAge: z.number().int().min(16).max(65).optional(),
    maxAge: z.number().int().min(16).max(65).optional(),
  })
  .refine((e) => e.minAge === undefined || e.maxAge === undefined || e.minAge <= e.maxAge, {
    message: '最低年龄不能大于最高年龄',
    path: ['maxAge'],
  });

export const GiftCampaignBody = z.object({
  name: safeText({ min: 2, max: 60 }),
  sponsor: safeText({ min: 2, max: 60 }),
  productCode: z.string().trim().min(1).max(20).default('GIG_GIFT'),
  budgetCount: z.number().int().min(1).max(GIFT_BUDGET_MAX),
  startDate: isoDate,
  endDate: isoDate,
  eligibility: GiftEligibilitySchema.default({}),
});
export type GiftCampaignBody = z.infer<typeof GiftCampaignBody>;

/** An edit: any of the fields; the budget may grow, or shrink down to what is already granted. */
export const GiftCampaignPatch = z.object({
  name: safeText({ min: 2, max: 60 }).optional(),
  sponsor: safeText({ min: 2, max: 60 }).optional(),
  budgetCount: z.number().int().min(1).max(GIFT_BUDGET_MAX).optional(),
  startDate: isoDate.optional(),
  endDate: isoDate.optional(),
  eligibility: GiftEligibilitySchema.optional(),
});
export type GiftCampaignPatch = z.infer<typeof GiftCampaignPatch>;

export const GiftCampaign = z.object({
  id: z.string(),
  name: z.string(),
  sponsor: z.string(),
  productCode: z.string(),
  productName: z.string(),
  budgetCount: z.number(),
  granted: z.number(),
  remaining: z.number(),
  startDate: z.string(),
  endDate: z.string(),
  eligibility: z.object({
    employmentKinds: z.array(z.enum(employmentKinds)).optional(),
    gigKinds: z.array(z.enum(gigKinds)).optional(),
    agencyIds: z.array(z.string()).optional(),
    minAge: z.number().optional(),
    maxAge: z.number().optional(),
  }),
  status: z.enum(giftCampaignStatuses),
  /** Open and inside its period today. */
  claimable: z.boolean(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export type GiftCampaign = z.infer<typeof GiftCampaign>;

export const GiftCampaignListQuery = Paging.extend({
  q: z.string().trim().max(60).optional(),
  status: z.enum(giftCampaignStatuses).optional(),
});

export const GiftCampaignList = pageOf(GiftCampaign);

/** A roster grant's outcome: how many were granted, and every row that was not, with its Excel row and reason. */
export const GiftGrantResult = z.object({
  campaignId: z.string(),
  totalRows: z.number(),
  granted: z.number(),
  refused: z.number(),
  remaining: z.number(),
  issues: z.array(
    z.object({ row: z.number(), column: z.string(), code: z.string(), severity: z.string(), message: z.string() }),
  ),
});
export type GiftGrantResult = z.infer<typeof GiftGrantResult>;
