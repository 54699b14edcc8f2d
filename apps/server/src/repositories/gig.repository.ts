import type { HeldPolicy } from '@huzhu/core';
import { type Insertable, PostgresAdapter, type Selectable, sql, type Updateable } from 'kysely';
import type {
  ChannelTable,
  Db,
  GigEnrolmentTable,
  GigPaymentTable,
  PaymentNoticeTable,
  PolicyTable,
} from '../db/tables.ts';

export type ChannelDbRow = Selectable<ChannelTable>;

// Any fixed number no other advisory lock uses (the jobs' are 4_200_5xx, SMS codes 4_200_601).
const MEMBER_COVER_LOCK_KEY = 4_200_602;
export type GigEnrolmentRow = Selectable<GigEnrolmentTable>;

/** Gig self-enrolment: channels, orders, their payment and the refused notifications. */
export const gigRepository = {
  // ---------- channels ----------
  insertChannel: (db: Db, row: Insertable<ChannelTable>) => db.insertInto('channel').values(row).execute(),

  channelByCode: (db: Db, officeId: string, code: string) =>
    db
      .selectFrom('channel')
      .leftJoin('agency', 'agency.id', 'channel.agency_id')
      .selectAll('channel')
      .select('agency.name as agency_name')
      .where('channel.office_id', '=', officeId)
      .where('channel.code', '=', code)
      .executeTakeFirst(),

  channelById: (db: Db, officeId: string, id: string) =>
    db
      .selectFrom('channel')
      .leftJoin('agency', 'agency.id', 'channel.agency_id')
      .selectAll('channel')
      .select('agency.name as agency_name')
      .where('channel.office_id', '=', officeId)
      .where('channel.id', '=', id)
      .executeTakeFirst(),

  async listChannels(
    db: Db,
    officeId: string,
    f: { agencyId: string | null; q?: string; kind?: string; status?: string; page: number; pageSize: number },
  ) {
    let q = db
      .selectFrom('channel')
      .leftJoin('agency', 'agency.id', 'channel.agency_id')
      .where('channel.office_id', '=', officeId);
    if (f.agencyId) q = q.where('channel.agency_id', '=', f.agencyId);
    if (f.kind) q = q.where('channel.kind', '=', f.kind as ChannelTable['kind']);
    if (f.status) q = q.where('channel.status', '=', f.status as ChannelTable['status']);
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) => eb.or([eb('channel.name', 'like', like), eb('channel.code', '=', f.q ?? '')]));
    }
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const items = await q
      .selectAll('channel')
      .select('agency.name as agency_name')
      .orderBy('channel.created_at', 'desc')
      .orderBy('channel.id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute();
    return { items, total: Number(total.n) };
  },

  closeChannel: (db: Db, officeId: string, id: string, at: string) =>
    db
      .updateTable('channel')
      .set({ status: 'closed', closed_at: at })
      .where('office_id', '=', officeId)
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst(),

  setAccountChannel: (db: Db, accountId: string, channelId: string) =>
    db
      .updateTable('member_account')
      .set({ channel_id: channelId })
      .where('id', '=', accountId)
      .where('channel_id', 'is', null)
      .execute(),

  accountChannel: (db: Db, accountId: string) =>
    db.selectFrom('member_account').select('channel_id').where('id', '=', accountId).executeTakeFirst(),

  // ---------- orders ----------
  insertEnrolment: (db: Db, row: Insertable<GigEnrolmentTable>) => db.insertInto('gig_enrolment').values(row).execute(),

  enrolment: (db: Db, officeId: string, id: string) =>
    db
      .selectFrom('gig_enrolment')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('id', '=', id)
      .executeTakeFirst(),

  enrolmentByTradeNo: (db: Db, outTradeNo: string) =>
    db.selectFrom('gig_enrolment').selectAll().where('out_trade_no', '=', outTradeNo).executeTakeFirst(),

  openEnrolmentsOf: (db: Db, officeId: string, memberId: string) =>
    db
      .selectFrom('gig_enrolment')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('member_id', '=', memberId)
      .where('status', '=', 'awaiting_payment')
      .execute(),

  setPrepay: (db: Db, id: string, prepayJson: string) =>
    db.updateTable('gig_enrolment').set({ prepay_json: prepayJson }).where('id', '=', id).execute(),

  /** Orders still waiting for their payment, oldest first (the reconciliation job's work list). */
  awaiting: (db: Db, limit: number, createdBefore: string) =>
    db
      .selectFrom('gig_enrolment')
      .selectAll()
      .where('status', '=', 'awaiting_payment')
      .where('created_at', '<=', createdBefore)
      .orderBy('expires_at')
      .limit(limit)
      .execute(),

  updateEnrolment: (db: Db, id: string, patch: Updateable<GigEnrolmentTable>) =>
    db.updateTable('gig_enrolment').set(patch).where('id', '=', id).execute(),

  // ---------- policies and payments ----------
  /**
   * Inside a transaction, before its eligibility look-up: serialises the member's self-enrolments until it ends
   * (gifts of two campaigns, a gift and a paid order), so "already covered" and "exclusive group" are checked
   * against what a racer committed. PostgreSQL: a transaction advisory lock per member; SQLite: the transaction
   * holds the one write connection already.
   */
  async lockMemberCover(trx: Db, officeId: string, memberId: string): Promise<void> {
    if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
    await sql`select pg_advisory_xact_lock(${MEMBER_COVER_LOCK_KEY}, hashtext(current_schema() || ${`:${officeId}:${memberId}`}))`.execute(
      trx,
    );
  },

  /** The member's policies as eligibility needs them (same product or exclusive group compete). */
  async heldPolicies(db: Db, officeId: string, memberId: string): Promise<HeldPolicy[]> {
    const rows = await db
      .selectFrom('policy')
      .select(['product_code', 'exclusive_group', 'start_date', 'end_date', 'state'])
      .where('office_id', '=', officeId)
      .where('member_id', '=', memberId)
      .execute();
    return rows.map((p) => ({
      productCode: p.product_code,
      exclusiveGroup: p.exclusive_group,
      startDate: p.start_date,
      endDate: p.end_date,
      cancelled: p.state === 'cancelled',
    }));
  },

  insertPolicy: (db: Db, row: Insertable<PolicyTable>) => db.insertInto('policy').values(row).execute(),

  policy: (db: Db, officeId: string, id: string) =>
    db
      .selectFrom('policy')
      .select(['id', 'product_code', 'shares', 'start_date', 'end_date', 'certificate_code'])
      .where('office_id', '=', officeId)
      .where('id', '=', id)
      .executeTakeFirst(),

  insertPayment: (db: Db, row: Insertable<GigPaymentTable>) => db.insertInto('gig_payment').values(row).execute(),

  paymentOf: (db: Db, officeId: string, enrolmentId: string) =>
    db
      .selectFrom('gig_payment')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('enrolment_id', '=', enrolmentId)
      .executeTakeFirst(),

  setRefund: (db: Db, paymentId: string, refundNo: string, status: string) =>
    db
      .updateTable('gig_payment')
      .set({ refund_no: refundNo, refund_status: status })
      .where('id', '=', paymentId)
      .execute(),

  insertNotice: (db: Db, row: Insertable<PaymentNoticeTable>) => db.insertInto('payment_notice').values(row).execute(),
};

