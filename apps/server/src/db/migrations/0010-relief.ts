import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Relief and condolence (救助慰问, product.md §6): categories as versioned data, applications with their limits and
 * lifecycle, links to the claims filed in the same step (一站式), hardship files, holiday batches, and the relief
 * paid per day summary the reports read. Payout items are generalised with a subject kind: a relief is paid through
 * the same batches as claims, exactly once by the same unique-key construction (`paid_relief_id`).
 * SQLite cannot drop the NOT NULL of `payout_item.claim_id`, so there the table is rebuilt (nothing references it).
 */
const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

const payoutColumns = [
  'id',
  'office_id',
  'batch_id',
  'claim_id',
  'member_id',
  'amount_fen',
  'payee_name',
  'bank_name',
  'account_enc',
  'account_last4',
  'status',
  'reason',
  'pending_claim_id',
  'paid_claim_id',
  'created_at',
  'resolved_at',
  'resolved_by',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('relief_category_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('params_json', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('relief_category_version_uq', ['office_id', 'code', 'version'])
    .execute();

  await db.schema
    .createTable('relief_setting')
    .addColumn('office_id', 'text', (c) => c.primaryKey().references('office.id'))
    .addColumn('year_cap_fen', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('relief_batch')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('event_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount_fen_each', 'integer', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addColumn('total_fen', 'bigint', (c) => c.notNull())
    .addColumn('skipped_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_reason', 'text')
    .execute();
  await db.schema
    .createIndex('relief_batch_office_idx')
    .on('relief_batch')
    .columns(['office_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('relief_application')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull().references('member.id'))
    // The unit and agency at filing decide who sees the application, as for claims.
    .addColumn('unit_id', 'text', (c) => c.references('unit.id'))
    .addColumn('agency_id', 'text', (c) => c.references('agency.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('category_version_id', 'text', (c) => c.notNull().references('relief_category_version.id'))
    .addColumn('event_date', 'text', (c) => c.notNull())
    .addColumn('event_year', 'integer', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    // The reason and the medical facts are personal data: AES-256-GCM ciphertext.
    .addColumn('reason_enc', 'text', (c) => c.notNull())
    .addColumn('facts_enc', 'text')
    .addColumn('source_claim_id', 'text', (c) => c.references('claim.id'))
    .addColumn('batch_id', 'text', (c) => c.references('relief_batch.id'))
    .addColumn('filed_by', 'text', (c) => c.notNull())
    .addColumn('filed_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('review_note', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('paid_at', 'text')
    .addUniqueConstraint('relief_application_number_uq', ['office_id', 'number'])
    // One proactive proposal per paid claim, whatever runs twice.
    .addUniqueConstraint('relief_application_source_uq', ['office_id', 'source_claim_id'])
    .execute();
  await db.schema
    .createIndex('relief_member_year_idx')
    .on('relief_application')
    .columns(['office_id', 'member_id', 'event_year'])
    .execute();
  await db.schema
    .createIndex('relief_queue_idx')
    .on('relief_application')
    .columns(['office_id', 'status', 'filed_at'])
    .execute();
  await db.schema
    .createIndex('relief_agency_idx')
    .on('relief_application')
    .columns(['office_id', 'agency_id', 'filed_at'])
    .execute();
  await db.schema.createIndex('relief_batch_items_idx').on('relief_application').columns(['batch_id']).execute();

  await db.schema
    .createTable('relief_claim')
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('relief_id', 'text', (c) => c.notNull().references('relief_application.id'))
    .addColumn('claim_id', 'text', (c) => c.notNull().references('claim.id'))
    .addPrimaryKeyConstraint('relief_claim_pk', ['relief_id', 'claim_id'])
    .execute();
  await db.schema.createIndex('relief_claim_claim_idx').on('relief_claim').columns(['claim_id']).execute();

  await db.schema
    .createTable('relief_material')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('relief_id', 'text', (c) => c.notNull().references('relief_application.id'))
    .addColumn('slot', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('relief_material_slot_uq', ['office_id', 'relief_id', 'slot'])
    .execute();

  await db.schema
    .createTable('hardship_file')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('member.id'))
    .addColumn('unit_id', 'text', (c) => c.references('unit.id'))
    .addColumn('agency_id', 'text', (c) => c.references('agency.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('reason_enc', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // The member id while the file is open (unique: one open file per member), else null.
    .addColumn('open_member_id', 'text')
    .addColumn('opened_on', 'text', (c) => c.notNull())
    .addColumn('next_review_on', 'text', (c) => c.notNull())
    .addColumn('last_reviewed_on', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('hardship_file_open_uq', ['office_id', 'open_member_id'])
    .execute();
  await db.schema
    .createIndex('hardship_review_idx')
    .on('hardship_file')
    .columns(['office_id', 'status', 'next_review_on'])
    .execute();

  // Relief paid by payment day, per agency ('' = none) and category: the summary and the relief report read it.
  await db.schema
    .createTable('relief_paid_daily')
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('relief_paid_daily_pk', ['office_id', 'agency_id', 'category', 'day'])
    .execute();
  await db.schema.createIndex('relief_paid_day_idx').on('relief_paid_daily').columns(['office_id', 'day']).execute();

  // Payout items name their subject: a claim (as before) or a relief application.
  if (isPostgres(db)) {
    await sql`ALTER TABLE payout_item ALTER COLUMN claim_id DROP NOT NULL`.execute(db);
    await db.schema
      .alterTable('payout_item')
      .addColumn('subject_kind', 'text', (c) => c.notNull().defaultTo('claim'))
      .execute();
    for (const col of ['relief_id', 'pending_relief_id', 'paid_relief_id'])
      await db.schema.alterTable('payout_item').addColumn(col, 'text').execute();
    await sql`ALTER TABLE payout_item ADD CONSTRAINT payout_item_relief_fk FOREIGN KEY (relief_id) REFERENCES relief_application (id)`.execute(
      db,
    );
  } else {
    await db.schema
      .createTable('payout_item_rebuilt')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
      .addColumn('batch_id', 'text', (c) => c.notNull().references('payout_batch.id'))
      .addColumn('claim_id', 'text', (c) => c.references('claim.id'))
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
      .addColumn('subject_kind', 'text', (c) => c.notNull().defaultTo('claim'))
      .addColumn('relief_id', 'text', (c) => c.references('relief_application.id'))
      .addColumn('pending_relief_id', 'text')
      .addColumn('paid_relief_id', 'text')
      .addUniqueConstraint('payout_item_batch_claim_uq', ['office_id', 'batch_id', 'claim_id'])
      .addUniqueConstraint('payout_item_pending_uq', ['office_id', 'pending_claim_id'])
      .addUniqueConstraint('payout_item_paid_uq', ['office_id', 'paid_claim_id'])
      .execute();
    const list = sql.join(payoutColumns.map((c) => sql.ref(c)));
    await sql`INSERT INTO payout_item_rebuilt (${list}) SELECT ${list} FROM payout_item`.execute(db);
    await db.schema.dropTable('payout_item').execute();
    await db.schema.alterTable('payout_item_rebuilt').renameTo('payout_item').execute();
    await db.schema.createIndex('payout_item_claim_idx').on('payout_item').columns(['office_id', 'claim_id']).execute();
  }
  // A relief is paid exactly once: the same construction as claims (NULLs never collide).
  await db.schema
    .createIndex('payout_item_batch_relief_uq')
    .unique()
    .on('payout_item')
    .columns(['office_id', 'batch_id', 'relief_id'])
    .execute();
  await db.schema
    .createIndex('payout_item_pending_relief_uq')
    .unique()
    .on('payout_item')
    .columns(['office_id', 'pending_relief_id'])
    .execute();
  await db.schema
    .createIndex('payout_item_paid_relief_uq')
    .unique()
    .on('payout_item')
    .columns(['office_id', 'paid_relief_id'])
    .execute();
  await db.schema.createIndex('payout_item_relief_idx').on('payout_item').columns(['office_id', 'relief_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const i of [
    'payout_item_relief_idx',
    'payout_item_paid_relief_uq',
    'payout_item_pending_relief_uq',
    'payout_item_batch_relief_uq',
  ])
    await db.schema.dropIndex(i).ifExists().execute();
  await sql`DELETE FROM payout_item WHERE claim_id IS NULL`.execute(db);
  if (isPostgres(db)) {
    await sql`ALTER TABLE payout_item DROP CONSTRAINT IF EXISTS payout_item_relief_fk`.execute(db);
    for (const col of ['paid_relief_id', 'pending_relief_id', 'relief_id', 'subject_kind'])
      await db.schema.alterTable('payout_item').dropColumn(col).execute();
    await sql`ALTER TABLE payout_item ALTER COLUMN claim_id SET NOT NULL`.execute(db);
  } else {
    for (const col of ['paid_relief_id', 'pending_relief_id', 'relief_id', 'subject_kind'])
      await db.schema.alterTable('payout_item').dropColumn(col).execute();
  }
  for (const t of [
    'relief_paid_daily',
    'hardship_file',
    'relief_material',
    'relief_claim',
    'relief_application',
    'relief_batch',
    'relief_setting',
    'relief_category_version',
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
