import { z } from 'zod';
import { channelKinds } from '../gig/gig-enrolment.ts';

/**
 * The on-site service queue of a channel (issue 12 item 2): an agency clerk at a station shows the channel's QR code
 * on a phone or tablet and follows who scanned it today, at which step each one is, and who is stuck.
 */
export const queueSteps = ['signed_in', 'real_named', 'ordered', 'paid', 'covered'] as const;
export type QueueStep = (typeof queueSteps)[number];

/** A person who has not moved on for this long (and is not paid or covered) is shown as stuck. */
export const QUEUE_STUCK_MINUTES = 10;
/** The list shows at most this many people of the day, the latest first. */
export const QUEUE_MAX_PEOPLE = 200;

export const QueuePerson = z.object({
  accountId: z.string(),
  /** 张* — or null while the person has not passed real-name verification. */
  maskedName: z.string().nullable(),
  maskedMobile: z.string(),
  step: z.enum(queueSteps),
  /** The product of today's order, if any. */
  productCode: z.string().nullable(),
  /** When the person came today (first sign-in, registration or order through the channel). */
  firstSeenAt: z.string(),
  /** The last thing the person did. */
  lastActivityAt: z.string(),
  stuck: z.boolean(),
  stuckMinutes: z.number().int(),
});
export type QueuePerson = z.infer<typeof QueuePerson>;

export const ChannelQueue = z.object({
  channel: z.object({
    id: z.string(),
    code: z.string(),
    url: z.string(),
    name: z.string(),
    kind: z.enum(channelKinds),
    status: z.enum(['open', 'closed']),
    agencyName: z.string().nullable(),
  }),
  date: z.string(),
  generatedAt: z.string(),
  counts: z.object({
    total: z.number().int(),
    stuck: z.number().int(),
    finished: z.number().int(),
    byStep: z.record(z.enum(queueSteps), z.number().int()),
  }),
  people: z.array(QueuePerson),
});
export type ChannelQueue = z.infer<typeof ChannelQueue>;
