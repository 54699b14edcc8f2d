import {
  addDays,
  checkEligibility,
  type GigEnrolment,
  type GigEnrolmentBody,
  GIFT_PRODUCT,
  gigEnrolmentLifecycle,
  paymentDeadline,
  termEnd,
} from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import type { PaymentProvider } from '../adapters/payment-types.ts';
import type { ServiceDeps } from './service-deps.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { type GigEnrolmentRow, gigRepository as repo } from '../repositories/gig.repository.ts';
import type { GiftCampaignService } from './gift-campaign.service.ts';
import type { GigPaymentService } from './gig-payment.service.ts';
import type { GigRefundService } from './gig-refund.service.ts';
import { move } from './lifecycle-move.ts';
import { ownMember } from './member-app.service.ts';
import { currentVersion } from './product.service.ts';

type Deps = Pick<ServiceDeps, 'db' | 'clock' | 'audit'>;

/** Products a channel offers when its creator named none. */
export const DEFAULT_CHANNEL_PRODUCTS = ['GIG', 'SHORT_ACC'];

/**
 * A gig worker's own order (api.md `POST /m/enrolments`): the product (`GIG`, `SHORT_ACC` — products sold to
 * individuals) with its shares, through a channel if the worker came by one; eligibility by the same core rules as a
 * unit roster (age band on the start date, already covered, exclusive group), checked again when the money comes.
 */
