import { defineLifecycle } from '../lifecycle/lifecycle.ts';
import { addDays, chinaDate, type IsoDate } from '../time/dates.ts';

/**
 * A gig worker's own enrolment (product.md §4 "By an individual gig worker"): an order waits for payment
 * (`awaiting_payment`) for {@link PAYMENT_WINDOW_MINUTES}; paid, it becomes `effective` with its policy; unpaid it
 * `expire`s; the worker may `cancel` it before paying; an effective enrolment cancelled by the office is `refund`ed,
 * and so is money that arrived for an order that had already expired (no policy without a payment, no payment kept
 * without a policy).
 */
export const gigEnrolmentStatuses = ['awaiting_payment', 'effective', 'expired', 'cancelled', 'refunded'] as const;
export type GigEnrolmentStatus = (typeof gigEnrolmentStatuses)[number];
export type GigEnrolmentCommand = 'pay' | 'expire' | 'cancel' | 'refund';

export const gigEnrolmentLifecycle = defineLifecycle<GigEnrolmentStatus, GigEnrolmentCommand>({
  name: 'gig_enrolment',
  states: gigEnrolmentStatuses,
  transitions: {
    awaiting_payment: { pay: 'effective', expire: 'expired', cancel: 'cancelled', refund: 'refunded' },
    effective: { refund: 'refunded' },
    expired: { refund: 'refunded' },
    cancelled: { refund: 'refunded' },
    refunded: {},
  },
});

export const gigEnrolmentStatusLabels: Record<GigEnrolmentStatus, string> = {
  awaiting_payment: '待支付',
  effective: '已生效',
  expired: '已过期',
  cancelled: '已取消',
  refunded: '已退款',
};

/** An order waits this long for its payment, then expires (and is closed at the provider). */
export const PAYMENT_WINDOW_MINUTES = 30;

/** Products a worker buys on their own, and the gift product sponsors pay for. */
export const SELF_PRODUCTS = ['GIG', 'SHORT_ACC'] as const;
export const GIFT_PRODUCT = 'GIG_GIFT';

/** Cover starts at 00:00 China time the day after the payment (a payment at 23:59:59 China time: the next day). */
export function gigStartDate(paidAt: Date): IsoDate {
  return addDays(chinaDate(paidAt), 1);
}

/** When an order created at `createdAt` stops accepting its payment. */
export function paymentDeadline(createdAt: Date): Date {
  return new Date(createdAt.getTime() + PAYMENT_WINDOW_MINUTES * 60_000);
}

/** Channel kinds (product.md §7): 驿站, 活动, 平台企业, 专项行动, 行业工会. */
export const channelKinds = ['station', 'event', 'platform', 'campaign', 'union'] as const;
export type ChannelKind = (typeof channelKinds)[number];
export const channelKindLabels: Record<ChannelKind, string> = {
  station: '驿站',
  event: '活动',
  platform: '平台企业',
  campaign: '专项行动',
  union: '行业工会',
};
