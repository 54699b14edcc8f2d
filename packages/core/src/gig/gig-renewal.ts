import { addDays, diffDays, type IsoDate } from '../time/dates.ts';
import { gigStartDate } from './gig-enrolment.ts';

/**
 * Renewal of a gig worker's own cover (issue 12 item 5; product.md §3 "Continuous renewal"): texts go out 30, 14 and
 * 3 days before a policy's end, each once; the worker renews with one tap in the app. A renewal starts the day after
 * the old policy ends (no gap, so no new waiting period), or the day after the payment when that is later — still
 * continuous while it starts within the product's grace days after the old end, with a waiting period after that.
 */

/** Days before the end a gig worker is texted, latest first. */
export const GIG_REMINDER_STAGES = [30, 14, 3] as const;
/** A renewal can be ordered from this many days before the old policy's end (the first reminder's day). */
export const GIG_RENEWAL_OPENS_DAYS = 30;

/**
 * The reminder due on `today` for a policy, or null: the nearest stage not before today (a day the job did not run
 * is caught up by the next stage's text only — a worker 10 days from the end gets the 14-day text, never the 30-day
 * one). A stage as long as the whole term (a 30-day SHORT_ACC policy and the 30-day text) is skipped: the worker would
 * be reminded on the day cover began.
 */
export function gigReminderStage(
  today: IsoDate,
  policy: { startDate: IsoDate; endDate: IsoDate },
  stages: readonly number[] = GIG_REMINDER_STAGES,
): number | null {
  const daysLeft = diffDays(today, policy.endDate);
  if (daysLeft < 1) return null;
  const termDays = diffDays(policy.startDate, policy.endDate) + 1;
  const due = [...stages].sort((a, b) => a - b).find((s) => s >= daysLeft);
  if (due === undefined || due >= termDays) return null;
  return due;
}

/** Whether a policy ending on `endDate` can be renewed on `today` (from the opening day on, also after the end). */
export function gigRenewalOpen(today: IsoDate, endDate: IsoDate, opensDays = GIG_RENEWAL_OPENS_DAYS): boolean {
  return today >= addDays(endDate, -opensDays);
}

/** The renewal's first day: the day after the old end, or the day after the payment when that is later. */
export function gigRenewalStart(oldEndDate: IsoDate, paidAt: Date): IsoDate {
  const next = addDays(oldEndDate, 1);
  const afterPayment = gigStartDate(paidAt);
  if (next > afterPayment) return next;
  return afterPayment;
}
