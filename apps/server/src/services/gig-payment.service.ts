import { checkEligibility, coverageTerms, gigEnrolmentLifecycle, gigRenewalStart, gigStartDate } from '@huzhu/core';
import type { PaidTransaction, PaymentProvider } from '../adapters/payment-types.ts';
import type { ServiceDeps } from './service-deps.ts';
import { AppError } from '../errors.ts';
import { faultPoint } from '../fault.ts';
import { newId } from '../ids.ts';
import { type GigEnrolmentRow, gigRepository as repo } from '../repositories/gig.repository.ts';
import { randomToken } from '../security/tokens.ts';
import { move } from './lifecycle-move.ts';
import { loadVersion } from './product.service.ts';
import { withCoverageOf } from './report-summary.service.ts';

type Deps = Pick<ServiceDeps, 'db' | 'clock' | 'audit'> & { log?: { warn(obj: unknown, msg: string): void } };

export type ActivationOutcome = 'activated' | 'already' | 'refunded';

/** What tells us of a payment: the provider's callback, our query of the provider, the demo cashier. */
export type PaymentSource = 'notify' | 'query' | 'demo';

/**
 * Activation of a paid gig order: exactly once, whatever arrives how often and in what order (a callback five
 * times, a callback before the browser returns, a query racing a callback). One transaction moves the order
 * `awaiting_payment → effective` through the one conditional `move()` (of two racers one wins, the other sees
 * `effective` and does nothing), writes the one payment record (unique per order) and the policy (cover from 00:00
 * China time the day after the payment), with the move's audit row. An amount that differs from the order is refused
 * and logged and changes nothing. Money for an order that can no longer become a policy (expired, cancelled, or the
 * member got covered meanwhile) is recorded and refunded — never a payment kept without a policy.
 */
