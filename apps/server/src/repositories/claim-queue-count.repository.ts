import { sql } from 'kysely';
import type { DbHandle } from '../db/dialect.ts';
import type { Db } from '../db/tables.ts';

/** One key of the claims queue's maintained counts (migration 0019): a status, the due date of accepted claims. */
export interface QueueCountRow {
  status: string;
  due_key: string;
  n: number;
}

export interface QueueCounts {
  /** Claims the list shows (status and overdue filters applied). */
  listed: number;
  overdue: number;
  dueToday: number;
}

/**
 * Folds a queue's count rows into the figures the queue page shows. `overdue`: accepted and past the due date, the
 * same rule as the list's `overdue` filter; the overdue and due-today counts ignore the list's filters.
 */
export function queueCountsOf(
  rows: readonly QueueCountRow[],
  filter: { status?: string; overdue?: boolean },
  today: string,
): QueueCounts {
  const out: QueueCounts = { listed: 0, overdue: 0, dueToday: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    const late = r.status === 'accepted' && r.due_key !== '' && r.due_key < today;
    if (late) out.overdue += n;
    if (r.status === 'accepted' && r.due_key === today) out.dueToday += n;
    if (
      (filter.status === undefined || filter.status === r.status) &&
      (filter.overdue === undefined || filter.overdue === late)
    )
      out.listed += n;
  }
  return out;
}

export const claimQueueCountRepository = {
  /** The count rows of an office's queue, or of one agency's (`agencyKey`, '' for claims with no agency). */
  keys: (db: Db, officeId: string, agencyKey?: string): Promise<QueueCountRow[]> => {
    let q = db
      .selectFrom('claim_queue_delta')
      .select(['status', 'due_key', sql<number>`sum(n)`.as('n')])
      .where('office_id', '=', officeId);
    if (agencyKey !== undefined) q = q.where('agency_key', '=', agencyKey);
    return q.groupBy(['status', 'due_key']).execute();
  },

  /**
   * Folds every row into one per key (keys that sum to 0 disappear). PostgreSQL: one statement, so a delta committed
   * while it runs is either folded or left for the next run, never lost; SQLite: one write transaction (one writer).
   * Returns the rows folded away.
   */
  async compact(handle: Pick<DbHandle, 'db' | 'kind'>): Promise<number> {
    if (handle.kind === 'postgres') {
      const r = await sql<{ folded_away: number }>`
        with gone as (delete from claim_queue_delta returning office_id, agency_key, status, due_key, n),
        folded as (
          insert into claim_queue_delta (office_id, agency_key, status, due_key, n)
          select office_id, agency_key, status, due_key, sum(n) from gone
          group by office_id, agency_key, status, due_key having sum(n) <> 0
          returning 1
        )
        select (select count(*) from gone) - (select count(*) from folded) as folded_away`.execute(handle.db);
      return Number(r.rows[0]?.folded_away ?? 0);
    }
    return handle.db.transaction().execute(async (trx) => {
      const top = await trx
        .selectFrom('claim_queue_delta')
        .select([sql<number | null>`max(seq)`.as('max'), sql<number>`count(*)`.as('rows')])
        .executeTakeFirstOrThrow();
      if (top.max === null) return 0;
      await sql`
        insert into claim_queue_delta (office_id, agency_key, status, due_key, n)
        select office_id, agency_key, status, due_key, sum(n) from claim_queue_delta where seq <= ${top.max}
        group by office_id, agency_key, status, due_key having sum(n) <> 0`.execute(trx);
      const deleted = await trx.deleteFrom('claim_queue_delta').where('seq', '<=', top.max).executeTakeFirst();
      const left = await trx
        .selectFrom('claim_queue_delta')
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow();
      return Number(deleted.numDeletedRows) - Number(left.n);
    });
  },
};
