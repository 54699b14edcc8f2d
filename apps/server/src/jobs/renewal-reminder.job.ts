import { addDays } from '@huzhu/core';
import type { Clock } from '../clock.ts';
import type { DbHandle } from '../db/dialect.ts';
import type { NotificationService } from '../services/notification.service.ts';

export interface RenewalReminderDeps {
  handle: DbHandle;
  clock: Clock;
  notifications: Pick<NotificationService, 'send'>;
}

/** Days before the end a member is reminded. */
export const REMIND_DAYS = 30;
const CHUNK = 500;

/** 2026-07-30 → 2026年7月30日, as a text reads. */
const chineseDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/**
 * Texts members whose policy ends in 30 days (China date) and is not renewed yet (no later live policy of the same
 * member and product), once per policy. Policies ending sooner that were never reminded are caught up too, so a day
 * the job did not run loses nobody. The reminder row is written first and the text sent after: the primary key lets
 * only one of two overlapping runs (or instances) claim a policy, and only the claimer sends. Returns texts sent.
 */
export async function sendRenewalReminders({ handle, clock, notifications }: RenewalReminderDeps): Promise<number> {
  const db = handle.db;
  const today = clock.today();
  const from = addDays(today, 1);
  const to = addDays(today, REMIND_DAYS);
  let sent = 0;
  for (const office of await db.selectFrom('office').select('id').execute()) {
    let after = { endDate: '', id: '' };
    for (;;) {
      const due = await db
        .selectFrom('policy')
        .innerJoin('member', 'member.id', 'policy.member_id')
        .innerJoin('product_version', 'product_version.id', 'policy.product_version_id')
        .select(['policy.id', 'policy.member_id', 'policy.end_date', 'member.mobile', 'product_version.name'])
        .where('policy.office_id', '=', office.id)
        .where('policy.end_date', '>=', from)
        .where('policy.end_date', '<=', to)
        .where('policy.state', '!=', 'cancelled')
        // Gig workers' own policies have their three reminders (gig-renewal-reminder.job.ts).
        .where('policy.channel', '=', 'unit')
        .where((eb) =>
          eb.or([
            eb('policy.end_date', '>', after.endDate),
            eb.and([eb('policy.end_date', '=', after.endDate), eb('policy.id', '>', after.id)]),
          ]),
        )
        .where('member.mobile', 'is not', null)
        .where('member.mobile', '!=', '')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('policy as later')
                .select('later.id')
                .whereRef('later.office_id', '=', 'policy.office_id')
                .whereRef('later.member_id', '=', 'policy.member_id')
                .whereRef('later.product_code', '=', 'policy.product_code')
                .whereRef('later.start_date', '>', 'policy.end_date')
                .where('later.state', '!=', 'cancelled'),
            ),
          ),
        )
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('renewal_reminder')
                .select('renewal_reminder.policy_id')
                .whereRef('renewal_reminder.office_id', '=', 'policy.office_id')
                .whereRef('renewal_reminder.policy_id', '=', 'policy.id'),
            ),
          ),
        )
        .orderBy('policy.end_date')
        .orderBy('policy.id')
        .limit(CHUNK)
        .execute();
      if (due.length === 0) break;
      const last = due.at(-1)!;
      after = { endDate: last.end_date, id: last.id };
      const sentAt = clock.iso();
      // Only the rows this run inserted come back: a policy another run claimed meanwhile is skipped, not re-sent.
      const claimed = await db
        .insertInto('renewal_reminder')
        .values(
          due.map((p) => ({
            office_id: office.id,
            policy_id: p.id,
            member_id: p.member_id,
            end_date: p.end_date,
            sent_at: sentAt,
          })),
        )
        .onConflict((oc) => oc.columns(['office_id', 'policy_id']).doNothing())
        .returning('policy_id')
        .execute();
      const mine = new Set(claimed.map((r) => r.policy_id));
      for (const p of due) {
        if (!mine.has(p.id)) continue;
        await notifications.send({
          officeId: office.id,
          to: p.mobile!,
          template: 'renewal_reminder',
          params: { product: p.name, date: chineseDate(p.end_date) },
          objectType: 'policy',
          objectId: p.id,
        });
        sent += 1;
      }
      if (due.length < CHUNK) break;
    }
  }
  return sent;
}

const DONE_KEY = 'renewal_reminders_day';
/** Texts go out from 09:00 China time, not at the stroke of midnight. */
const SEND_FROM_HOUR = 9;

/**
 * The scheduled form: the scheduler ticks every few minutes, reminders are a daily matter — the first tick of each
 * China day from 09:00 does the work, later ones only read the mark (a crash before the mark means the next tick
 * redoes the day, which the reminder key makes harmless).
 */
export async function dailyRenewalReminders(deps: RenewalReminderDeps): Promise<number> {
  const db = deps.handle.db;
  const today = deps.clock.today();
  if ((deps.clock.now().getUTCHours() + 8) % 24 < SEND_FROM_HOUR) return 0;
  const mark = await db.selectFrom('app_meta').select('value').where('key', '=', DONE_KEY).executeTakeFirst();
  if (mark?.value === today) return 0;
  const sent = await sendRenewalReminders(deps);
  await db
    .insertInto('app_meta')
    .values({ key: DONE_KEY, value: today })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: today }))
    .execute();
  return sent;
}
