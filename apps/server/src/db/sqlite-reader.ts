import { Worker } from 'node:worker_threads';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { AppError } from '../errors.ts';
import type { Database } from './tables.ts';

/**
 * Reads off the event loop on SQLite: a pool of worker threads, each holding a read-only connection to the database
 * file (WAL lets them read beside the writer on the main thread), behind a Kysely dialect, so a repository runs
 * unchanged on `handle.reader`. A query is compiled on the main thread, sent to a free worker and its rows sent
 * back; while it runs, the event loop serves other requests (`/health`, sign-ins, writes).
 *
 * Every query has a time budget counted from when it is asked (waiting for a free worker included). Past it the
 * caller gets `AppError('QUERY_TIMEOUT')` (503) at once; a query still running is stopped by terminating its worker,
 * and a fresh worker takes its place. The reader has no transactions: a read that must see its own transaction's
 * writes stays on `handle.db`.
 */

/** The messages of workers/sqlite-reader.worker.mjs (id 0 from the worker: its connection is open). */
export interface ReaderRequest {
  id: number;
  sql: string;
  parameters: readonly unknown[];
}
export type ReaderReply =
  | { id: number; rows: Record<string, unknown>[] }
  | { id: number; error: { message: string; code?: string } };

export interface SqliteReaderOptions {
  file: string;
  /** Worker threads (each one read-only connection). */
  workers: number;
  /** Budget per query, ms. */
  timeoutMs: number;
}

interface Task {
  request: ReaderRequest;
  resolve(rows: Record<string, unknown>[]): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
  slot?: Slot;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  /** The worker has opened its connection (a fresh one takes a moment to load): only ready slots get queries. */
  ready: boolean;
}

const ENTRY = new URL('../workers/sqlite-reader.worker.mjs', import.meta.url);

/** Blobs come back as Uint8Array from another thread; the rest of the server expects Buffers, as on the main connection. */
function reviveRow(row: Record<string, unknown>): Record<string, unknown> {
  for (const k in row) {
    const v = row[k];
    if (v instanceof Uint8Array && !Buffer.isBuffer(v)) row[k] = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  }
  return row;
}

export class SqliteReaderPool {
  private slots: Slot[] = [];
  private queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly opts: SqliteReaderOptions) {
    for (let i = 0; i < Math.max(1, opts.workers); i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(ENTRY, { workerData: { file: this.opts.file } });
    const slot: Slot = { worker, task: null, ready: false };
    worker.on('message', (m: ReaderReply) => {
      if (m.id === 0) {
        slot.ready = true;
        this.pump();
        return;
      }
      const task = slot.task;
      if (!task || task.request.id !== m.id) return;
      this.finish(slot, task);
      if ('error' in m) {
        const e = Object.assign(new Error(m.error.message), { code: m.error.code });
        task.reject(e);
      } else task.resolve(m.rows.map(reviveRow));
    });
    const lost = (error: Error) => {
      const index = this.slots.indexOf(slot);
      if (index < 0) return;
      const task = slot.task;
      if (task) {
        this.finish(slot, task);
        task.reject(error);
      }
      if (this.closed) return;
      this.slots[index] = this.spawn();
      this.pump();
    };
    worker.on('error', (e) => lost(e instanceof Error ? e : new Error(String(e))));
    worker.on('exit', (code) => lost(new Error(`sqlite reader exited (${code})`)));
    worker.unref();
    return slot;
  }

  private finish(slot: Slot, task: Task) {
    clearTimeout(task.timer);
    slot.task = null;
    slot.worker.unref();
    queueMicrotask(() => this.pump());
  }

  private pump() {
    for (const slot of this.slots) {
      if (slot.task || !slot.ready) continue;
      const task = this.queue.shift();
      if (!task) return;
      slot.task = task;
      task.slot = slot;
      slot.worker.ref();
      slot.worker.postMessage(task.request);
    }
  }

  /** Runs one read; rejects with QUERY_TIMEOUT past the budget. */
  run(sql: string, parameters: readonly unknown[]): Promise<Record<string, unknown>[]> {
    if (this.closed) return Promise.reject(new Error('sqlite reader is closed'));
    return new Promise((resolve, reject) => {
      const task: Task = {
        request: { id: this.nextId++, sql, parameters },
        resolve,
        reject,
        timer: setTimeout(() => this.expire(task), this.opts.timeoutMs),
      };
      this.queue.push(task);
      this.pump();
    });
  }

  private expire(task: Task) {
    const slot = task.slot;
    if (!slot) {
      const i = this.queue.indexOf(task);
      if (i >= 0) this.queue.splice(i, 1);
    } else if (slot.task === task) {
      // better-sqlite3 offers no sqlite3_interrupt: the worker goes, with its query. The caller and the slot are
      // free at once; the thread itself ends when SQLite next returns to JavaScript (at the latest, the statement's end).
      const index = this.slots.indexOf(slot);
      slot.task = null;
      if (index >= 0) this.slots[index] = this.spawn();
      void slot.worker.terminate();
      this.pump();
    } else return;
    task.reject(new AppError('QUERY_TIMEOUT'));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) {
      clearTimeout(task.timer);
      task.reject(new Error('sqlite reader is closed'));
    }
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}

class ReaderConnection implements DatabaseConnection {
  constructor(private readonly pool: SqliteReaderPool) {}
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const rows = await this.pool.run(compiled.sql, compiled.parameters);
    return { rows: rows as R[] };
  }
  // biome-ignore lint/correctness/useYield: the reader does not stream; this only refuses.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the sqlite reader does not stream');
  }
}

class ReaderDriver implements Driver {
  private readonly connection: ReaderConnection;
  constructor(private readonly pool: SqliteReaderPool) {
    this.connection = new ReaderConnection(pool);
  }
  async init() {}
  // One connection object for every caller: the pool queues the queries and runs them on free workers.
  async acquireConnection() {
    return this.connection;
  }
  async beginTransaction(): Promise<void> {
    throw new Error('the sqlite reader has no transactions: use handle.db');
  }
  async commitTransaction() {}
  async rollbackTransaction() {}
  async releaseConnection() {}
  async destroy() {
    await this.pool.close();
  }
}

class ReaderDialect implements Dialect {
  constructor(private readonly pool: SqliteReaderPool) {}
  createAdapter() {
    return new SqliteAdapter();
  }
  createDriver() {
    return new ReaderDriver(this.pool);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}

/** A Kysely instance whose queries run on the reader pool of `opts.file`; destroying it stops the workers. */
export function openSqliteReader(opts: SqliteReaderOptions): Kysely<Database> {
  return new Kysely<Database>({ dialect: new ReaderDialect(new SqliteReaderPool(opts)) });
}
