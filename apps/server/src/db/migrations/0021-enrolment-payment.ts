import type { Kysely } from 'kysely';

/**
 * Enrolment payments as banks send them (issue 14 item 5): one transfer of a unit may pay several approved batches;
 * a short or excess one is held (待核对) with its reason and difference until another clerk applies or returns it.
 *
 * - `enrolment_payment`: the transfer; its bank reference is unique per office, so a repeated bank notice finds the
 *   payment it already made.
 * - `enrolment_payment_batch`: which batches the transfer names and what each is credited with.
 * - `enrolment_batch.held_payment_id`: the held payment naming the batch (null when none). Taken by a conditional
 *   update, so two transfers can never hold the same batch, and the batch lists show it without a join.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('enrolment_payment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('expected_fen', 'bigint', (c) => c.notNull())
    .addColumn('difference_fen', 'bigint', (c) => c.notNull())
    .addColumn('paid_on', 'text', (c) => c.notNull())
    .addColumn('bank_reference', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('hold_reason', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('resolution_note', 'text')
    .addUniqueConstraint('enrolment_payment_ref_uq', ['office_id', 'bank_reference'])
    .execute();
  // The 待核对 list (and the others by status), newest first.
  await db.schema
    .createIndex('enrolment_payment_status_idx')
    .on('enrolment_payment')
    .columns(['office_id', 'status', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('enrolment_payment_unit_idx')
    .on('enrolment_payment')
    .columns(['office_id', 'unit_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('enrolment_payment_batch')
    .addColumn('payment_id', 'text', (c) => c.notNull().references('enrolment_payment.id'))
    .addColumn('batch_id', 'text', (c) => c.notNull().references('enrolment_batch.id'))
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('applied_fen', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('enrolment_payment_batch_pk', ['payment_id', 'batch_id'])
    .execute();
  await db.schema
    .createIndex('enrolment_payment_batch_batch_idx')
    .on('enrolment_payment_batch')
    .columns(['batch_id'])
    .execute();

  // No foreign key: SQLite cannot drop a column that has one (down), and the payment service sets and clears it.
  await db.schema.alterTable('enrolment_batch').addColumn('held_payment_id', 'text').execute();
  // A reference the single-batch confirmation stored is found too (a transfer recorded both ways is one transfer).
  await db.schema
    .createIndex('enrolment_batch_bank_ref_idx')
    .on('enrolment_batch')
    .columns(['office_id', 'bank_reference'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('enrolment_batch_bank_ref_idx').execute();
  await db.schema.alterTable('enrolment_batch').dropColumn('held_payment_id').execute();
  await db.schema.dropTable('enrolment_payment_batch').execute();
  await db.schema.dropTable('enrolment_payment').execute();
}
