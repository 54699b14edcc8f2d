import { sql } from 'kysely';
import type { DbHandle } from '../db/dialect.ts';

/**
 * One run of a scheduled job at a time across every instance of the app on one database. On PostgreSQL a
 * session-level advisory lock, taken without waiting on a connection of its own and held for the whole run (texts
 * included): an instance that finds it taken skips that tick. The lock goes with the connection, so an instance that
 * dies mid-run frees it. SQLite serves one instance per database file; there the scheduler's own no-overlap rule is
 * the lock.
 */

/**
 * Advisory-lock keys, one per job (any fixed numbers, as long as no two locks share one). Not 4_200_501: the overdue
 * job's own transaction lock, which stays as a second guard for direct calls.
 */
export const jobLockKeys: Record<string, number> = {
  'claim-overdue': 4_200_511,
  'renewal-reminder': 4_200_512,
  'claim-queue-compact': 4_200_520,
  'gig-renewal-reminder': 4_200_513,
  'gig-reconcile': 4_200_514,
  'complaint-escalation': 4_200_531,
};

export const SKIPPED = Symbol('skipped: another instance is running this job');

/** Runs `run` while holding the job's lock; returns SKIPPED when another instance holds it. */
export async function withJobLock<T>(
  handle: Pick<DbHandle, 'db' | 'kind'>,
  job: string,
  run: () => Promise<T>,
): Promise<T | typeof SKIPPED> {
  if (handle.kind !== 'postgres') return run();
  const key = jobLockKeys[job];
  if (key === undefined) throw new Error(`job ${job} has no lock key (jobs/job-lock.ts)`);
  return handle.db.connection().execute(async (conn) => {
    // Keyed by the job and the schema: databases holding several schemas (tests) lock each one apart.
    const got = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_lock(${key}, hashtext(current_schema())) as locked`.execute(conn);
    if (!got.rows[0]?.locked) return SKIPPED;
    try {
      return await run();
    } finally {
      await sql`select pg_advisory_unlock(${key}, hashtext(current_schema()))`.execute(conn);
    }
  });
}
