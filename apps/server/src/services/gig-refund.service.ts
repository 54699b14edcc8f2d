import { gigEnrolmentLifecycle } from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import type { PaymentProvider, RefundAnswer } from '../adapters/payment-types.ts';
import type { ServiceDeps } from './service-deps.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { FINAL_REFUND_STATUSES, gigRefundRepository as refunds } from '../repositories/gig-refund.repository.ts';
import { type GigEnrolmentRow, gigRepository as repo } from '../repositories/gig.repository.ts';
import { move } from './lifecycle-move.ts';
import { withCoverageOf } from './report-summary.service.ts';

type Deps = Pick<ServiceDeps, 'db' | 'clock' | 'audit'> & { log?: { warn(obj: unknown, msg: string): void } };

/** An open refund is asked again (or queried) by the reconciliation pass once it is this old. */
export const REFUND_RETRY_AFTER_MS = 60_000;

/** The refund number of an order (one refund per order: WeChat Pay keeps one refund per out_refund_no). */
export const refundNoOf = (outTradeNo: string) => `R${outTradeNo}`.slice(0, 64);

/**
 * Refund of a cancelled gig enrolment (issue 12 item 3). A worker who cancels a paid order before its cover starts
 * (00:00 China time the day after payment) gets the money back: one transaction moves the order `effective →
 * refunded` (the conditional `move()`: of two cancels one wins), cancels its policy (in force → cancelled, through
 * withCoverageOf so the reports drop it) and marks the payment as being refunded — each audited once. After the
 * commit the provider is asked (`POST /v3/refund/domestic/refunds`, one refund per refund number: asking again answers
 * the same refund); its answer, or later its refund notification (`REFUND.SUCCESS`, signature and amount checked) or
 * the reconciliation pass's query, settles the payment once. Repeated or forged notifications change nothing.
 */
