import { z } from 'zod';
import { channelKinds, gigEnrolmentStatuses } from '../gig/gig-enrolment.ts';
import { safeText } from '../validation/safe-text.ts';
import { isoDate } from './common.ts';

/** A channel code: what follows `?c=` in a channel URL. */
export const ChannelCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{4,16}$/, { message: '渠道码应为 4–16 位字母或数字' });

export const GigEnrolmentBody = z.object({
  productCode: z.string().trim().min(1).max(20),
  shares: z.number().int().min(1).max(100).optional(),
  channelCode: ChannelCode.optional(),
  giftCampaignId: z.string().min(1).max(64).optional(),
  /** Inside WeChat: the payer's openid for a JSAPI order; outside it an H5 order is made. */
  openid: z.string().trim().min(1).max(128).optional(),
});
export type GigEnrolmentBody = z.infer<typeof GigEnrolmentBody>;

export const GigPolicy = z.object({
  id: z.string(),
  productCode: z.string(),
  shares: z.number(),
  startDate: z.string(),
  endDate: z.string(),
  certificateCode: z.string(),
});

export const GigPayment = z.object({
  provider: z.enum(['demo', 'wechat']),
  cashierUrl: z.string().optional(),
  h5Url: z.string().optional(),
  jsapi: z
    .object({
      appId: z.string(),
      timeStamp: z.string(),
      nonceStr: z.string(),
      package: z.string(),
      signType: z.literal('RSA'),
      paySign: z.string(),
    })
    .optional(),
});

export const GigEnrolment = z.object({
  id: z.string(),
  status: z.enum(gigEnrolmentStatuses),
  productCode: z.string(),
  shares: z.number(),
  feeFen: z.number(),
  channelCode: z.string().nullable(),
  expiresAt: z.string(),
  paidAt: z.string().nullable(),
  payment: GigPayment.optional(),
  policy: GigPolicy.optional(),
});
export type GigEnrolment = z.infer<typeof GigEnrolment>;

export const ChannelBody = z.object({
  name: safeText({ min: 2, max: 60 }),
  kind: z.enum(channelKinds),
  agencyId: z.string().min(1).max(64).optional(),
  /** Products offered through the channel; absent: GIG and SHORT_ACC. */
  products: z.array(z.string().trim().min(1).max(20)).min(1).max(10).optional(),
});
export type ChannelBody = z.infer<typeof ChannelBody>;

export const ChannelRow = z.object({
  id: z.string(),
  code: z.string(),
  url: z.string(),
  name: z.string(),
  kind: z.enum(channelKinds),
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
  products: z.array(z.string()),
  status: z.enum(['open', 'closed']),
  createdAt: z.string(),
});
export type ChannelRow = z.infer<typeof ChannelRow>;

export const ChannelList = z.object({
  items: z.array(ChannelRow),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const ChannelListQuery = z.object({
  q: z.string().trim().max(60).optional(),
  kind: z.enum(channelKinds).optional(),
  status: z.enum(['open', 'closed']).optional(),
  agencyId: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const ChannelLanding = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(channelKinds),
  agencyName: z.string().nullable(),
  products: z.array(
    z.object({ code: z.string(), name: z.string(), feePerShareFen: z.number(), termLabel: z.string() }),
  ),
  gifts: z.array(z.object({ campaignId: z.string(), name: z.string(), remaining: z.number() })),
});

export const channelReportGroupings = ['channel', 'agency', 'kind'] as const;
export type ChannelReportGrouping = (typeof channelReportGroupings)[number];

export const ChannelReportQuery = z.object({
  from: isoDate.optional().describe('first day (China date; default: 1 January of the year of `to`)'),
  to: isoDate.optional().describe('last day (default: today)'),
  agencyId: z.string().max(64).optional(),
  /** Only channels of one kind: the stations (驿站), the events (活动)… */
  kind: z.enum(channelKinds).optional(),
  /** `groups` per channel (default), per agency or per channel kind. */
  groupBy: z.enum(channelReportGroupings).default('channel'),
  format: z.enum(['json', 'xlsx']).default('json'),
});

export const ChannelReportRow = z.object({
  channelId: z.string(),
  name: z.string(),
  kind: z.enum(channelKinds),
  agencyId: z.string().nullable().optional(),
  agencyName: z.string().nullable(),
  registrations: z.number(),
  verified: z.number(),
  enrolments: z.number(),
  paid: z.number(),
  gifts: z.number(),
  feeFen: z.number(),
});

/** The funnel's figures of a group of channels (an agency, a kind, or the total). */
export const ChannelFunnel = z.object({
  key: z.string(),
  label: z.string(),
  channels: z.number().int(),
  registrations: z.number(),
  verified: z.number(),
  enrolments: z.number(),
  paid: z.number(),
  gifts: z.number(),
  feeFen: z.number(),
});
export type ChannelFunnel = z.infer<typeof ChannelFunnel>;

export const ChannelReport = z.object({
  from: z.string(),
  to: z.string(),
  /** One row per channel (of the kind asked for). */
  rows: z.array(ChannelReportRow),
  groupBy: z.enum(channelReportGroupings).optional(),
  /** The rows added up per `groupBy` (per channel: one group per channel). */
  groups: z.array(ChannelFunnel).optional(),
  total: ChannelFunnel.optional(),
});
export type ChannelReport = z.infer<typeof ChannelReport>;

/** A gig worker's own policy that can be renewed with one tap (`GET /m/me/renewals`). */
export const GigRenewalOffer = z.object({
  policyId: z.string(),
  productCode: z.string(),
  productName: z.string(),
  endDate: isoDate,
  /** Days from today to the end (negative once it has ended). */
  daysLeft: z.number().int(),
  /** What a renewal buys: the same product, or GIG for a gift. */
  renewProductCode: z.string(),
  renewProductName: z.string(),
  feeFen: z.number().int(),
  shares: z.number().int(),
  /** The first day of the renewal if paid today. */
  startDate: isoDate,
  /** Paid today, the renewal carries on the cover with no new waiting period. */
  continuous: z.boolean(),
  /** The last day to pay a renewal that keeps continuity (its cover then starts within the product's grace). */
  continuousUntil: isoDate,
});
export type GigRenewalOffer = z.infer<typeof GigRenewalOffer>;
export const GigRenewalOffers = z.array(GigRenewalOffer);

export const GigRenewalBody = z.object({
  policyId: z.string().min(1).max(64),
  openid: z.string().trim().min(1).max(128).optional(),
});
export type GigRenewalBody = z.infer<typeof GigRenewalBody>;