/** The channel report's figures (api.md `GET /reports/channels`), per channel, for a period of China dates. */
export const channelReportRepository = {
  async figures(db: Db, officeId: string, agencyId: string | null, fromIso: string, toIso: string) {
    let channels = db
      .selectFrom('channel')
      .leftJoin('agency', 'agency.id', 'channel.agency_id')
      .select(['channel.id', 'channel.name', 'channel.kind', 'agency.name as agency_name'])
      .where('channel.office_id', '=', officeId);
    if (agencyId) channels = channels.where('channel.agency_id', '=', agencyId);
    const rows = await channels.orderBy('channel.created_at').orderBy('channel.id').execute();
    const ids = rows.map((r) => r.id);
    if (ids.length === 0) return [];
    const accounts = await db
      .selectFrom('member_account')
      .select(['channel_id'])
      .select((eb) => [
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.and([eb('created_at', '>=', fromIso), eb('created_at', '<', toIso)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('registrations'),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.and([eb('verified_at', '>=', fromIso), eb('verified_at', '<', toIso)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('verified'),
      ])
      .where('office_id', '=', officeId)
      .where('channel_id', 'in', ids)
      .groupBy('channel_id')
      .execute();
    const orders = await db
      .selectFrom('gig_enrolment')
      .select(['channel_id'])
      .select((eb) => [
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.and([eb('created_at', '>=', fromIso), eb('created_at', '<', toIso)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('enrolments'),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.and([eb('paid_at', '>=', fromIso), eb('paid_at', '<', toIso), eb('status', '=', 'effective')]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('paid'),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.and([eb('paid_at', '>=', fromIso), eb('paid_at', '<', toIso), eb('status', '=', 'effective')]))
              .then(eb.ref('fee_fen'))
              .else(0)
              .end(),
          )
          .as('fee_fen'),
      ])
      .where('office_id', '=', officeId)
      .where('channel_id', 'in', ids)
      .groupBy('channel_id')
      .execute();
    const acc = new Map(accounts.map((a) => [a.channel_id, a]));
    const ord = new Map(orders.map((o) => [o.channel_id, o]));
    return rows.map((r) => ({
      channelId: r.id,
      name: r.name,
      kind: r.kind,
      agencyName: r.agency_name,
      registrations: Number(acc.get(r.id)?.registrations ?? 0),
      verified: Number(acc.get(r.id)?.verified ?? 0),
      enrolments: Number(ord.get(r.id)?.enrolments ?? 0),
      paid: Number(ord.get(r.id)?.paid ?? 0),
      gifts: 0,
      feeFen: Number(ord.get(r.id)?.fee_fen ?? 0),
    }));
  },
};
