import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Enrolment items get keys in the order they are used. Before: UNIQUE (office, batch, person) and an index on
 * (office, person) — two indexes into which every roster row lands at a random place, and nothing for "the items of
 * a batch", which every batch page and the step that makes a batch effective ask by batch alone. After:
 * - UNIQUE (office, person, batch): still one person once per batch, and it answers "this person's items" (the
 *   overlap check with pending enrolments) from the index alone;
 * - (batch, row): the items of a batch in file order, written in order as a roster is read.
 * SQLite cannot drop a table's UNIQUE constraint, so there the table is rebuilt (its rows copied once; nothing
 * references enrolment items, so no other table changes).
 */
const columns = [
  'id',
  'office_id',
  'batch_id',
  'row_number',
  'member_id',
  'name',
  'id_number_enc',
  'id_number_hash',
  'id_number_masked',
  'sex',
  'birth_date',
  'mobile',
  'employment_kind',
  'has_medical_insurance',
  'shares',
  'fee_fen',
  'continuous',
  'renewal_of',
];

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`ALTER TABLE enrolment_item DROP CONSTRAINT IF EXISTS enrolment_item_uq`.execute(db);
    await db.schema.dropIndex('enrolment_item_person_idx').ifExists().execute();
  } else {
    await db.schema
      .createTable('enrolment_item_rebuilt')
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
      .execute();
    const list = sql.join(columns.map((c) => sql.ref(c)));
    await sql`INSERT INTO enrolment_item_rebuilt (${list}) SELECT ${list} FROM enrolment_item`.execute(db);
    await db.schema.dropTable('enrolment_item').execute();
    await db.schema.alterTable('enrolment_item_rebuilt').renameTo('enrolment_item').execute();
  }
  await db.schema
    .createIndex('enrolment_item_person_uq')
    .unique()
    .on('enrolment_item')
    .columns(['office_id', 'id_number_hash', 'batch_id'])
    .execute();
  await db.schema
    .createIndex('enrolment_item_batch_idx')
    .on('enrolment_item')
    .columns(['batch_id', 'row_number'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('enrolment_item_batch_idx').execute();
  await db.schema.dropIndex('enrolment_item_person_uq').execute();
  await db.schema
    .createIndex('enrolment_item_person_idx')
    .on('enrolment_item')
    .columns(['office_id', 'id_number_hash'])
    .execute();
  // As 0002 made it: a table constraint on PostgreSQL; SQLite can only add it as a unique index.
  if (isPostgres(db))
    await sql`ALTER TABLE enrolment_item ADD CONSTRAINT enrolment_item_uq UNIQUE (office_id, batch_id, id_number_hash)`.execute(
      db,
    );
  else
    await db.schema
      .createIndex('enrolment_item_uq')
      .unique()
      .on('enrolment_item')
      .columns(['office_id', 'batch_id', 'id_number_hash'])
      .execute();
}
