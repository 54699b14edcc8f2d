import type { EnrolmentPaymentStatus } from '@huzhu/core';
import type { Insertable } from 'kysely';
import { type OrgScope, unitInScope } from '../access/policy.ts';
import type { EnrolmentPaymentBatchTable, EnrolmentPaymentTable } from '../db/enrolment-payment-tables.ts';
import type { Db } from '../db/tables.ts';
import { containsText } from '../db/text-match.ts';

/** A payment with the names a clerk reads (unit, who recorded and who resolved it). */
const withNames = (db: Db) =>
  db
    .selectFrom('enrolment_payment as p')
    .innerJoin('unit', 'unit.id', 'p.unit_id')
    .leftJoin('app_user as c', 'c.id', 'p.created_by')
    .leftJoin('app_user as r', 'r.id', 'p.resolved_by');

const columns = [
  'p.id',
  'p.office_id',
  'p.unit_id',
  'p.amount_fen',
  'p.expected_fen',
  'p.difference_fen',
  'p.paid_on',
  'p.bank_reference',
  'p.status',
  'p.hold_reason',
  'p.note',
  'p.created_by',
  'p.created_at',
  'p.resolved_by',
  'p.resolved_at',
  'p.resolution_note',
  'unit.name as unit_name',
  'c.display_name as created_by_name',
  'r.display_name as resolved_by_name',
] as const;

export interface PaymentListFilter {
  status?: EnrolmentPaymentStatus;
  unitId?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export const paymentRepository = {
  insert: (db: Db, row: Insertable<EnrolmentPaymentTable>) => db.insertInto('enrolment_payment').values(row).execute(),

  insertBatches: (db: Db, rows: Insertable<EnrolmentPaymentBatchTable>[]) =>
    db.insertInto('enrolment_payment_batch').values(rows).execute(),

  /** The payment a bank reference already made in the office (the repeated-notice check). */
  findByReference: (db: Db, officeId: string, bankReference: string) =>
    db
      .selectFrom('enrolment_payment')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('bank_reference', '=', bankReference)
      .executeTakeFirst(),

  /** Whether a batch confirmed one at a time (POST /enrolment-batches/:id/payments) carries the reference. */
  async batchPaidWithReference(db: Db, officeId: string, bankReference: string): Promise<boolean> {
    const row = await db
      .selectFrom('enrolment_batch')
      .select('id')
      .where('office_id', '=', officeId)
      .where('bank_reference', '=', bankReference)
      .limit(1)
      .executeTakeFirst();
    return !!row;
  },

  /** A payment whose unit lies in the caller's scope. */
  findInScope: (db: Db, scope: OrgScope, id: string) =>
    withNames(db)
      .select(columns)
      .where('p.id', '=', id)
      .where('p.office_id', '=', scope.officeId)
      .where((eb) => unitInScope(eb, scope))
      .executeTakeFirst(),

  /** One page, newest first, with the count and the sums of everything the filter matches. */
  async page(db: Db, scope: OrgScope, f: PaymentListFilter) {
    let base = withNames(db)
      .where('p.office_id', '=', scope.officeId)
      .where((eb) => unitInScope(eb, scope));
    if (f.status) base = base.where('p.status', '=', f.status);
    if (f.unitId) base = base.where('p.unit_id', '=', f.unitId);
    const text = f.q;
    if (text)
      base = base.where((eb) => eb.or([eb('p.bank_reference', '=', text), containsText(eb.ref('unit.name'), text)]));
    const [items, sums] = await Promise.all([
      base
        .select(columns)
        .orderBy('p.created_at', 'desc')
        .orderBy('p.id', 'desc')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      base
        .select((eb) => [
          eb.fn.countAll<number>().as('n'),
          eb.fn.coalesce(eb.fn.sum<number>('p.amount_fen'), eb.lit(0)).as('amount'),
          eb.fn.coalesce(eb.fn.sum<number>('p.difference_fen'), eb.lit(0)).as('difference'),
        ])
        .executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(sums.n), amountFen: Number(sums.amount), differenceFen: Number(sums.difference) };
  },

  /** The batches of these payments, in request order, with what each batch is and what it was credited with. */
  batchesOf: (db: Db, paymentIds: string[]) =>
    paymentIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('enrolment_payment_batch as pb')
          .innerJoin('enrolment_batch as b', 'b.id', 'pb.batch_id')
          .innerJoin('product_version as v', 'v.id', 'b.product_version_id')
          .select([
            'pb.payment_id',
            'pb.batch_id',
            'pb.applied_fen',
            'b.product_code',
            'v.name as product_name',
            'b.file_name',
            'b.total_fee_fen',
            'b.status',
          ])
          .where('pb.payment_id', 'in', paymentIds)
          .orderBy('pb.payment_id')
          .orderBy('pb.position')
          .execute(),

  /** The held payment's batches as the batch service reads them (for the move to effective). */
  batchIdsOf: async (db: Db, paymentId: string) =>
    (
      await db
        .selectFrom('enrolment_payment_batch')
        .select(['batch_id', 'applied_fen'])
        .where('payment_id', '=', paymentId)
        .orderBy('position')
        .execute()
    ).map((r) => ({ batchId: r.batch_id, appliedFen: r.applied_fen })),

  /**
   * The transfer holds its batches: only batches still approved and held by no other transfer are taken. Returns
   * how many were; fewer than asked means another clerk got there first.
   */
  async holdBatches(db: Db, paymentId: string, batchIds: string[], now: string): Promise<number> {
    const res = await db
      .updateTable('enrolment_batch')
      .set({ held_payment_id: paymentId, updated_at: now })
      .where('id', 'in', batchIds)
      .where('status', '=', 'approved')
      .where('held_payment_id', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  },

  releaseBatches: (db: Db, paymentId: string, now: string) =>
    db
      .updateTable('enrolment_batch')
      .set({ held_payment_id: null, updated_at: now })
      .where('held_payment_id', '=', paymentId)
      .execute(),

  /** held → applied | returned, only while still held (of two clerks resolving at once, one wins). */
  async resolve(
    db: Db,
    id: string,
    to: EnrolmentPaymentStatus,
    by: { resolvedBy: string; resolvedAt: string; note: string },
  ): Promise<boolean> {
    const res = await db
      .updateTable('enrolment_payment')
      .set({ status: to, resolved_by: by.resolvedBy, resolved_at: by.resolvedAt, resolution_note: by.note })
      .where('id', '=', id)
      .where('status', '=', 'held')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
};
