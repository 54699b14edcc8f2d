import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The claims work queue's counts as maintained figures (bench/README.md, claims-queue): every insert, delete or move
 * of a claim (office, agency, status, due date) appends a +1 / −1 row to `claim_queue_delta`, written by a database
 * trigger so that no writer can forget it (services, jobs, the bulk demo loader). Reads sum the rows of the queue's
 * office (and agency); the compaction job folds them into one row per key. Rows are only ever appended and deleted,
 * never updated: concurrent claim moves take no lock on a shared counter row (no waits, no deadlocks).
 *
 * The key: office, agency ('' for none), status, and the due date for accepted claims only ('' otherwise) — the
 * queue's overdue and due-today counts need it there and nowhere else, which keeps an office to a few thousand keys.
 */
const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

const dueKey = (row: 'new' | 'old') =>
  `case when ${row}.status = 'accepted' then coalesce(${row}.due_date, '') else '' end`;
const values = (row: 'new' | 'old', n: 1 | -1) =>
  `(${row}.office_id, coalesce(${row}.agency_id, ''), ${row}.status, ${dueKey(row)}, ${n})`;
const insertDelta = (row: 'new' | 'old', n: 1 | -1) =>
  `insert into claim_queue_delta (office_id, agency_key, status, due_key, n) values ${values(row, n)};`;
const moved =
  'old.office_id is not new.office_id or old.agency_id is not new.agency_id or old.status is not new.status ' +
  'or old.due_date is not new.due_date';

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('claim_queue_delta')
    .addColumn('seq', pg ? 'bigserial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('agency_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_key', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('claim_queue_delta_key_idx')
    .on('claim_queue_delta')
    .columns(['office_id', 'agency_key', 'status', 'due_key'])
    .execute();

  // The claims already there, one row per key.
  await sql`
    insert into claim_queue_delta (office_id, agency_key, status, due_key, n)
    select office_id, coalesce(agency_id, ''), status,
           case when status = 'accepted' then coalesce(due_date, '') else '' end, count(*)
    from claim
    group by office_id, coalesce(agency_id, ''), status, case when status = 'accepted' then coalesce(due_date, '') else '' end
  `.execute(db);

  if (pg) {
    await sql
      .raw(
        `create or replace function claim_queue_delta_fn() returns trigger language plpgsql as $$
begin
  if tg_op <> 'INSERT' then ${insertDelta('old', -1)} end if;
  if tg_op <> 'DELETE' then ${insertDelta('new', 1)} end if;
  return null;
end $$`,
      )
      .execute(db);
    await sql
      .raw(
        'create trigger claim_queue_delta_insdel after insert or delete on claim for each row execute function claim_queue_delta_fn()',
      )
      .execute(db);
    await sql
      .raw(
        `create trigger claim_queue_delta_upd after update of office_id, agency_id, status, due_date on claim
         for each row when (${moved.replaceAll(' is not ', ' is distinct from ')}) execute function claim_queue_delta_fn()`,
      )
      .execute(db);
    return;
  }
  await sql
    .raw(`create trigger claim_queue_delta_ins after insert on claim begin ${insertDelta('new', 1)} end`)
    .execute(db);
  await sql
    .raw(`create trigger claim_queue_delta_del after delete on claim begin ${insertDelta('old', -1)} end`)
    .execute(db);
  await sql
    .raw(
      `create trigger claim_queue_delta_upd after update of office_id, agency_id, status, due_date on claim
       when ${moved} begin ${insertDelta('old', -1)} ${insertDelta('new', 1)} end`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger if exists claim_queue_delta_insdel on claim`.execute(db);
    await sql`drop trigger if exists claim_queue_delta_upd on claim`.execute(db);
    await sql`drop function if exists claim_queue_delta_fn()`.execute(db);
  } else {
    for (const t of ['ins', 'del', 'upd']) await sql.raw(`drop trigger if exists claim_queue_delta_${t}`).execute(db);
  }
  await db.schema.dropTable('claim_queue_delta').execute();
}
