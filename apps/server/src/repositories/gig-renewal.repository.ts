import type { Db } from '../db/tables.ts';

/** Gig renewal: the member's own policies that a renewal can follow, and where they came from. */
export const gigRenewalRepository = {
  /**
   * The member's live gig policies (individual or gift) with no later live policy of the same product or exclusive
   * group: each can be renewed.
   */
  candidates: (db: Db, officeId: string, memberId: string, channels: string[]) =>
    db
      .selectFrom('policy')
      .select([
        'policy.id',
        'policy.product_code',
        'policy.product_version_id',
        'policy.exclusive_group',
        'policy.shares',
        'policy.start_date',
        'policy.end_date',
        'policy.agency_id',
      ])
      .where('policy.office_id', '=', officeId)
      .where('policy.member_id', '=', memberId)
      .where('policy.channel', 'in', channels)
      .where('policy.state', '=', 'in_force')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('policy as later')
              .select('later.id')
              .whereRef('later.office_id', '=', 'policy.office_id')
              .whereRef('later.member_id', '=', 'policy.member_id')
              .whereRef('later.start_date', '>', 'policy.end_date')
              .where('later.state', '!=', 'cancelled')
              .where((w) =>
                w.or([
                  w('later.product_code', '=', w.ref('policy.product_code')),
                  w('later.exclusive_group', '=', w.ref('policy.exclusive_group')),
                ]),
              ),
          ),
        ),
      )
      .orderBy('policy.end_date')
      .execute(),

  ownPolicy: (db: Db, officeId: string, memberId: string, policyId: string) =>
    db
      .selectFrom('policy')
      .select(['id', 'channel'])
      .where('office_id', '=', officeId)
      .where('member_id', '=', memberId)
      .where('id', '=', policyId)
      .executeTakeFirst(),

  /** The order a policy was bought by (its channel and agency), if it was bought in the app. */
  originOf: (db: Db, officeId: string, policyId: string) =>
    db
      .selectFrom('gig_enrolment')
      .select(['channel_id', 'agency_id'])
      .where('office_id', '=', officeId)
      .where('policy_id', '=', policyId)
      .executeTakeFirst(),
};
