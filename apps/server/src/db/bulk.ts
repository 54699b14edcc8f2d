import type SQLite from 'better-sqlite3';
import { CompiledQuery, type Insertable, type Kysely } from 'kysely';
import type { DbHandle } from './dialect.ts';
import type { Database, Db } from './tables.ts';

/**
 * The one set-based bulk path (demo data, large imports, the load benchmark). It goes past the query builder to
 * the drivers so that one statement is prepared (SQLite) or written (PostgreSQL) per table and re-run, instead
 * of a query compiled per row or per chunk.
 * - SQLite: one prepared single-row INSERT run for every row, each flush in one transaction. Measured against
 *   multi-row VALUES statements (4 to 100 rows each): with better-sqlite3 those were slower, not faster, because
 *   SQLite runs a VALUES list row by row anyway and binding thousands of parameters per call costs more.
 * - PostgreSQL: one `INSERT … SELECT * FROM unnest($1::text[], $2::int4[], …)` per chunk: one parameter per
 *   column whatever the row count, so the 65,535-parameter limit never splits a chunk, and the server plans
 *   one short statement instead of parsing thousands of VALUES tuples. Measured against multi-row VALUES and
 *   against COPY (bench/README.md): close enough to COPY that COPY's extra dependency did not pay.
 * Columns come from the first row; a later row that lacks one writes NULL there.
 */
export type BulkTable = keyof Database & string;
export type BulkRow<T extends BulkTable> = Insertable<Database[T]>;

export interface BulkOptions {
  /** Rows buffered before a flush (one transaction on SQLite, one statement on PostgreSQL). */
  chunkRows?: number;
}

const DEFAULT_CHUNK_ROWS = 20_000;

type Flat = Record<string, unknown>;
type Inserter = (rows: readonly Flat[], columns: readonly string[]) => Promise<void>;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const cell = (row: Flat, column: string) => {
  const v = row[column];
  return v === undefined ? null : v;
};

/** Inserts `rows` into `table` as one transaction: all or nothing. Returns the number of rows written. */
export async function bulkInsert<T extends BulkTable>(
  handle: DbHandle,
  table: T,
  rows: readonly BulkRow<T>[],
  opts: BulkOptions = {},
): Promise<number> {
  const first = rows[0];
  if (!first) return 0;
  const columns = Object.keys(first);
  const chunk = opts.chunkRows ?? DEFAULT_CHUNK_ROWS;
  const flat = rows as readonly Flat[];
  if (handle.raw.kind === 'sqlite') {
    sqliteWriter(handle.raw.sqlite, table).insertAll(flat, columns);
    return rows.length;
  }
  const { pool } = handle.raw;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const insert = await pgInserter(handle.db, client, table);
    for (let i = 0; i < flat.length; i += chunk) await insert(flat.slice(i, i + chunk), columns);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
  return rows.length;
}

export interface BulkWriter<T extends BulkTable> {
  /** Buffers a row; writes the buffer when it is full (await it: that is the back-pressure). */
  push(row: BulkRow<T>): Promise<void>;
  /** Writes what is buffered (first flushing the writer this one depends on). */
  flush(): Promise<void>;
  /** Flushes the rest. */
  close(): Promise<void>;
  /** Rows written so far. */
  readonly written: number;
}

export interface BulkWriterOptions extends BulkOptions {
  /**
   * A writer whose rows this table references (member_unit → member): flushed first, so a foreign key never
   * points at a row still in a buffer.
   */
  after?: { flush(): Promise<void> };
}

/** A streaming bulk writer: memory stays at one chunk however many rows pass through. Each flush is atomic. */
export function createBulkWriter<T extends BulkTable>(
  handle: DbHandle,
  table: T,
  opts: BulkWriterOptions = {},
): BulkWriter<T> {
  return createBufferedWriter(() => inserterFor(handle, table), opts.chunkRows ?? DEFAULT_CHUNK_ROWS, opts.after);
}

