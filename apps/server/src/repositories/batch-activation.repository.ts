import type { BatchRow, Db } from '../db/tables.ts';

/** The queries of a batch becoming effective (services/batch-activation.ts), each in the caller's transaction. */
export const batchActivationRepository = {
  /**
   * approved → effective with the payment's facts, only while the batch is still approved and held by no transfer
   * other than `heldBy` (the one paying it, if any). Of two concurrent confirmations exactly one wins.
   */
  async markEffective(
    db: Db,
    batch: Pick<BatchRow, 'id' | 'status'>,
    patch: Pick<BatchRow, 'paid_amount_fen' | 'paid_on' | 'bank_reference' | 'effective_at' | 'updated_at'>,
    heldBy: string | null,
  ): Promise<boolean> {
    const res = await db
      .updateTable('enrolment_batch')
      .set({ ...patch, status: 'effective', held_payment_id: null })
      .where('id', '=', batch.id)
      .where('status', '=', batch.status)
      .where((eb) =>
        heldBy
          ? eb.or([eb('held_payment_id', 'is', null), eb('held_payment_id', '=', heldBy)])
          : eb('held_payment_id', 'is', null),
      )
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },

  items: (db: Db, batchId: string) =>
    db.selectFrom('enrolment_item').selectAll().where('batch_id', '=', batchId).execute(),

  membersByHash: (db: Db, officeId: string, hashes: string[]) =>
    db
      .selectFrom('member')
      .select(['id', 'unit_id', 'id_number_hash'])
      .where('office_id', '=', officeId)
      .where('id_number_hash', 'in', hashes)
      .execute(),

  /** Members moving into the batch's unit: their open unit link ends today and they point at the new unit. */
  async moveMembers(db: Db, officeId: string, memberIds: string[], unitId: string, today: string, now: string) {
    await db
      .updateTable('member_unit')
      .set({ to_date: today })
      .where('office_id', '=', officeId)
      .where('member_id', 'in', memberIds)
      .where('to_date', 'is', null)
      .execute();
    await db.updateTable('member').set({ unit_id: unitId, updated_at: now }).where('id', 'in', memberIds).execute();
  },

  /** Items remember the member they became (one set-based update). */
  linkItemsToMembers: (db: Db, batchId: string) =>
    db
      .updateTable('enrolment_item')
      .set((eb) => ({
        member_id: eb
          .selectFrom('member')
          .select('member.id')
          .whereRef('member.office_id', '=', 'enrolment_item.office_id')
          .whereRef('member.id_number_hash', '=', 'enrolment_item.id_number_hash'),
      }))
      .where('batch_id', '=', batchId)
      .execute(),

  /** The unit's coverage summary reaches at least `endDate`. */
  extendUnitCover: (db: Db, unitId: string, endDate: string, now: string) =>
    db
      .updateTable('unit')
      .set({ covered_until: endDate, updated_at: now })
      .where('id', '=', unitId)
      .where((eb) => eb.or([eb('covered_until', 'is', null), eb('covered_until', '<', endDate)]))
      .execute(),
};
