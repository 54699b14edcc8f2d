import type { DbHandle } from '../db/dialect.ts';
import type { GigPaymentService } from '../services/gig-payment.service.ts';
import { SKIPPED, withJobLock } from './job-lock.ts';

export interface GigReconcileDeps {
  handle: DbHandle;
  payments: Pick<GigPaymentService, 'reconcile'>;
}

/**
 * Orders paid while this server was down (or whose callback never came) are activated, orders past their payment
 * window are closed at the provider and expired. On PostgreSQL one instance at a time runs it (the job lock of
 * jobs/job-lock.ts, held over the pass); activation is idempotent anyway, so an overlap could not double a policy.
 * Returns what it did, or null when another instance holds the lock.
 */
export async function reconcileGigPayments({ handle, payments }: GigReconcileDeps) {
  const r = await withJobLock(handle, 'gig-reconcile', () => payments.reconcile());
  return r === SKIPPED ? null : r;
}