export function createGigPaymentService(deps: Deps, provider: PaymentProvider) {
  const { db, clock, audit } = deps;

  async function refuse(reason: string, outTradeNo: string | null, noticeId: string | null) {
    deps.log?.warn({ reason, outTradeNo, noticeId }, 'payment notification refused');
    await repo.insertNotice(db, {
      id: newId(),
      provider: provider.name,
      received_at: clock.iso(),
      outcome: 'refused',
      reason,
      out_trade_no: outTradeNo,
      notice_id: noticeId,
    });
  }

  async function refundAfterCommit(row: GigEnrolmentRow, paymentId: string, reason: string) {
    const outRefundNo = `R${row.out_trade_no}`.slice(0, 64);
    let status = 'FAILED';
    try {
      status = (
        await provider.refund({
          outTradeNo: row.out_trade_no,
          outRefundNo,
          refundFen: row.fee_fen,
          totalFen: row.fee_fen,
          reason,
        })
      ).status;
    } catch (e) {
      deps.log?.warn({ err: e, outTradeNo: row.out_trade_no }, 'refund request failed; the reconciliation retries');
    }
    await repo.setRefund(db, paymentId, outRefundNo, status);
  }

  async function activateOnce(
    t: Pick<PaidTransaction, 'outTradeNo' | 'transactionId' | 'amountFen' | 'paidAt'>,
    source: PaymentSource,
  ): Promise<{ outcome: ActivationOutcome; refund?: { row: GigEnrolmentRow; paymentId: string; reason: string } }> {
    return db.transaction().execute(async (trx) => {
      const row = await repo.enrolmentByTradeNo(trx, t.outTradeNo);
      if (!row) throw new AppError('NOT_FOUND', { outTradeNo: t.outTradeNo });
      if (t.amountFen !== row.fee_fen)
        throw new AppError(
          'AMOUNT_MISMATCH',
          { expectedFen: row.fee_fen, paidFen: t.amountFen },
          '支付金额与订单金额不一致',
        );
      if (await repo.paymentOf(trx, row.office_id, row.id)) return { outcome: 'already' as const };
      const paidAt = t.paidAt ?? clock.iso();
      const payment = {
        id: newId(),
        office_id: row.office_id,
        enrolment_id: row.id,
        provider: provider.name,
        out_trade_no: row.out_trade_no,
        transaction_id: t.transactionId,
        amount_fen: t.amountFen,
        paid_at: paidAt,
        source,
        refund_no: null,
        refund_status: null,
        created_at: clock.iso(),
        refund_id: null,
        refund_requested_at: null,
        refunded_at: null,
      };
      const lifecycle = gigEnrolmentLifecycle;
      const product = await loadVersion(trx, row.office_id, row.product_version_id);
      // A renewal (one tap in the app) starts the day after the policy it renews, or after the payment when later.
      const renewed = row.renewal_of
        ? await trx
            .selectFrom('policy')
            .select('end_date')
            .where('office_id', '=', row.office_id)
            .where('id', '=', row.renewal_of)
            .executeTakeFirst()
        : undefined;
      const startDate = renewed ? gigRenewalStart(renewed.end_date, new Date(paidAt)) : gigStartDate(new Date(paidAt));
      const member = await trx
        .selectFrom('member')
        .select(['birth_date', 'sex'])
        .where('office_id', '=', row.office_id)
        .where('id', '=', row.member_id)
        .executeTakeFirstOrThrow();
      await repo.lockMemberCover(trx, row.office_id, row.member_id);
      const held = await repo.heldPolicies(trx, row.office_id, row.member_id);
      const issues =
        row.status === 'awaiting_payment'
          ? checkEligibility(
              product,
              { birthDate: member.birth_date, sex: member.sex, hasMedicalInsurance: true, shares: row.shares },
              startDate,
              held,
            )
          : [];
      if (row.status !== 'awaiting_payment' || issues.length > 0) {
        // The money came, the order cannot become a policy: keep the payment on record and give it back.
        const reason = issues[0]?.code ?? `order ${row.status}`;
        await repo.insertPayment(trx, payment);
        if (lifecycle.can(row.status, 'refund'))
          await move(trx, audit, null, {
            lifecycle,
            table: 'gig_enrolment',
            row,
            command: 'refund',
            patch: { paid_at: paidAt, updated_at: clock.iso() },
            why: { reason, amountFen: t.amountFen, source },
          });
        return { outcome: 'refunded' as const, refund: { row, paymentId: payment.id, reason } };
      }
      const terms = coverageTerms(
        product,
        row.shares,
        startDate,
        held.filter((p) => p.endDate < startDate),
      );
      const policyId = newId();
      await move(trx, audit, null, {
        lifecycle,
        table: 'gig_enrolment',
        row,
        command: 'pay',
        patch: { paid_at: paidAt, policy_id: policyId, updated_at: clock.iso() },
        why: { amountFen: t.amountFen, transactionId: t.transactionId, source, policyId, startDate },
      });
      await repo.insertPayment(trx, payment);
      await withCoverageOf(trx, row.office_id, [row.member_id], () =>
        repo.insertPolicy(trx, {
          id: policyId,
          office_id: row.office_id,
          member_id: row.member_id,
          unit_id: null,
          agency_id: row.agency_id,
          batch_id: null,
          product_version_id: product.id,
          product_code: product.code,
          exclusive_group: product.exclusiveGroup,
          channel: product.channel,
          shares: row.shares,
          fee_fen: row.fee_fen,
          start_date: terms.startDate,
          end_date: terms.endDate,
          waiting_end_date: terms.waitingEndDate,
          accident_waiting_end_date: terms.accidentWaitingEndDate,
          continuous: terms.continuous ? 1 : 0,
          renewal_of: row.renewal_of ?? null,
          state: 'in_force',
          certificate_code: randomToken(12),
          created_at: clock.iso(),
        }),
      );
      faultPoint('gig-activate:before-commit');
      return { outcome: 'activated' as const };
    });
  }

  /** Activates (or refunds) a paid order exactly once; a racer that lost answers `already`. */
  async function activate(
    t: Pick<PaidTransaction, 'outTradeNo' | 'transactionId' | 'amountFen' | 'paidAt'>,
    source: PaymentSource,
  ): Promise<ActivationOutcome> {
    let result: Awaited<ReturnType<typeof activateOnce>>;
    try {
      result = await activateOnce(t, source);
    } catch (e) {
      // Two activations at once on PostgreSQL: the loser's conditional update or payment insert failed, the
      // winner's transaction holds the order — nothing more to do.
      const row = await repo.enrolmentByTradeNo(db, t.outTradeNo);
      if (row && (await repo.paymentOf(db, row.office_id, row.id))) return 'already';
      throw e;
    }
    if (result.refund) await refundAfterCommit(result.refund.row, result.refund.paymentId, result.refund.reason);
    return result.outcome;
  }

  return {
    activate,

    /**
     * `POST /payments/wechat/notify`: signature (微信支付公钥, timestamp window), AES-256-GCM resource, merchant and
     * amount checked before anything changes; a refusal is logged (payment_notice) and answered 4xx so WeChat Pay
     * retries or gives up — it never activates.
     */
    async notify(headers: Record<string, string | string[] | undefined>, rawBody: string): Promise<ActivationOutcome> {
      if (!provider.verifyNotification) {
        await refuse('no provider takes notifications', null, null);
        throw new AppError('NOT_FOUND');
      }
      let t: ReturnType<NonNullable<PaymentProvider['verifyNotification']>>;
      try {
        t = provider.verifyNotification(headers, rawBody);
      } catch (e) {
        const reason = e instanceof AppError ? String((e.details as { reason?: string })?.reason ?? e.code) : 'invalid';
        await refuse(reason, null, null);
        throw e;
      }
      if (t.state !== 'paid') {
        await refuse(`trade state ${t.state}`, t.outTradeNo, t.noticeId);
        throw new AppError('VALIDATION_FAILED', { reason: 'not a successful payment' });
      }
      try {
        return await activate(t, 'notify');
      } catch (e) {
        if (e instanceof AppError) await refuse(e.code, t.outTradeNo, t.noticeId);
        throw e;
      }
    },

    /**
     * The reconciliation job's pass: every order still waiting is asked of the provider; paid ones are activated
     * (a payment that came while this server was down), ones past their deadline are closed at the provider and
     * expired. Returns what it did.
     */
    async reconcile(limit = 200): Promise<{ activated: number; expired: number }> {
      const done = { activated: 0, expired: 0 };
      const rows = await repo.awaiting(db, limit, clock.iso());
      for (const row of rows) {
        const outcome = await settle(row);
        if (outcome === 'activated') done.activated += 1;
        if (outcome === 'expired') done.expired += 1;
      }
      return done;
    },

    settle,
  };

  /** One waiting order: the provider's word first (query), then the deadline. */
  async function settle(row: GigEnrolmentRow): Promise<ActivationOutcome | 'expired' | 'waiting'> {
    const t = await provider.query(row.out_trade_no);
    if (t?.state === 'paid') return activate(t, 'query');
    if (new Date(row.expires_at).getTime() > clock.now().getTime()) return 'waiting';
    await provider.close(row.out_trade_no);
    try {
      await db.transaction().execute((trx) =>
        move(trx, audit, null, {
          lifecycle: gigEnrolmentLifecycle,
          table: 'gig_enrolment',
          row,
          command: 'expire',
          patch: { updated_at: clock.iso() },
          why: { reason: 'payment window passed' },
        }),
      );
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'INVALID_TRANSITION')) throw e;
      return 'waiting';
    }
    return 'expired';
  }
}

export type GigPaymentService = ReturnType<typeof createGigPaymentService>;
