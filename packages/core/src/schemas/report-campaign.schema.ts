import { z } from 'zod';
import { IdParam, isoDate, Paging, pageOf } from './common.ts';
import { safeText } from '../validation/safe-text.ts';
import { ReportFormat } from './report.schema.ts';

/** Campaigns (扩面提质专项行动, product.md §7): a named period and agency scope with targets. */

const count = z.number().int().min(0, { message: '目标不能为负数' }).max(100_000_000);

export const CampaignTargets = z.object({
  units: count.describe('units improved (new + upgraded)'),
  members: count.describe('members added'),
  contributionsFen: z
    .number()
    .int()
    .min(0, { message: '目标不能为负数' })
    .max(1e14)
    .describe('contributions added, in fen'),
});
export type CampaignTargets = z.infer<typeof CampaignTargets>;

const campaignName = z
  .string()
  .trim()
  .min(1, { message: '请填写专项行动名称' })
  .pipe(safeText({ min: 1, max: 100 }));

export const CampaignCreate = z.object({
  name: campaignName,
  startDate: isoDate,
  endDate: isoDate,
  agencyIds: z.array(z.string().min(1).max(64)).max(1_000).default([]).describe('empty = every agency of the office'),
  targets: CampaignTargets,
});
export type CampaignCreate = z.infer<typeof CampaignCreate>;

export const CampaignUpdate = z
  .object({
    name: campaignName.optional(),
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
    targets: CampaignTargets.partial().optional(),
  })
  .strict();
export type CampaignUpdate = z.infer<typeof CampaignUpdate>;

export const Campaign = z.object({
  id: z.string(),
  name: z.string(),
  startDate: isoDate,
  endDate: isoDate,
  agencyIds: z.array(z.string()),
  targets: CampaignTargets,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Campaign = z.infer<typeof Campaign>;
/** The campaigns the caller may see, newest start first; `q` finds one by name. */
export const CampaignListQuery = Paging.extend({ q: z.string().trim().max(50).optional() });
export const CampaignPage = pageOf(Campaign);

export const CampaignParams = IdParam;
export const CampaignReportQuery = z.object({ format: ReportFormat });

const ratio = z.number().nullable().describe('0–1 (progress may pass 1); null when the denominator is 0');

export const CampaignRow = z.object({
  agencyId: z.string(),
  agencyName: z.string(),
  unitsNew: z.number().int(),
  unitsUpgraded: z.number().int(),
  unitsImproved: z.number().int(),
  membersAdded: z.number().int(),
  contributionsAddedFen: z.number().int(),
  periodUnits: z.number().int().describe('units with a term starting in the period'),
  periodMembers: z.number().int().describe('members of those terms'),
  periodContributionsFen: z.number().int().describe('fees of those terms'),
  unitsShare: ratio,
  membersShare: ratio,
  contributionsShare: ratio,
  unitsProgress: ratio,
  membersProgress: ratio,
  contributionsProgress: ratio,
});
export type CampaignRow = z.infer<typeof CampaignRow>;

export const CampaignReport = z.object({
  campaign: Campaign,
  /** The agency the caller sees (agency staff), or null for the campaign's whole scope. */
  agencyId: z.string().nullable(),
  rows: z.array(CampaignRow),
  total: CampaignRow,
});
export type CampaignReport = z.infer<typeof CampaignReport>;
