import type { Kysely } from 'kysely';

// Products as versioned data, enrolment batches and their rows, policies. Portable schema builder only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('product')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('product_office_code_uq', ['office_id', 'code'])
    .execute();

  await db.schema
    .createTable('product_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('product.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('exclusive_group', 'text')
    .addColumn('fee_per_share_fen', 'integer', (c) => c.notNull())
    .addColumn('params_json', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('product_version_uq', ['office_id', 'code', 'version'])
    .execute();

  await db.schema
    .createTable('enrolment_batch')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('product_version_id', 'text', (c) => c.notNull().references('product_version.id'))
    .addColumn('product_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('requested_start', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('total_rows', 'integer', (c) => c.notNull())
    .addColumn('accepted_rows', 'integer', (c) => c.notNull())
    .addColumn('rejected_rows', 'integer', (c) => c.notNull())
    .addColumn('total_shares', 'integer', (c) => c.notNull())
    .addColumn('total_fee_fen', 'integer', (c) => c.notNull())
    .addColumn('issues_json', 'text', (c) => c.notNull())
    .addColumn('rejected_rows_enc', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('note', 'text')
    .addColumn('paid_amount_fen', 'integer')
    .addColumn('paid_on', 'text')
    .addColumn('bank_reference', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('effective_at', 'text')
    .addUniqueConstraint('enrolment_batch_idem_uq', ['office_id', 'idempotency_key'])
    .execute();
  await db.schema
    .createIndex('enrolment_batch_unit_idx')
    .on('enrolment_batch')
    .columns(['office_id', 'unit_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('enrolment_batch_status_idx')
    .on('enrolment_batch')
    .columns(['office_id', 'status', 'agency_id'])
    .execute();

  await db.schema
    .createTable('enrolment_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('batch_id', 'text', (c) => c.notNull().references('enrolment_batch.id'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.references('member.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_number_enc', 'text', (c) => c.notNull())
    .addColumn('id_number_hash', 'text', (c) => c.notNull())
    .addColumn('id_number_masked', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('mobile', 'text')
    .addColumn('employment_kind', 'text', (c) => c.notNull())
    .addColumn('has_medical_insurance', 'integer', (c) => c.notNull())
    .addColumn('shares', 'integer', (c) => c.notNull())
    .addColumn('fee_fen', 'integer', (c) => c.notNull())
    .addColumn('continuous', 'integer', (c) => c.notNull())
    .addColumn('renewal_of', 'text')
    .addUniqueConstraint('enrolment_item_uq', ['office_id', 'batch_id', 'id_number_hash'])
    .execute();
  // Pending enrolments compete with new ones: looked up by person, chunk by chunk, during every import.
  await db.schema
    .createIndex('enrolment_item_person_idx')
    .on('enrolment_item')
    .columns(['office_id', 'id_number_hash'])
    .execute();

  await db.schema
    .createTable('policy')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('member.id'))
    .addColumn('unit_id', 'text', (c) => c.references('unit.id'))
    .addColumn('agency_id', 'text', (c) => c.references('agency.id'))
    .addColumn('batch_id', 'text', (c) => c.references('enrolment_batch.id'))
    .addColumn('product_version_id', 'text', (c) => c.notNull().references('product_version.id'))
    .addColumn('product_code', 'text', (c) => c.notNull())
    .addColumn('exclusive_group', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('shares', 'integer', (c) => c.notNull())
    .addColumn('fee_fen', 'integer', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('waiting_end_date', 'text')
    .addColumn('accident_waiting_end_date', 'text')
    .addColumn('continuous', 'integer', (c) => c.notNull())
    .addColumn('renewal_of', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('certificate_code', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('policy_certificate_uq', ['certificate_code'])
    .addUniqueConstraint('policy_batch_member_uq', ['office_id', 'batch_id', 'member_id'])
    .execute();
  await db.schema
    .createIndex('policy_member_idx')
    .on('policy')
    .columns(['office_id', 'member_id', 'end_date'])
    .execute();
  await db.schema.createIndex('policy_unit_idx').on('policy').columns(['office_id', 'unit_id', 'end_date']).execute();
  await db.schema.createIndex('policy_end_idx').on('policy').columns(['office_id', 'end_date']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['policy', 'enrolment_item', 'enrolment_batch', 'product_version', 'product']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
