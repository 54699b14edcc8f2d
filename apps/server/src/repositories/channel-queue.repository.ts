import type { Db } from '../db/tables.ts';

/** Reads of a channel's on-site queue: who came through it since a given instant (today, China time). */
export const channelQueueRepository = {
  /**
   * Accounts of the channel active since `sinceIso` (registered, signed in or verified), and accounts with an order
   * through the channel made since then (a worker registered elsewhere who ordered at this station), latest first.
   */
  async accounts(db: Db, officeId: string, channelId: string, sinceIso: string, limit: number) {
    const ordered = db
      .selectFrom('gig_enrolment')
      .select('account_id')
      .where('office_id', '=', officeId)
      .where('channel_id', '=', channelId)
      .where('created_at', '>=', sinceIso);
    return db
      .selectFrom('member_account')
      .leftJoin('member', 'member.id', 'member_account.member_id')
      .select([
        'member_account.id',
        'member_account.mobile',
        'member_account.member_id',
        'member_account.created_at',
        'member_account.verified_at',
        'member_account.last_login_at',
        'member.name',
      ])
      .where('member_account.office_id', '=', officeId)
      .where((eb) =>
        eb.or([
          eb.and([
            eb('member_account.channel_id', '=', channelId),
            eb.or([
              eb('member_account.created_at', '>=', sinceIso),
              eb('member_account.last_login_at', '>=', sinceIso),
              eb('member_account.verified_at', '>=', sinceIso),
            ]),
          ]),
          eb('member_account.id', 'in', ordered),
        ]),
      )
      .orderBy('member_account.created_at', 'desc')
      .limit(limit)
      .execute();
  },

  /** Today's orders of these accounts (any channel: the worker's step is what they did today). */
  orders: (db: Db, officeId: string, accountIds: string[], sinceIso: string) =>
    accountIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('gig_enrolment')
          .leftJoin('policy', 'policy.id', 'gig_enrolment.policy_id')
          .select([
            'gig_enrolment.account_id',
            'gig_enrolment.status',
            'gig_enrolment.product_code',
            'gig_enrolment.created_at',
            'gig_enrolment.updated_at',
            'gig_enrolment.paid_at',
            'policy.start_date',
          ])
          .where('gig_enrolment.office_id', '=', officeId)
          .where('gig_enrolment.account_id', 'in', accountIds)
          .where('gig_enrolment.created_at', '>=', sinceIso)
          .orderBy('gig_enrolment.created_at')
          .execute(),

  /** Members among these who hold a live policy in force today (already covered, by any channel). */
  async coveredMembers(db: Db, officeId: string, memberIds: string[], today: string) {
    if (memberIds.length === 0) return new Set<string>();
    const rows = await db
      .selectFrom('policy')
      .select('member_id')
      .distinct()
      .where('office_id', '=', officeId)
      .where('member_id', 'in', memberIds)
      .where('state', '=', 'in_force')
      .where('start_date', '<=', today)
      .where('end_date', '>=', today)
      .execute();
    return new Set(rows.map((r) => r.member_id));
  },
};
