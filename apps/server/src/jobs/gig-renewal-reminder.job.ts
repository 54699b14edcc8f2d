import { addDays, GIG_REMINDER_STAGES, gigReminderStage } from '@huzhu/core';
import type { Clock } from '../clock.ts';
import type { DbHandle } from '../db/dialect.ts';
import type { NotificationService } from '../services/notification.service.ts';
import { loadVersion } from '../services/product.service.ts';

export interface GigRenewalReminderDeps {
  handle: DbHandle;
  clock: Clock;
  notifications: Pick<NotificationService, 'send'>;
}

const CHUNK = 500;
/** Products gig workers hold on their own: sold to individuals, or a sponsor's gift. */
export const GIG_POLICY_CHANNELS = ['individual', 'gift'] as const;

const chineseDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/**
 * Texts gig workers whose own policy ends in 30, 14 or 3 days (China date) and is not renewed yet (no later live
 * policy of the same member in the same product or exclusive group), once per policy and stage. The stage row is
 * written first and the text sent after: the primary key (office, policy, stage) lets only one of two overlapping
 * runs or instances claim it, and only the claimer texts. A missed day is caught up by the stage then due
 * (core `gigReminderStage`). The first stage sent also marks the policy in `renewal_reminder`, so the expiring list
 * shows it reminded; the unit reminder job leaves these policies to this one. Returns the texts sent.
 */
export async function sendGigRenewalReminders({ handle, clock, notifications }: GigRenewalReminderDeps) {
  const db = handle.db;
  const today = clock.today();
  const from = addDays(today, 1);
  const to = addDays(today, Math.max(...GIG_REMINDER_STAGES));
  let sent = 0;
  for (const office of await db.selectFrom('office').select('id').execute()) {
    let after = { endDate: '', id: '' };
    for (;;) {
      const page = await db
        .selectFrom('policy')
        .innerJoin('member', 'member.id', 'policy.member_id')
        .select([
          'policy.id',
          'policy.member_id',
          'policy.start_date',
          'policy.end_date',
          'policy.product_version_id',
          'member.mobile',
        ])
        .where('policy.office_id', '=', office.id)
        .where('policy.channel', 'in', [...GIG_POLICY_CHANNELS])
        .where('policy.end_date', '>=', from)
        .where('policy.end_date', '<=', to)
        .where('policy.state', '=', 'in_force')
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
                .whereRef('later.start_date', '>', 'policy.end_date')
                .where('later.state', '!=', 'cancelled')
                .where((w) =>
                  w.or([
                    w('later.product_code', '=', w.ref('policy.product_code')),
                    w('later.exclusive_group', '=', w.ref('policy.exclusive_group')),
                  ]),
                ),
            ),
          ),
        )
        .orderBy('policy.end_date')
        .orderBy('policy.id')
        .limit(CHUNK)
        .execute();
      if (page.length === 0) break;
      const last = page.at(-1)!;
      after = { endDate: last.end_date, id: last.id };
      const due = page
        .map((p) => ({ ...p, stage: gigReminderStage(today, { startDate: p.start_date, endDate: p.end_date }) }))
        .filter((p): p is typeof p & { stage: number } => p.stage !== null);
      if (due.length > 0) {
        const sentAt = clock.iso();
        // Only the rows this run inserted come back: a stage another run claimed meanwhile is skipped, not re-sent.
        const claimed = await db
          .insertInto('gig_renewal_reminder')
          .values(
            due.map((p) => ({
              office_id: office.id,
              policy_id: p.id,
              days_before: p.stage,
              member_id: p.member_id,
              end_date: p.end_date,
              sent_at: sentAt,
            })),
          )
          .onConflict((oc) => oc.columns(['office_id', 'policy_id', 'days_before']).doNothing())
          .returning(['policy_id', 'days_before'])
          .execute();
        const mine = new Set(claimed.map((r) => `${r.policy_id}|${r.days_before}`));
        const texted = due.filter((p) => mine.has(`${p.id}|${p.stage}`));
        if (texted.length > 0)
          await db
            .insertInto('renewal_reminder')
            .values(
              texted.map((p) => ({
                office_id: office.id,
                policy_id: p.id,
                member_id: p.member_id,
                end_date: p.end_date,
                sent_at: sentAt,
              })),
            )
            .onConflict((oc) => oc.columns(['office_id', 'policy_id']).doNothing())
            .execute();
        for (const p of texted) {
          const product = await loadVersion(db, office.id, p.product_version_id);
          await notifications.send({
            officeId: office.id,
            to: p.mobile!,
            template: 'gig_renewal_reminder',
            params: {
              product: product.name,
              date: chineseDate(p.end_date),
              days: String(p.stage),
              grace: String(product.graceDays),
            },
            objectType: 'policy',
            objectId: p.id,
          });
          sent += 1;
        }
      }
      if (page.length < CHUNK) break;
    }
  }
  return sent;
}

const DONE_KEY = 'gig_renewal_reminders_day';
/** Texts go out from 09:00 China time, not at the stroke of midnight. */
const SEND_FROM_HOUR = 9;

/** The scheduled form: the first tick of each China day from 09:00 does the work (as the unit reminder job). */
export async function dailyGigRenewalReminders(deps: GigRenewalReminderDeps): Promise<number> {
  const db = deps.handle.db;
  const today = deps.clock.today();
  if ((deps.clock.now().getUTCHours() + 8) % 24 < SEND_FROM_HOUR) return 0;
  const mark = await db.selectFrom('app_meta').select('value').where('key', '=', DONE_KEY).executeTakeFirst();
  if (mark?.value === today) return 0;
  const sent = await sendGigRenewalReminders(deps);
  await db
    .insertInto('app_meta')
    .values({ key: DONE_KEY, value: today })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: today }))
    .execute();
  return sent;
}