export function createGigRefundService(deps: Deps, provider: PaymentProvider) {
  const { db, clock, audit } = deps;

  async function refuse(reason: string, outTradeNo: string | null, noticeId: string | null) {
    deps.log?.warn({ reason, outTradeNo, noticeId }, 'refund notification refused');
    await repo.insertNotice(db, {
      id: newId(),
      provider: provider.name,
      received_at: clock.iso(),
      outcome: 'refused',
      reason: `refund: ${reason}`,
      out_trade_no: outTradeNo,
      notice_id: noticeId,
    });
  }

  /** Records a provider's word on a refund once; a SUCCESS (or a failure) is audited the one time it changes it. */
  async function settle(
    payment: { id: string; office_id: string; enrolment_id: string; amount_fen: number },
    r: RefundAnswer,
    source: 'answer' | 'notify' | 'query',
  ) {
    const status = r.status || 'PROCESSING';
    const final = (FINAL_REFUND_STATUSES as readonly string[]).includes(status);
    await db.transaction().execute(async (trx) => {
      const changed = await refunds.settleRefund(trx, payment.id, {
        status,
        refundId: r.refundId,
        refundedAt: status === 'SUCCESS' ? (r.successTime ?? clock.iso()) : null,
      });
      if (changed && final)
        await audit.record(trx, null, {
          action: status === 'SUCCESS' ? 'gig_payment.refunded' : 'gig_payment.refund_failed',
          objectType: 'gig_payment',
          objectId: payment.id,
          officeId: payment.office_id,
          after: {
            status,
            refundId: r.refundId,
            amountFen: payment.amount_fen,
            source,
            enrolmentId: payment.enrolment_id,
          },
        });
    });
    if (status === 'CLOSED' || status === 'ABNORMAL')
      deps.log?.warn({ paymentId: payment.id, status }, 'refund did not go through; the office must follow up');
  }

  /** Asks the provider after the commit; a provider that cannot be reached leaves the refund FAILED for the retry. */
  async function ask(
    row: GigEnrolmentRow,
    payment: { id: string; office_id: string; enrolment_id: string; amount_fen: number },
    reason: string,
  ) {
    try {
      const answer = await provider.refund({
        outTradeNo: row.out_trade_no,
        outRefundNo: refundNoOf(row.out_trade_no),
        refundFen: payment.amount_fen,
        totalFen: payment.amount_fen,
        reason,
      });
      await settle(payment, answer, 'answer');
    } catch (e) {
      deps.log?.warn({ err: e, outTradeNo: row.out_trade_no }, 'refund request failed; the reconciliation retries');
      await refunds.settleRefund(db, payment.id, { status: 'FAILED', refundId: null, refundedAt: null });
    }
  }

  return {
    /**
     * The worker cancels a paid order whose cover has not started: refunded, its policy cancelled, exactly once.
     * Cover already started (or the order not paid) → REFUND_NOT_ALLOWED.
     */
    async cancelPaid(actor: Actor, row: GigEnrolmentRow): Promise<void> {
      if (row.status !== 'effective' || !row.policy_id)
        throw new AppError('REFUND_NOT_ALLOWED', { status: row.status });
      const policy = await repo.policy(db, row.office_id, row.policy_id);
      const payment = await repo.paymentOf(db, row.office_id, row.id);
      if (!policy || !payment) throw new AppError('REFUND_NOT_ALLOWED', { status: row.status });
      if (policy.start_date <= clock.today())
        throw new AppError(
          'REFUND_NOT_ALLOWED',
          { field: 'startDate', startDate: policy.start_date },
          `保障已于 ${policy.start_date} 开始，不能退款`,
        );
      const reason = '参保人在保障开始前取消';
      try {
        await db.transaction().execute(async (trx) => {
          await move(trx, audit, actor, {
            lifecycle: gigEnrolmentLifecycle,
            table: 'gig_enrolment',
            row,
            command: 'refund',
            patch: { updated_at: clock.iso() },
            why: { reason, policyId: policy.id, amountFen: payment.amount_fen, refundNo: refundNoOf(row.out_trade_no) },
          });
          const cancelled = await withCoverageOf(trx, row.office_id, [row.member_id], () =>
            refunds.cancelPolicy(trx, row.office_id, policy.id),
          );
          if (cancelled !== 1) throw new AppError('CONFLICT', { policyId: policy.id });
          await audit.record(trx, actor, {
            action: 'policy.cancel',
            objectType: 'policy',
            objectId: policy.id,
            officeId: row.office_id,
            before: { state: 'in_force', startDate: policy.start_date, endDate: policy.end_date },
            after: { state: 'cancelled', reason, enrolmentId: row.id },
          });
          if ((await refunds.startRefund(trx, payment.id, refundNoOf(row.out_trade_no), clock.iso())) !== 1)
            throw new AppError('CONFLICT', { paymentId: payment.id });
        });
      } catch (e) {
        // A second cancel that lost the race: the first one's transaction did it all.
        if (e instanceof AppError && e.code === 'INVALID_TRANSITION') return;
        throw e;
      }
      await ask(row, payment, reason);
    },

    /**
     * `POST /payments/wechat/refund-notify`: signature, decryption, merchant, refund number, order and amount checked
     * before anything changes; a refusal is logged and answered 4xx. A repeat changes nothing.
     */
    async notify(headers: Record<string, string | string[] | undefined>, rawBody: string): Promise<void> {
      if (!provider.verifyRefundNotification) {
        await refuse('no provider takes refund notifications', null, null);
        throw new AppError('NOT_FOUND');
      }
      let n: ReturnType<NonNullable<PaymentProvider['verifyRefundNotification']>>;
      try {
        n = provider.verifyRefundNotification(headers, rawBody);
      } catch (e) {
        const reason = e instanceof AppError ? String((e.details as { reason?: string })?.reason ?? e.code) : 'invalid';
        await refuse(reason, null, null);
        throw e;
      }
      const payment = await refunds.paymentByRefundNo(db, n.outRefundNo);
      if (!payment || payment.out_trade_no !== n.outTradeNo) {
        await refuse('unknown refund', n.outTradeNo, n.noticeId);
        throw new AppError('NOT_FOUND', { outRefundNo: n.outRefundNo });
      }
      if (n.refundFen !== payment.amount_fen) {
        await refuse('AMOUNT_MISMATCH', n.outTradeNo, n.noticeId);
        throw new AppError('AMOUNT_MISMATCH', { expectedFen: payment.amount_fen, refundFen: n.refundFen });
      }
      await settle(payment, n, 'notify');
    },

    /** The reconciliation pass: refunds that never reached the provider are asked again, open ones queried. */
    async reconcile(limit = 100): Promise<{ settled: number }> {
      const open = await refunds.openRefunds(
        db,
        new Date(clock.now().getTime() - REFUND_RETRY_AFTER_MS).toISOString(),
        limit,
      );
      let settled = 0;
      for (const p of open) {
        try {
          let answer: RefundAnswer | null = null;
          if (p.refund_status === 'PROCESSING' && provider.queryRefund)
            answer = await provider.queryRefund(p.refund_no!);
          if (!answer || p.refund_status === 'FAILED') {
            const row = await repo.enrolment(db, p.office_id, p.enrolment_id);
            if (!row) continue;
            answer = await provider.refund({
              outTradeNo: row.out_trade_no,
              outRefundNo: p.refund_no!,
              refundFen: p.amount_fen,
              totalFen: p.amount_fen,
              reason: '参保人在保障开始前取消',
            });
          }
          await settle(p, answer, 'query');
          if ((FINAL_REFUND_STATUSES as readonly string[]).includes(answer.status)) settled += 1;
        } catch (e) {
          deps.log?.warn({ err: e, paymentId: p.id }, 'refund reconciliation failed for one payment');
        }
      }
      return { settled };
    },
  };
}

export type GigRefundService = ReturnType<typeof createGigRefundService>;
