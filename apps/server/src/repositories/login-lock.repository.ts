import type { Db } from '../db/tables.ts';

/** Login lock-outs per (account, source network) — see security/login-source.ts. */
export const loginLockRepository = {
  /**
   * The office admin's alert of a lock (a `notification` row of kind `user_locked`, one per account): a further lock
   * of the same account raises it again with the new text and time.
   */
  raiseLockAlert: (db: Db, row: { id: string; officeId: string; userId: string; message: string; at: string }) =>
    db
      .insertInto('notification')
      .values({
        id: row.id,
        office_id: row.officeId,
        agency_id: null,
        kind: 'user_locked',
        object_type: 'user',
        object_id: row.userId,
        message: row.message,
        created_at: row.at,
        read_at: null,
      })
      .onConflict((oc) =>
        oc
          .columns(['office_id', 'kind', 'object_id'])
          .doUpdateSet({ message: row.message, created_at: row.at, read_at: null }),
      )
      .execute(),

  /**
   * A page of the office's lock alerts (one per account), newest first, with the account they are about;
   * `lockedAfter` keeps the accounts still locked after that instant.
   */
  async lockAlerts(db: Db, officeId: string, f: { lockedAfter?: string; page: number; pageSize: number }) {
    let base = db
      .selectFrom('notification')
      .innerJoin('app_user', 'app_user.id', 'notification.object_id')
      .where('notification.office_id', '=', officeId)
      .where('notification.kind', '=', 'user_locked')
      .where('app_user.office_id', '=', officeId);
    if (f.lockedAfter) base = base.where('app_user.locked_until', '>', f.lockedAfter);
    const [items, count] = await Promise.all([
      base
        .select([
          'notification.id',
          'notification.kind',
          'notification.object_id as user_id',
          'notification.message',
          'notification.created_at',
          'app_user.username',
          'app_user.display_name',
          'app_user.locked_until',
        ])
        .orderBy('notification.created_at', 'desc')
        .orderBy('notification.id', 'desc')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },

  find: (db: Db, userId: string, source: string) =>
    db
      .selectFrom('login_lock')
      .selectAll()
      .where('user_id', '=', userId)
      .where('source', '=', source)
      .executeTakeFirst(),

  /** Counts one wrong password from the source, in the database (parallel attempts all count); the new count. */
  async countFailure(db: Db, row: { userId: string; officeId: string | null; source: string; at: string }) {
    const r = await db
      .insertInto('login_lock')
      .values({
        user_id: row.userId,
        source: row.source,
        office_id: row.officeId,
        failed_count: 1,
        lock_level: 0,
        locked_until: null,
        updated_at: row.at,
      })
      .onConflict((oc) =>
        oc.columns(['user_id', 'source']).doUpdateSet((eb) => ({
          failed_count: eb('login_lock.failed_count', '+', 1),
          updated_at: row.at,
        })),
      )
      .returning(['failed_count', 'lock_level'])
      .executeTakeFirstOrThrow();
    return { failedCount: Number(r.failed_count), lockLevel: Number(r.lock_level) };
  },

  /** Locks the source until `until` when it has `threshold` failures; false when another request locked it first. */
  async lock(db: Db, userId: string, source: string, threshold: number, until: string, at: string) {
    const r = await db
      .updateTable('login_lock')
      .set((eb) => ({
        failed_count: 0,
        lock_level: eb('lock_level', '+', 1),
        locked_until: until,
        updated_at: at,
      }))
      .where('user_id', '=', userId)
      .where('source', '=', source)
      .where('failed_count', '>=', threshold)
      .returning('lock_level')
      .executeTakeFirst();
    return r ? Number(r.lock_level) : null;
  },

  /** A good password from the source: its count and backoff start again. */
  clear: (db: Db, userId: string, source: string) =>
    db.deleteFrom('login_lock').where('user_id', '=', userId).where('source', '=', source).execute(),

  /** An office admin's unlock: every source. */
  clearAll: (db: Db, userId: string) => db.deleteFrom('login_lock').where('user_id', '=', userId).execute(),
};
