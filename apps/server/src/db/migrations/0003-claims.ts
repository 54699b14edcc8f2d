import type { Kysely } from 'kysely';

// Claims, their assessments, invoices and materials; payouts; notifications. Portable schema builder only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('claim')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('member.id'))
    // The unit and agency at filing decide who sees the claim, even after the member moves.
    .addColumn('unit_id', 'text', (c) => c.references('unit.id'))
    .addColumn('agency_id', 'text', (c) => c.references('agency.id'))
    .addColumn('policy_id', 'text', (c) => c.references('policy.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('event_date', 'text', (c) => c.notNull())
    .addColumn('facts_json', 'text', (c) => c.notNull())
    .addColumn('invoice_numbers_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('flags_json', 'text', (c) => c.notNull())
    .addColumn('assessed_amount_fen', 'integer', (c) => c.notNull())
    .addColumn('filed_on', 'text', (c) => c.notNull())
    .addColumn('filed_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('prechecked_at', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('due_date', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('approved_amount_fen', 'integer')
    .addColumn('decision_reason', 'text')
    .addColumn('override_reason', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('overdue', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notified_overdue_at', 'text')
    .addColumn('paid_at', 'text')
    .execute();
  await db.schema.createIndex('claim_queue_idx').on('claim').columns(['office_id', 'status', 'due_date']).execute();
  await db.schema.createIndex('claim_agency_idx').on('claim').columns(['office_id', 'agency_id', 'status']).execute();
  await db.schema.createIndex('claim_unit_idx').on('claim').columns(['office_id', 'unit_id', 'status']).execute();
  await db.schema.createIndex('claim_member_idx').on('claim').columns(['office_id', 'member_id']).execute();
  // The overdue job looks across offices.
  await db.schema.createIndex('claim_due_idx').on('claim').columns(['status', 'due_date']).execute();

  await db.schema
    .createTable('claim_assessment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('claim_id', 'text', (c) => c.notNull().references('claim.id'))
    .addColumn('policy_id', 'text', (c) => c.notNull().references('policy.id'))
    .addColumn('payable', 'integer', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('approved_amount_fen', 'integer')
    .addColumn('code', 'text')
    .addColumn('rule_kind', 'text')
    .addColumn('days', 'integer')
    .addColumn('ends_policy', 'integer', (c) => c.notNull())
    .addColumn('lines_json', 'text', (c) => c.notNull())
    .addColumn('assessed_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('claim_assessment_uq', ['office_id', 'claim_id', 'policy_id'])
    .execute();
  await db.schema
    .createIndex('claim_assessment_policy_idx')
    .on('claim_assessment')
    .columns(['office_id', 'policy_id'])
    .execute();

  await db.schema
    .createTable('claim_invoice')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('claim_id', 'text', (c) => c.notNull().references('claim.id'))
    .addColumn('invoice_number', 'text', (c) => c.notNull())
    .addUniqueConstraint('claim_invoice_uq', ['office_id', 'claim_id', 'invoice_number'])
    .execute();
  await db.schema
    .createIndex('claim_invoice_number_idx')
    .on('claim_invoice')
    .columns(['office_id', 'invoice_number'])
    .execute();

  await db.schema
    .createTable('claim_material')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('claim_id', 'text', (c) => c.notNull().references('claim.id'))
    .addColumn('slot', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('claim_material_slot_uq', ['office_id', 'claim_id', 'slot'])
    .execute();

  await db.schema
    .createTable('payout_batch')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addColumn('total_fen', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('exported_at', 'text')
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createIndex('payout_batch_office_idx')
    .on('payout_batch')
    .columns(['office_id', 'created_at'])
    .execute();

  // A claim is paid exactly once by construction: `paid_claim_id` holds the claim id only on the item that was paid,
  // and `pending_claim_id` only while an item waits for the bank. Unique keys on them allow one paid and one pending
  // item per claim; NULLs never collide in SQLite or PostgreSQL, so failed items (both NULL) may pile up for reissues.
  await db.schema
    .createTable('payout_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('batch_id', 'text', (c) => c.notNull().references('payout_batch.id'))
    .addColumn('claim_id', 'text', (c) => c.notNull().references('claim.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('member.id'))
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('payee_name', 'text', (c) => c.notNull())
    .addColumn('bank_name', 'text', (c) => c.notNull())
    .addColumn('account_enc', 'text', (c) => c.notNull())
    .addColumn('account_last4', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('pending_claim_id', 'text')
    .addColumn('paid_claim_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text')
    .addUniqueConstraint('payout_item_batch_claim_uq', ['office_id', 'batch_id', 'claim_id'])
    .addUniqueConstraint('payout_item_pending_uq', ['office_id', 'pending_claim_id'])
    .addUniqueConstraint('payout_item_paid_uq', ['office_id', 'paid_claim_id'])
    .execute();
  await db.schema.createIndex('payout_item_claim_idx').on('payout_item').columns(['office_id', 'claim_id']).execute();

  await db.schema
    .createTable('sms_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('to_mobile', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('params_json', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text')
    .addColumn('object_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('sms_outbox_office_idx').on('sms_outbox').columns(['office_id', 'created_at']).execute();

  await db.schema
    .createTable('notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('agency_id', 'text', (c) => c.references('agency.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    // Once per object and kind: a second instance of the job cannot notify twice.
    .addUniqueConstraint('notification_once_uq', ['office_id', 'kind', 'object_id'])
    .execute();
  await db.schema
    .createIndex('notification_agency_idx')
    .on('notification')
    .columns(['office_id', 'agency_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'notification',
    'sms_outbox',
    'payout_item',
    'payout_batch',
    'claim_material',
    'claim_invoice',
    'claim_assessment',
    'claim',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
