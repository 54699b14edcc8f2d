import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  type DatabaseIntrospector,
  type DatabaseMetadata,
  Kysely,
  PostgresDialect,
  type SchemaMetadata,
  SqliteDialect,
  sql,
  type TableMetadata,
} from 'kysely';
import pg from 'pg';
import { workerEntries } from '../workers/entries.ts';
import { runWorkerJob } from '../workers/jobs.ts';
import type { Database, DbKind } from './tables.ts';
import type { WalCheckpointStart } from './wal-checkpoint.ts';
import { openSqliteReader } from './sqlite-reader.ts';

// int8 (COUNT, SUM) arrives as text from pg: turn it into a number so both dialects return the same types.
// Fen amounts and row counts stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface DbHandle {
  db: Kysely<Database>;
  kind: DbKind;
  /** The raw driver, for bulk paths that bypass the query builder (SQLite prepared statements, pg COPY). */
  raw: { kind: 'sqlite'; sqlite: SQLite.Database } | { kind: 'postgres'; pool: pg.Pool };
  /**
   * For heavy reads outside a transaction (reports, exports, searches, lists), each query with a time budget
   * (`readTimeoutMs`; past it AppError QUERY_TIMEOUT, 503). SQLite file: a pool of read-only connections in worker
   * threads (db/sqlite-reader.ts), so the event loop never waits for them; PostgreSQL: a pool of its own with
   * `statement_timeout`. An in-memory SQLite database has no second connection: there it is `db` itself.
   */
  reader: Kysely<Database>;
  destroy(): Promise<void>;
}

export interface DbOptions {
  databaseUrl?: string;
  /** SQLite file; ':memory:' for a throw-away database. */
  sqlitePath?: string;
  /** PostgreSQL schema to use (tests give each file its own). */
  pgSchema?: string;
  poolSize?: number;
  /**
   * SQLite file: checkpoint the write-ahead log from a worker thread (db/wal-checkpoint.ts) rather than in the
   * commit that fills it. Default true; off, SQLite's own threshold (1,000 pages) applies.
   */
  backgroundCheckpoints?: boolean;
  /**
   * Budget of every statement on `db`, ms (the app passes HUZHU_WRITE_TIMEOUT_MS; absent: none, for the seed and
   * the benches' bulk loads). PostgreSQL: `statement_timeout`, and as long for a transaction left idle between two
   * statements (`idle_in_transaction_session_timeout`), so no stuck request holds its locks. SQLite: a statement
   * on the one write connection cannot be interrupted; there writes are bounded by design (every write indexed,
   * imports chunked and yielding, row limits) and a wait for the write lock by `busy_timeout`.
   */
  writeTimeoutMs?: number;
  /** Budget of every query on `reader`, ms (default 15,000). */
  readTimeoutMs?: number;
  /** Reader connections: SQLite worker threads, PostgreSQL the read pool's size (default: cores − 1, 1 to 4). */
  readers?: number;
}

export const DEFAULT_READ_TIMEOUT_MS = 15_000;
/**
 * Reader connections by default: one core is left to the event loop (2 cores → 1). Measured with
 * bench/health-under-load.ts on 2 cores: /health p99 47 ms with 1 SQLite reader, 111 ms with 2, for the same heavy
 * throughput (the readers and the event loop compete for the cores); PostgreSQL 49 ms with a read pool of 1, 192 ms
 * with 2, 1,985 ms with 20 (pg parses every row on the event loop, so the pool bounds how many results queue there).
 */
const defaultReaders = () => Math.max(1, Math.min(4, os.availableParallelism() - 1));

/** Pages in the log before a commit checkpoints it itself: the backstop when the background checkpoints run. */
const BACKSTOP_CHECKPOINT_PAGES = 10_000;
const CHECKPOINT_INTERVAL_MS = 500;

