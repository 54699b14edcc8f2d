import { sql } from 'kysely';
import type { Clock } from '../clock.ts';
import type { DbHandle } from '../db/dialect.ts';
import { insertMany } from '../db/insert-many.ts';
import { newId } from '../ids.ts';
import type { Audit } from '../services/audit.service.ts';
import { claimRef } from '../services/notification.service.ts';

export interface OverdueJobDeps {
  handle: DbHandle;
  clock: Clock;
  audit: Audit;
}

// Any fixed number works, as long as no other job uses it: PostgreSQL advisory locks are keyed by it.
const OVERDUE_LOCK_KEY = 4_200_501;
const CHUNK = 500;

/**
 * Marks accepted claims that passed their due date undecided as overdue and tells their agency, once per claim:
 * a notification record (the console lists it) and an audit row, in the same transaction as the mark. On PostgreSQL
 * only the instance holding the advisory lock runs it; the unique notification key backs that up.
 * Returns how many claims it marked, or null when another instance was running it.
 */
export async function markOverdueClaims({ handle, clock, audit }: OverdueJobDeps): Promise<number | null> {
  const today = clock.today();
  let marked = 0;
  for (;;) {
    const result = await handle.db.transaction().execute(async (trx) => {
      if (handle.kind === 'postgres') {
        const lock = await sql<{
          locked: boolean;
        }>`select pg_try_advisory_xact_lock(${OVERDUE_LOCK_KEY}) as locked`.execute(trx);
        if (!lock.rows[0]?.locked) return null;
      }
      const due = await trx
        .selectFrom('claim')
        .select(['id', 'office_id', 'agency_id', 'due_date'])
        .where('status', '=', 'accepted')
        .where('due_date', '<', today)
        .where('notified_overdue_at', 'is', null)
        .orderBy('due_date')
        .limit(CHUNK)
        .execute();
      if (due.length === 0) return 0;
      const now = clock.iso();
      await trx
        .updateTable('claim')
        .set({ overdue: 1, notified_overdue_at: now })
        .where(
          'id',
          'in',
          due.map((c) => c.id),
        )
        .where('notified_overdue_at', 'is', null)
        .execute();
      await insertMany(
        trx,
        'notification',
        due.map((c) => ({
          id: newId(),
          office_id: c.office_id,
          agency_id: c.agency_id,
          kind: 'claim_overdue',
          object_type: 'claim',
          object_id: c.id,
          message: `申领 ${claimRef(c.id)} 已超过决定期限（${c.due_date}），请尽快处理`,
          created_at: now,
          read_at: null,
        })),
      );
      for (const c of due)
        await audit.record(trx, null, {
          action: 'claim.overdue',
          objectType: 'claim',
          objectId: c.id,
          officeId: c.office_id,
          after: { dueDate: c.due_date, notifiedAgencyId: c.agency_id },
        });
      return due.length;
    });
    if (result === null) return marked === 0 ? null : marked;
    marked += result;
    if (result < CHUNK) return marked;
  }
}
