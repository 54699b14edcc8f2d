import {
  addDays,
  checkEligibility,
  diffDays,
  GIFT_PRODUCT,
  type GigRenewalBody,
  type GigRenewalOffer,
  gigRenewalOpen,
  gigRenewalStart,
  isContinuousRenewal,
  paymentDeadline,
} from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import type { PaymentProvider } from '../adapters/payment-types.ts';
import type { ServiceDeps } from './service-deps.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { GIG_POLICY_CHANNELS } from '../jobs/gig-renewal-reminder.job.ts';
import { type GigEnrolmentRow, gigRepository as repo } from '../repositories/gig.repository.ts';
import { gigRenewalRepository } from '../repositories/gig-renewal.repository.ts';
import type { createGigEnrolmentService } from './gig-enrolment.service.ts';
import { ownMember } from './member-app.service.ts';
import { currentVersion, loadVersion } from './product.service.ts';

type Deps = Pick<ServiceDeps, 'db' | 'clock' | 'audit'>;
type Enrolments = ReturnType<typeof createGigEnrolmentService>;

/** A gift is renewed by buying the individual product of its exclusive group. */
const RENEWS_AS: Record<string, string> = { [GIFT_PRODUCT]: 'GIG' };
/** Ended policies stay on the renewal list this long (continuity is long gone by then, a new term is still one tap). */
export const RENEWAL_LIST_AFTER_END_DAYS = 90;

/**
 * One-tap renewal of a gig worker's own policy (issue 12 item 5): `GET /m/me/renewals` lists the member's individual
 * and gift policies that can be renewed (from 30 days before the end, not renewed yet), `POST /m/me/renewals` orders
 * the renewal — the same order and payment as a first enrolment (`gig_enrolment`, then activation), marked
 * `renewal_of` so its cover starts the day after the old one ends (or the day after payment, when later). Paid within
 * the product's grace after the old end it is a continuous renewal (no new waiting period); later it starts afresh.
 */
