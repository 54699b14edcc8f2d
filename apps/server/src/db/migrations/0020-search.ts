import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Search where a clerk looks for someone (issue 14, docs/decisions.md "Search"): every search is one indexed range
 * that leads with the office and the search key.
 *
 * - Names and codes by prefix: a range on the key in byte order (`name >= p and name < p'`). SQLite compares text
 *   in byte order (BINARY) already; on PostgreSQL the database's collation may not be byte order, so the indexes
 *   are on the key `collate "C"` and the queries say the same (db/text-match.ts).
 * - Members: by name within the office (`member_search_name_idx`, with `unit_id` so an agency's scope filters
 *   inside the index) and within a unit (`member_search_unit_idx`, a unit's members in name order).
 * - Claims by number: the number is the last 8 hex digits of the claim's id (the reference every SMS already
 *   quotes), found through an expression index on it; by member name through the member index, then each member's
 *   claims in filing order (`claim_member_order_idx`).
 * - Units whose name contains the text: `unit_name_gram` holds each unit's name as overlapping two-character pieces
 *   (and its last character alone), lower-cased, kept by triggers on `unit` whoever writes it; a search of k
 *   characters asks for the units that have all its pieces, one character for the pieces that start with it.
 */
const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Longest unit name (core: UnitBody, 100 characters) with room to spare; positions 1..N of a name. */
const GRAM_POSITIONS = 200;

const gramsOf = (row: 'new' | 'old') =>
  `select distinct ${row}.office_id, lower(substr(${row}.name, p.n, 2)), ${row}.id from search_gram_pos p ` +
  `where p.n <= length(${row}.name)`;
const addGrams = (row: 'new' | 'old') => `insert into unit_name_gram (office_id, gram, unit_id) ${gramsOf(row)};`;
const dropGrams = (row: 'new' | 'old') =>
  `delete from unit_name_gram where office_id = ${row}.office_id and unit_id = ${row}.id;`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const c = pg ? ' collate "C"' : '';

  await sql.raw(`create index member_search_name_idx on member (office_id, name${c}, id, unit_id)`).execute(db);
  await sql.raw(`create index member_search_unit_idx on member (office_id, unit_id, name${c}, id)`).execute(db);
  // SQLite's unique (office_id, credit_code) key already ranges in byte order; PostgreSQL's follows the collation.
  if (pg) await sql.raw('create index unit_search_credit_idx on unit (office_id, credit_code collate "C")').execute(db);
  await sql.raw('create index claim_number_idx on claim (office_id, substr(id, 29))').execute(db);
  // A member's claims in filing order: claims by member name walk the members in name order and each one's claims
  // in this order, so the page needs no sort at all.
  await db.schema
    .createIndex('claim_member_order_idx')
    .on('claim')
    .columns(['office_id', 'member_id', 'created_at', 'id'])
    .execute();
  // The unit list, largest first, for the office and for an agency: the first page without sorting every unit.
  await sql.raw('create index unit_list_idx on unit (office_id, headcount desc, id)').execute(db);
  await sql.raw('create index unit_agency_list_idx on unit (office_id, agency_id, headcount desc, id)').execute(db);

  await db.schema
    .createTable('search_gram_pos')
    .addColumn('n', 'integer', (col) => col.primaryKey())
    .execute();
  await sql
    .raw(
      `insert into search_gram_pos (n) values ${Array.from({ length: GRAM_POSITIONS }, (_, i) => `(${i + 1})`).join(', ')}`,
    )
    .execute(db);
  await db.schema
    .createTable('unit_name_gram')
    .addColumn('office_id', 'text', (col) => col.notNull())
    .addColumn('gram', 'text', (col) => col.notNull())
    .addColumn('unit_id', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('unit_name_gram_pk', ['office_id', 'gram', 'unit_id'])
    .execute();
  if (pg) {
    // The pieces are compared in byte order too (a one-character search ranges over the pieces starting with it).
    await sql`alter table unit_name_gram alter column gram type text collate "C"`.execute(db);
  }
  // The units already there.
  await sql
    .raw(
      'insert into unit_name_gram (office_id, gram, unit_id) select distinct u.office_id, lower(substr(u.name, p.n, 2)), u.id ' +
        'from unit u join search_gram_pos p on p.n <= length(u.name)',
    )
    .execute(db);

  if (pg) {
    // Statistics for the new table now (autovacuum would come later): the planner then seeks by piece, not scans.
    await sql`analyze unit_name_gram`.execute(db);
    await sql
      .raw(
        `create or replace function unit_name_gram_fn() returns trigger language plpgsql as $$
begin
  if tg_op <> 'INSERT' then ${dropGrams('old')} end if;
  if tg_op <> 'DELETE' then ${addGrams('new')} end if;
  return null;
end $$`,
      )
      .execute(db);
    await sql
      .raw(
        'create trigger unit_name_gram_insdel after insert or delete on unit for each row execute function unit_name_gram_fn()',
      )
      .execute(db);
    await sql
      .raw(
        `create trigger unit_name_gram_upd after update of name, office_id on unit for each row
         when (old.name is distinct from new.name or old.office_id is distinct from new.office_id)
         execute function unit_name_gram_fn()`,
      )
      .execute(db);
    return;
  }
  await sql.raw(`create trigger unit_name_gram_ins after insert on unit begin ${addGrams('new')} end`).execute(db);
  await sql.raw(`create trigger unit_name_gram_del after delete on unit begin ${dropGrams('old')} end`).execute(db);
  await sql
    .raw(
      `create trigger unit_name_gram_upd after update of name, office_id on unit
       when old.name is not new.name or old.office_id is not new.office_id
       begin ${dropGrams('old')} ${addGrams('new')} end`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger if exists unit_name_gram_insdel on unit`.execute(db);
    await sql`drop trigger if exists unit_name_gram_upd on unit`.execute(db);
    await sql`drop function if exists unit_name_gram_fn()`.execute(db);
    await sql`drop index if exists unit_search_credit_idx`.execute(db);
  } else {
    for (const t of ['ins', 'del', 'upd']) await sql.raw(`drop trigger if exists unit_name_gram_${t}`).execute(db);
  }
  await db.schema.dropTable('unit_name_gram').execute();
  await db.schema.dropTable('search_gram_pos').execute();
  for (const ix of [
    'unit_agency_list_idx',
    'unit_list_idx',
    'claim_member_order_idx',
    'claim_number_idx',
    'member_search_unit_idx',
    'member_search_name_idx',
  ])
    await db.schema.dropIndex(ix).execute();
}
