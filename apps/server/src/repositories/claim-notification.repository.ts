import { claimInScope, type OrgScope } from '../access/policy.ts';
import type { Db } from '../db/tables.ts';

export const claimNotificationRepository = {
  /** The member's mobile for each claim (members without one get no text). */
  recipients: (db: Db, claimIds: string[]) =>
    claimIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('claim')
          .innerJoin('member', 'member.id', 'claim.member_id')
          .select(['claim.id', 'claim.office_id', 'member.mobile'])
          .where('claim.id', 'in', claimIds)
          .execute(),

  async outbox(db: Db, officeId: string, page: number, pageSize: number, status?: string) {
    let base = db.selectFrom('sms_outbox').where('office_id', '=', officeId);
    if (status) base = base.where('status', '=', status);
    const [items, count] = await Promise.all([
      base
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },

  /** Notifications about claims the caller may see (agency staff: their agency's claims). */
  async notifications(db: Db, scope: OrgScope, page: number, pageSize: number) {
    const base = db
      .selectFrom('notification')
      .innerJoin('claim', 'claim.id', 'notification.object_id')
      .where('notification.office_id', '=', scope.officeId)
      .where('notification.object_type', '=', 'claim')
      .where((eb) => claimInScope(eb, scope));
    const [items, count] = await Promise.all([
      base
        .selectAll('notification')
        .orderBy('notification.created_at', 'desc')
        .orderBy('notification.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },
};