export function createGigEnrolmentService(
  deps: Deps,
  provider: PaymentProvider,
  payments: GigPaymentService,
  gifts: GiftCampaignService,
  refunds: GigRefundService,
) {
  const { db, clock, audit } = deps;

  async function view(row: GigEnrolmentRow, withPayment: boolean): Promise<GigEnrolment> {
    const channel = row.channel_id
      ? await db.selectFrom('channel').select('code').where('id', '=', row.channel_id).executeTakeFirst()
      : undefined;
    const policy = row.policy_id ? await repo.policy(db, row.office_id, row.policy_id) : undefined;
    return {
      id: row.id,
      status: row.status,
      productCode: row.product_code,
      shares: row.shares,
      feeFen: row.fee_fen,
      channelCode: channel?.code ?? null,
      expiresAt: row.expires_at,
      paidAt: row.paid_at,
      ...(withPayment && row.status === 'awaiting_payment'
        ? { payment: { provider: row.provider, ...(row.prepay_json ? JSON.parse(row.prepay_json) : {}) } }
        : {}),
      ...(policy
        ? {
            policy: {
              id: policy.id,
              productCode: policy.product_code,
              shares: policy.shares,
              startDate: policy.start_date,
              endDate: policy.end_date,
              certificateCode: policy.certificate_code,
            },
          }
        : {}),
    };
  }

  async function own(actor: Actor, id: string): Promise<GigEnrolmentRow> {
    const { officeId, memberId } = ownMember(actor);
    const row = await repo.enrolment(db, officeId, id);
    if (!row || row.member_id !== memberId) throw new AppError('NOT_FOUND');
    return row;
  }

  return {
    async create(actor: Actor, body: GigEnrolmentBody, ctx: { clientIp: string; origin: string }) {
      const { officeId, memberId } = ownMember(actor);
      // A gift (新业态赠险): claimed, not paid — the gift campaign service grants it or refuses.
      if (body.giftCampaignId) return gifts.claim(actor, body.giftCampaignId, body.channelCode);
      if (body.productCode === GIFT_PRODUCT)
        throw new AppError('NOT_ELIGIBLE', { field: 'giftCampaignId' }, '赠险须通过赠险活动领取');
      // The channel: the one named, else the one the account registered through (attribution sticks).
      let channel: { id: string; agency_id: string | null; products_json: string } | undefined;
      if (body.channelCode) {
        const c = await repo.channelByCode(db, officeId, body.channelCode);
        if (!c || c.status !== 'open') throw new AppError('NOT_FOUND', { channelCode: body.channelCode });
        channel = c;
        await repo.setAccountChannel(db, actor.id, c.id);
      } else {
        const acc = await repo.accountChannel(db, actor.id);
        if (acc?.channel_id)
          channel = await db
            .selectFrom('channel')
            .select(['id', 'agency_id', 'products_json'])
            .where('id', '=', acc.channel_id)
            .executeTakeFirst();
      }
      const offered: string[] = channel ? JSON.parse(channel.products_json) : DEFAULT_CHANNEL_PRODUCTS;
      if (!offered.includes(body.productCode))
        throw new AppError('NOT_ELIGIBLE', { field: 'productCode', offered }, '该渠道不提供此产品');
      let product: Awaited<ReturnType<typeof currentVersion>>;
      try {
        product = await currentVersion(db, officeId, body.productCode);
      } catch {
        throw new AppError('NOT_FOUND', { productCode: body.productCode });
      }
      if (product.channel !== 'individual')
        throw new AppError('NOT_ELIGIBLE', { field: 'productCode' }, '该产品不面向个人参保');
      const shares = body.shares ?? product.minShares;

      // An order of the same product still waiting for its money is answered again (a second tap, a retry).
      const open = await repo.openEnrolmentsOf(db, officeId, memberId);
      const same = open.find(
        (o) => o.product_code === product.code && new Date(o.expires_at).getTime() > clock.now().getTime(),
      );
      if (same) return view(same, true);

      const member = await db
        .selectFrom('member')
        .select(['birth_date', 'sex'])
        .where('office_id', '=', officeId)
        .where('id', '=', memberId)
        .executeTakeFirstOrThrow();
      const startDate = addDays(clock.today(), 1);
      const held = await repo.heldPolicies(db, officeId, memberId);
      // A live order of a competing product counts as held: two orders never make two policies of one group.
      for (const o of open)
        if (new Date(o.expires_at).getTime() > clock.now().getTime())
          held.push({
            productCode: o.product_code,
            exclusiveGroup: o.exclusive_group,
            startDate,
            endDate: termEnd(product.term, startDate),
          });
      const issues = checkEligibility(
        product,
        { birthDate: member.birth_date, sex: member.sex, hasMedicalInsurance: true, shares },
        startDate,
        held,
      );
      if (issues.length > 0) {
        const first = issues[0]!;
        throw new AppError(first.code, { field: first.field, issues }, first.message);
      }

      const now = clock.now();
      const row: GigEnrolmentRow = {
        id: newId(),
        office_id: officeId,
        member_id: memberId,
        account_id: actor.id,
        channel_id: channel?.id ?? null,
        agency_id: channel?.agency_id ?? null,
        product_version_id: product.id,
        product_code: product.code,
        exclusive_group: product.exclusiveGroup,
        shares,
        fee_fen: product.feePerShareFen * shares,
        status: 'awaiting_payment',
        provider: provider.name,
        out_trade_no: `HZ${newId().replaceAll('-', '')}`.slice(0, 32),
        prepay_json: null,
        expires_at: paymentDeadline(now).toISOString(),
        paid_at: null,
        policy_id: null,
        gift_campaign_id: null,
        renewal_of: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      };
      await db.transaction().execute(async (trx) => {
        await repo.insertEnrolment(trx, row);
        await audit.record(trx, actor, {
          action: 'gig_enrolment.create',
          objectType: 'gig_enrolment',
          objectId: row.id,
          officeId,
          after: { productCode: row.product_code, shares, feeFen: row.fee_fen, channelId: row.channel_id },
        });
      });
      // The provider's order after our own row exists: a callback can never find no order.
      const cashier = await provider.createOrder({
        outTradeNo: row.out_trade_no,
        description: product.name.slice(0, 120),
        amountFen: row.fee_fen,
        expiresAt: new Date(row.expires_at),
        ...(body.openid ? { openid: body.openid } : {}),
        clientIp: ctx.clientIp,
        returnUrl: `${ctx.origin}/m/#/gig/order/${row.id}`,
      });
      row.prepay_json = JSON.stringify(cashier);
      await repo.setPrepay(db, row.id, row.prepay_json);
      return view(row, true);
    },

    /** The order's state; while it waits, the provider is asked (the browser came back before any callback). */
    async get(actor: Actor, id: string) {
      const gift = await gifts.ownGrant(actor, id);
      if (gift) return gift;
      let row = await own(actor, id);
      if (row.status === 'awaiting_payment') {
        await payments.settle(row);
        row = await own(actor, id);
      }
      return view(row, true);
    },

    /** The demo cashier's "paid" button: the same activation as a provider's callback. */
    async demoPay(actor: Actor, id: string) {
      const row = await own(actor, id);
      if (provider.name !== 'demo') throw new AppError('NOT_FOUND');
      if (row.status === 'awaiting_payment' && new Date(row.expires_at).getTime() <= clock.now().getTime()) {
        await payments.settle(row);
        throw new AppError('ENROLMENT_EXPIRED', { expiresAt: row.expires_at });
      }
      if (row.status === 'expired' || row.status === 'cancelled')
        throw new AppError('ENROLMENT_EXPIRED', { status: row.status });
      await payments.activate(
        { outTradeNo: row.out_trade_no, transactionId: null, amountFen: row.fee_fen, paidAt: clock.iso() },
        'demo',
      );
      return view((await own(actor, id)) as GigEnrolmentRow, false);
    },

    /**
     * The worker gives up an order: before paying it, closed at the provider too; paid but its cover not yet started,
     * refunded (its policy cancelled) through the payment adapter.
     */
    async cancel(actor: Actor, id: string) {
      const row = await own(actor, id);
      if (row.status === 'effective' || row.status === 'refunded') {
        if (row.status === 'effective') await refunds.cancelPaid(actor, row);
        return view(await own(actor, id), false);
      }
      await provider.close(row.out_trade_no);
      await db
        .transaction()
        .execute((trx) =>
          move(trx, audit, actor, { lifecycle: gigEnrolmentLifecycle, table: 'gig_enrolment', row, command: 'cancel' }),
        );
      return view(await own(actor, id), false);
    },
  };
}