/**
 * A writer that joins the caller's open Kysely transaction (`trx`): the rows commit or roll back with everything
 * else the transaction wrote. SQLite has one connection, which the transaction holds while its callback runs, so
 * each row goes straight to the prepared single-row statement (no buffer, no savepoint); PostgreSQL buffers a
 * chunk and writes it with the same unnest statement as above, sent through the transaction's connection.
 */
export function createTransactionWriter<T extends BulkTable>(
  handle: DbHandle,
  trx: Db,
  table: T,
  opts: BulkOptions = {},
): BulkWriter<T> {
  if (!trx.isTransaction) throw new Error('createTransactionWriter: needs an open transaction');
  if (handle.raw.kind === 'postgres') {
    const q = kyselyQueryable(trx);
    return createBufferedWriter(() => pgInserter(handle.db, q, table), opts.chunkRows ?? 5_000);
  }
  const sqlite = handle.raw.sqlite;
  const writer = sqliteWriter(sqlite, table);
  let columns: string[] | null = null;
  let written = 0;
  return {
    async push(row) {
      // Checked per row: writing outside the transaction would commit rows on their own, one by one.
      if (!sqlite.inTransaction) throw new Error('createTransactionWriter: the transaction has ended');
      const r = row as Flat;
      columns ??= Object.keys(r);
      writer.insertOne(r, columns);
      written += 1;
    },
    flush: async () => undefined,
    close: async () => undefined,
    get written() {
      return written;
    },
  };
}

function createBufferedWriter<T extends BulkTable>(
  inserter: () => Promise<Inserter>,
  chunk: number,
  after?: { flush(): Promise<void> },
): BulkWriter<T> {
  let buffer: Flat[] = [];
  let columns: string[] | null = null;
  let written = 0;
  let insert: Inserter | null = null;
  const writer: BulkWriter<T> = {
    async push(row) {
      const r = row as Flat;
      columns ??= Object.keys(r);
      buffer.push(r);
      if (buffer.length >= chunk) await writer.flush();
    },
    async flush() {
      if (after) await after.flush();
      if (buffer.length === 0) return;
      const rows = buffer;
      buffer = [];
      insert ??= await inserter();
      await insert(rows, columns!);
      written += rows.length;
    },
    close: () => writer.flush(),
    get written() {
      return written;
    },
  };
  return writer;
}

async function inserterFor(handle: DbHandle, table: string): Promise<Inserter> {
  if (handle.raw.kind === 'postgres') return pgInserter(handle.db, handle.raw.pool, table);
  const writer = sqliteWriter(handle.raw.sqlite, table);
  return async (rows, columns) => writer.insertAll(rows, columns);
}

// ---------- SQLite ----------

interface SqliteWriter {
  /** Every row, in a transaction of its own (a savepoint when one is already open). */
  insertAll(rows: readonly Flat[], columns: readonly string[]): void;
  /** One row, in whatever transaction is open. */
  insertOne(row: Flat, columns: readonly string[]): void;
}

const sqliteWriters = new WeakMap<SQLite.Database, Map<string, SqliteWriter>>();

