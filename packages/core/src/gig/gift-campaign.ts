import type { ErrorCode } from '../errors.ts';
import type { employmentKinds, gigKinds } from '../schemas/member.schema.ts';
import { ageOn, type IsoDate } from '../time/dates.ts';

/**
 * Gift cover campaigns (新业态赠险, issue 12 item 4): a sponsor pays for a number of `GIG_GIFT` policies (the budget,
 * counted in gifts) given free to eligible workers during a period — claimed in the member app, or granted in bulk
 * from a roster an industry union or agency collected. Each worker gets at most one gift per campaign.
 */
type EmploymentKind = (typeof employmentKinds)[number];
type GigKind = (typeof gigKinds)[number];

export interface GiftEligibility {
  /** Employment kinds taken (absent or empty: any). */
  employmentKinds?: EmploymentKind[];
  /** For gig workers: the sub-kinds taken (absent or empty: any). */
  gigKinds?: GigKind[];
  /** The worker's agency (the channel's agency, else their unit's) must be one of these (absent or empty: any). */
  agencyIds?: string[];
  /** Full years on the policy's start date, inclusive (within the product's own band, which applies too). */
  minAge?: number;
  maxAge?: number;
}

export const giftCampaignStatuses = ['open', 'closed'] as const;
export type GiftCampaignStatus = (typeof giftCampaignStatuses)[number];
export const giftCampaignStatusLabels: Record<GiftCampaignStatus, string> = { open: '进行中', closed: '已结束' };

export interface GiftCandidate {
  employmentKind: EmploymentKind | null;
  gigKind: GigKind | null;
  agencyId: string | null;
  birthDate: IsoDate;
}

export interface GiftRefusal {
  code: ErrorCode;
  field: string;
  message: string;
}

/** Whether a campaign accepts claims on `today` (China date): open, and inside its period (both ends inclusive). */
export function giftCampaignOpen(
  c: { status: GiftCampaignStatus; startDate: IsoDate; endDate: IsoDate },
  today: IsoDate,
): GiftRefusal | null {
  if (c.status !== 'open')
    return { code: 'GIFT_CAMPAIGN_CLOSED', field: 'giftCampaignId', message: '该赠险活动已结束' };
  if (today < c.startDate)
    return { code: 'GIFT_CAMPAIGN_CLOSED', field: 'giftCampaignId', message: `该赠险活动 ${c.startDate} 开始领取` };
  if (today > c.endDate)
    return { code: 'GIFT_CAMPAIGN_CLOSED', field: 'giftCampaignId', message: `该赠险活动已于 ${c.endDate} 结束` };
  return null;
}

/** The campaign's own conditions on one worker (the product's rules — age band, already covered — apply besides). */
export function giftEligibilityIssue(e: GiftEligibility, w: GiftCandidate, startDate: IsoDate): GiftRefusal | null {
  const refuse = (field: string, message: string): GiftRefusal => ({ code: 'GIFT_NOT_ELIGIBLE', field, message });
  if (e.employmentKinds?.length && (!w.employmentKind || !e.employmentKinds.includes(w.employmentKind)))
    return refuse('employmentKind', '本活动仅面向指定人员类别');
  if (e.gigKinds?.length && (w.employmentKind !== 'gig' || !w.gigKind || !e.gigKinds.includes(w.gigKind)))
    return refuse('gigKind', '本活动仅面向指定的新就业形态职业');
  if (e.agencyIds?.length && (!w.agencyId || !e.agencyIds.includes(w.agencyId)))
    return refuse('agencyId', '本活动仅面向指定代办处（区县）的劳动者');
  const age = ageOn(w.birthDate, startDate);
  if ((e.minAge !== undefined && age < e.minAge) || (e.maxAge !== undefined && age > e.maxAge))
    return refuse('birthDate', `本活动面向 ${e.minAge ?? 16}–${e.maxAge ?? 65} 周岁的劳动者（您 ${age} 周岁）`);
  return null;
}
