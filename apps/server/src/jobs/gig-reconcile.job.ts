import { sql } from 'kysely';
import type { DbHandle } from '../db/dialect.ts';
import type { GigPaymentService } from '../services/gig-payment.service.ts';

// Any fixed number works, as long as no other job uses it: PostgreSQL advisory locks are keyed by it.
const GIG_RECONCILE_LOCK_KEY = 4_200_512;

export interface GigReconcileDeps {
  handle: DbHandle;
  payments: Pick<GigPaymentService, 'reconcile'>;
}

/**
 * Orders paid while this server was down (or whose callback never came) are activated, orders past their payment
 * window are closed at the provider and expired. On PostgreSQL one instance at a time runs it (a session advisory
 * lock held over the pass, released after it); activation is idempotent anyway, so an overlap could not double a
 * policy. Returns what it did, or null when another instance holds the lock.
 */
export async function reconcileGigPayments({ handle, payments }: GigReconcileDeps) {
  if (handle.kind !== 'postgres') return payments.reconcile();
  return handle.db.connection().execute(async (conn) => {
    const lock = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_lock(${GIG_RECONCILE_LOCK_KEY}) as locked`.execute(conn);
    if (!lock.rows[0]?.locked) return null;
    try {
      return await payments.reconcile();
    } finally {
      await sql`select pg_advisory_unlock(${GIG_RECONCILE_LOCK_KEY})`.execute(conn);
    }
  });
}