function sqliteWriter(sqlite: SQLite.Database, table: string): SqliteWriter {
  let perDb = sqliteWriters.get(sqlite);
  if (!perDb) {
    perDb = new Map();
    sqliteWriters.set(sqlite, perDb);
  }
  const existing = perDb.get(table);
  if (existing) return existing;

  const statements = new Map<string, SQLite.Statement>();
  // Row by row the same columns array comes back: remembered so the key is not rebuilt for every row.
  let lastColumns: readonly string[] | null = null;
  let lastStmt: SQLite.Statement | null = null;
  const statementFor = (columns: readonly string[]) => {
    if (columns === lastColumns && lastStmt) return lastStmt;
    const key = columns.join(',');
    let stmt = statements.get(key);
    if (!stmt) {
      const sql = `INSERT INTO ${quote(table)} (${columns.map(quote).join(',')}) VALUES (${columns.map(() => '?').join(',')})`;
      stmt = sqlite.prepare(sql);
      statements.set(key, stmt);
    }
    lastColumns = columns;
    lastStmt = stmt;
    return stmt;
  };

  // Bound on each run, so one array serves every row.
  let params: unknown[] = [];
  const insertOne = (row: Flat, columns: readonly string[]) => {
    const stmt = statementFor(columns);
    if (params.length !== columns.length) params = new Array<unknown>(columns.length);
    for (let c = 0; c < columns.length; c++) params[c] = cell(row, columns[c]!);
    stmt.run(params);
  };
  // better-sqlite3 nests this in a savepoint when a transaction is already open, so it also works inside one.
  const insertAll = sqlite.transaction((rows: readonly Flat[], columns: readonly string[]) => {
    for (const row of rows) insertOne(row, columns);
  });

  const writer: SqliteWriter = { insertAll: (rows, columns) => insertAll(rows, columns), insertOne };
  perDb.set(table, writer);
  return writer;
}

// ---------- PostgreSQL ----------

/** What the PostgreSQL path needs of a connection: a pool, a checked-out client, or a Kysely transaction. */
interface Queryable {
  query<R extends object>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

const kyselyQueryable = (trx: Db): Queryable => ({
  query: <R extends object>(text: string, params: unknown[] = []) =>
    trx.executeQuery<R>(CompiledQuery.raw(text, params)).then((r) => ({ rows: [...r.rows] })),
});

// Column types per table, read once per pool from the catalogue: unnest needs each array's element type.
const pgColumnTypes = new WeakMap<Kysely<Database>, Map<string, Promise<Map<string, string>>>>();

async function columnTypes(db: Kysely<Database>, q: Queryable, table: string): Promise<Map<string, string>> {
  let perDb = pgColumnTypes.get(db);
  if (!perDb) {
    perDb = new Map();
    pgColumnTypes.set(db, perDb);
  }
  let types = perDb.get(table);
  if (!types) {
    types = q
      .query<{ column_name: string; udt_name: string }>(
        `SELECT column_name, udt_name FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = $1`,
        [table],
      )
      .then((r) => new Map(r.rows.map((c) => [c.column_name, c.udt_name])));
    perDb.set(table, types);
    types.catch(() => perDb.delete(table));
  }
  return types;
}

async function pgInserter(db: Kysely<Database>, q: Queryable, table: string): Promise<Inserter> {
  const types = await columnTypes(db, q, table);
  const texts = new Map<string, string>();
  return async (rows, columns) => {
    const key = columns.join(',');
    let text = texts.get(key);
    if (!text) {
      const casts = columns.map((c, i) => {
        const t = types.get(c);
        if (!t) throw new Error(`bulkInsert: ${table} has no column ${c}`);
        return `$${i + 1}::${quote(t)}[]`;
      });
      text = `INSERT INTO ${quote(table)} (${columns.map(quote).join(',')}) SELECT * FROM unnest(${casts.join(',')})`;
      texts.set(key, text);
    }
    await q.query(
      text,
      columns.map((c) => arrayLiteral(rows, c)),
    );
  };
}

const NEEDS_ESCAPE = /["\\]/;

/**
 * One column of a chunk as a PostgreSQL array literal. Written by hand because the driver's generic array
 * serialiser was a third of the client's time per row; every element is quoted, so only `"` and `\` need escaping.
 */
function arrayLiteral(rows: readonly Flat[], column: string): string {
  let out = '{';
  for (let i = 0; i < rows.length; i++) {
    if (i > 0) out += ',';
    const v = rows[i]![column];
    if (v === null || v === undefined) {
      out += 'NULL';
    } else {
      const s = v instanceof Date ? v.toISOString() : String(v);
      out += NEEDS_ESCAPE.test(s) ? `"${s.replace(/["\\]/g, '\\$&')}"` : `"${s}"`;
    }
  }
  return `${out}}`;
}