export function openDatabase(opts: DbOptions): DbHandle {
  if (opts.databaseUrl) {
    const writeBudget = opts.writeTimeoutMs ? Math.round(opts.writeTimeoutMs) : 0;
    const writeOptions = [
      opts.pgSchema ? `-c search_path=${opts.pgSchema}` : '',
      writeBudget ? `-c statement_timeout=${writeBudget} -c idle_in_transaction_session_timeout=${writeBudget}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      options: writeOptions || undefined,
    });
    keepErrorsToTheirQuery(pool);
    const db = new Kysely<Database>({ dialect: new SchemaPostgresDialect({ pool }) });
    const readPool = new pg.Pool({
      connectionString: opts.databaseUrl,
      // Few on purpose: the rows of heavy reads are parsed and summed on the event loop, so a handful at a time
      // keeps it free for everything else (the rest wait their turn, within their budget).
      max: opts.readers ?? defaultReaders(),
      options: [
        opts.pgSchema ? `-c search_path=${opts.pgSchema}` : '',
        `-c statement_timeout=${Math.round(opts.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS)}`,
        '-c default_transaction_read_only=on',
      ]
        .filter(Boolean)
        .join(' '),
    });
    keepErrorsToTheirQuery(readPool);
    const reader = new Kysely<Database>({ dialect: new SchemaPostgresDialect({ pool: readPool }) });
    return {
      db,
      kind: 'postgres',
      raw: { kind: 'postgres', pool },
      reader,
      destroy: async () => {
        await Promise.all([db.destroy(), reader.destroy()]);
      },
    };
  }
  const file = opts.sqlitePath ?? ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // 64 MiB of page cache (the default is 2 MiB): large transactions (a 100,000-row roster, a batch becoming
  // effective) and reports over millions of rows otherwise spill and re-read pages.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const stopCheckpoints =
    file !== ':memory:' && opts.backgroundCheckpoints !== false ? backgroundCheckpoints(sqlite, file) : () => {};
  const reader =
    file === ':memory:'
      ? db
      : openSqliteReader({
          file: path.resolve(file),
          workers: opts.readers ?? defaultReaders(),
          timeoutMs: opts.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS,
        });
  return {
    db,
    kind: 'sqlite',
    raw: { kind: 'sqlite', sqlite },
    reader,
    destroy: async () => {
      stopCheckpoints();
      if (reader !== db) await reader.destroy();
      await db.destroy();
    },
  };
}

/**
 * Kysely's PostgreSQL introspector reads the columns of every schema of the database, and fails when another schema
 * is dropped while it runs (tests give each file a schema and drop it at the end; deployments may share a server).
 * The migrator only asks whether its own tables and schema exist: this introspector answers for the schema in use.
 */
class CurrentSchemaIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<unknown>) {}
  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string | null }>`select current_schema() as name`.execute(this.db);
    return rows.flatMap((r) => (r.name ? [{ name: r.name }] : []));
  }
  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; is_view: boolean }>`
      select c.relname as name, n.nspname as schema, c.relkind = 'v' as is_view
        from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
       where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v')`.execute(this.db);
    return rows.map((r) => ({ name: r.name, schema: r.schema, isView: r.is_view, columns: [] }));
  }
  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}

class SchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
}

/**
 * A connection the server ends (a transaction idle past its budget, an administrator's pg_terminate_backend, a
 * restart) also emits 'error' on its client, and an unheard 'error' event would end the process. The query that
 * was using the connection fails with the cause and its request answers accordingly; the pool drops the client and
 * opens a new one for the next query.
 */
function keepErrorsToTheirQuery(pool: pg.Pool): void {
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
}

/** Starts the checkpoint worker for `file`; returns how to stop it. Should it fail, commits checkpoint again. */
function backgroundCheckpoints(sqlite: SQLite.Database, file: string): () => void {
  sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
  const job = runWorkerJob<WalCheckpointStart, never>(
    workerEntries.walCheckpoint,
    { file: path.resolve(file), intervalMs: CHECKPOINT_INTERVAL_MS },
    { background: true },
  );
  job.next().then(
    () => undefined,
    () => {
      if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
    },
  );
  return () => job.cancel();
}

/**
 * Gives SQLite's query planner table statistics (sampled: 400 rows per index, well under a second at full scale).
 * Without them it guesses, and it has been seen to read every enrolment item of an office through a covering index
 * instead of seeking by person. Run at start and after bulk loads; PostgreSQL's autovacuum keeps its own.
 */
export function refreshPlannerStatistics(handle: DbHandle): void {
  if (handle.raw.kind !== 'sqlite') return;
  handle.raw.sqlite.pragma('analysis_limit = 400');
  handle.raw.sqlite.exec('ANALYZE');
}
