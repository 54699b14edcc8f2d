import { sql } from 'kysely';
import type { Db } from '../db/tables.ts';

/** Refund results that end a refund: after one of these, nothing about it changes. */
export const FINAL_REFUND_STATUSES = ['SUCCESS', 'CLOSED', 'ABNORMAL'] as const;

/** Refunds of gig payments: asked once (the refund number is written only while none is), settled once. */
export const gigRefundRepository = {
  paymentByRefundNo: (db: Db, refundNo: string) =>
    db.selectFrom('gig_payment').selectAll().where('refund_no', '=', refundNo).executeTakeFirst(),

  /** Marks the payment as being refunded; 0 when a refund was already asked (a racer, a repeat). */
  startRefund: async (db: Db, paymentId: string, refundNo: string, at: string) =>
    Number(
      (
        await db
          .updateTable('gig_payment')
          .set({ refund_no: refundNo, refund_status: 'PROCESSING', refund_requested_at: at })
          .where('id', '=', paymentId)
          .where('refund_no', 'is', null)
          .executeTakeFirst()
      ).numUpdatedRows,
    ),

  /** Records the provider's word on a refund unless a final result is already recorded; 1 = changed. */
  settleRefund: async (
    db: Db,
    paymentId: string,
    r: { status: string; refundId: string | null; refundedAt: string | null },
  ) =>
    Number(
      (
        await db
          .updateTable('gig_payment')
          .set({
            refund_status: r.status,
            refund_id: sql<string | null>`coalesce(${r.refundId}, refund_id)`,
            refunded_at: r.refundedAt,
          })
          .where('id', '=', paymentId)
          .where((eb) =>
            eb.or([eb('refund_status', 'is', null), eb('refund_status', 'not in', [...FINAL_REFUND_STATUSES])]),
          )
          .where('refund_status', '!=', r.status)
          .executeTakeFirst()
      ).numUpdatedRows,
    ),

  /** Refunds still open (asked but not settled, or the request never reached the provider), oldest first. */
  openRefunds: (db: Db, askedBefore: string, limit: number) =>
    db
      .selectFrom('gig_payment')
      .selectAll()
      .where('refund_no', 'is not', null)
      .where('refund_status', 'in', ['PROCESSING', 'FAILED'])
      .where('refund_requested_at', '<=', askedBefore)
      .orderBy('refund_requested_at')
      .limit(limit)
      .execute(),

  /** Ends a policy (in force → cancelled) once; 0 when it was not in force. */
  cancelPolicy: async (db: Db, officeId: string, policyId: string) =>
    Number(
      (
        await db
          .updateTable('policy')
          .set({ state: 'cancelled' })
          .where('office_id', '=', officeId)
          .where('id', '=', policyId)
          .where('state', '=', 'in_force')
          .executeTakeFirst()
      ).numUpdatedRows,
    ),
};