export function createGigRenewalService(deps: Deps, provider: PaymentProvider, enrolments: Pick<Enrolments, 'get'>) {
  const { db, clock, audit } = deps;

  async function offer(officeId: string, p: Awaited<ReturnType<typeof gigRenewalRepository.candidates>>[number]) {
    const today = clock.today();
    const renewCode = RENEWS_AS[p.product_code] ?? p.product_code;
    const product = await currentVersion(db, officeId, renewCode).catch(() => null);
    if (product?.channel !== 'individual') return null;
    const startDate = gigRenewalStart(p.end_date, clock.now());
    const held = [
      { productCode: p.product_code, exclusiveGroup: p.exclusive_group, startDate: p.start_date, endDate: p.end_date },
    ];
    const old = await loadVersion(db, officeId, p.product_version_id);
    const shares = Math.min(Math.max(p.shares, product.minShares), product.maxShares);
    return {
      product,
      offer: {
        policyId: p.id,
        productCode: p.product_code,
        productName: old.name,
        endDate: p.end_date,
        daysLeft: diffDays(today, p.end_date),
        renewProductCode: product.code,
        renewProductName: product.name,
        feeFen: product.feePerShareFen * shares,
        shares,
        startDate,
        continuous: isContinuousRenewal(product, startDate, held),
        continuousUntil: addDays(p.end_date, product.graceDays),
      } satisfies GigRenewalOffer,
    };
  }

  return {
    async offers(actor: Actor): Promise<GigRenewalOffer[]> {
      if (actor.kind === 'member' && !actor.memberId) return [];
      const { officeId, memberId } = ownMember(actor);
      const today = clock.today();
      const rows = await gigRenewalRepository.candidates(db, officeId, memberId, [...GIG_POLICY_CHANNELS]);
      const out: GigRenewalOffer[] = [];
      for (const p of rows) {
        if (!gigRenewalOpen(today, p.end_date)) continue;
        if (diffDays(p.end_date, today) > RENEWAL_LIST_AFTER_END_DAYS) continue;
        const o = await offer(officeId, p);
        if (o) out.push(o.offer);
      }
      return out;
    },

    async renew(actor: Actor, body: GigRenewalBody, ctx: { clientIp: string; origin: string }) {
      const { officeId, memberId } = ownMember(actor);
      const candidates = await gigRenewalRepository.candidates(db, officeId, memberId, [...GIG_POLICY_CHANNELS]);
      const p = candidates.find((c) => c.id === body.policyId);
      if (!p) {
        // Not the member's own gig policy (404), or one already renewed (422, as a second enrolment would be).
        const own = await gigRenewalRepository.ownPolicy(db, officeId, memberId, body.policyId);
        if (!own || !(GIG_POLICY_CHANNELS as readonly string[]).includes(own.channel))
          throw new AppError('NOT_FOUND', { policyId: body.policyId });
        throw new AppError('ALREADY_COVERED', { field: 'policyId' }, '该保障已续保');
      }
      const today = clock.today();
      if (!gigRenewalOpen(today, p.end_date))
        throw new AppError('RENEWAL_NOT_OPEN', {
          field: 'policyId',
          endDate: p.end_date,
          opensOn: addDays(p.end_date, -30),
        });
      const made = await offer(officeId, p);
      if (!made) throw new AppError('NOT_ELIGIBLE', { field: 'policyId' }, '该保障项目已停止个人续保');
      const { product, offer: o } = made;

      // A renewal order of this policy still waiting for its money is answered again (a second tap, a retry).
      const open = await repo.openEnrolmentsOf(db, officeId, memberId);
      const live = open.filter((r) => new Date(r.expires_at).getTime() > clock.now().getTime());
      const same = live.find((r) => r.renewal_of === p.id);
      if (same) return enrolments.get(actor, same.id);

      const member = await db
        .selectFrom('member')
        .select(['birth_date', 'sex'])
        .where('office_id', '=', officeId)
        .where('id', '=', memberId)
        .executeTakeFirstOrThrow();
      const held = await repo.heldPolicies(db, officeId, memberId);
      for (const r of live)
        held.push({
          productCode: r.product_code,
          exclusiveGroup: r.exclusive_group,
          startDate: o.startDate,
          endDate: o.startDate,
        });
      const issues = checkEligibility(
        product,
        { birthDate: member.birth_date, sex: member.sex, hasMedicalInsurance: true, shares: o.shares },
        o.startDate,
        held,
      );
      if (issues.length > 0) {
        const first = issues[0]!;
        throw new AppError(first.code, { field: first.field, issues }, first.message);
      }

      // Attribution: the channel (and agency) the renewed policy came through.
      const origin = await gigRenewalRepository.originOf(db, officeId, p.id);
      const now = clock.now();
      const row: GigEnrolmentRow = {
        id: newId(),
        office_id: officeId,
        member_id: memberId,
        account_id: actor.id,
        channel_id: origin?.channel_id ?? null,
        agency_id: origin?.agency_id ?? p.agency_id,
        product_version_id: product.id,
        product_code: product.code,
        exclusive_group: product.exclusiveGroup,
        shares: o.shares,
        fee_fen: o.feeFen,
        status: 'awaiting_payment',
        provider: provider.name,
        out_trade_no: `HZ${newId().replaceAll('-', '')}`.slice(0, 32),
        prepay_json: null,
        expires_at: paymentDeadline(now).toISOString(),
        paid_at: null,
        policy_id: null,
        gift_campaign_id: null,
        renewal_of: p.id,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      };
      await db.transaction().execute(async (trx) => {
        await repo.insertEnrolment(trx, row);
        await audit.record(trx, actor, {
          action: 'gig_enrolment.renew',
          objectType: 'gig_enrolment',
          objectId: row.id,
          officeId,
          after: {
            renewalOf: p.id,
            productCode: row.product_code,
            shares: row.shares,
            feeFen: row.fee_fen,
            startDate: o.startDate,
            continuous: o.continuous,
          },
        });
      });
      const cashier = await provider.createOrder({
        outTradeNo: row.out_trade_no,
        description: `${product.name}（续保）`.slice(0, 120),
        amountFen: row.fee_fen,
        expiresAt: new Date(row.expires_at),
        ...(body.openid ? { openid: body.openid } : {}),
        clientIp: ctx.clientIp,
        returnUrl: `${ctx.origin}/m/#/gig/order/${row.id}`,
      });
      await repo.setPrepay(db, row.id, JSON.stringify(cashier));
      return enrolments.get(actor, row.id);
    },
  };
}

export type GigRenewalService = ReturnType<typeof createGigRenewalService>;
