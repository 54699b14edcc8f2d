import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  type BulkRow,
  type BulkWriter,
  bulkInsert,
  createBulkWriter,
  type DbHandle,
  type DeferredIndex,
  dropSecondaryIndexes,
  rebuildIndexes,
} from '@huzhu/server';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Chunk } from './row-source.ts';
import type { OfficePlan } from '@huzhu/scripts';

/** One way of loading the rows. Only `load` and `finish` are timed. */
export interface Target {
  name: string;
  handle: DbHandle;
  /** Untimed: offices, agencies, units (the rows members point at), prepared statements. */
  prepare(plan: OfficePlan): Promise<void>;
  load(chunk: Chunk): Promise<void>;
  /** Timed: whatever the method needs to finish (flush, commit, rebuild indexes). */
  finish(): Promise<void>;
}

async function loadOrganisations(handle: DbHandle, plan: OfficePlan) {
  await bulkInsert(handle, 'office', [plan.office]);
  await bulkInsert(handle, 'agency', plan.agencyRows);
  await bulkInsert(
    handle,
    'unit',
    plan.units.map((u) => u.row),
  );
}

/** The project's path as the seed uses it: streaming bulk writers, member_unit flushed after member. */
export function projectTarget(
  name: string,
  handle: DbHandle,
  opts: { deferIndexes: boolean; chunkRows?: number },
): Target {
  let members: BulkWriter<'member'>;
  let links: BulkWriter<'member_unit'>;
  let deferred: DeferredIndex[] = [];
  return {
    name,
    handle,
    async prepare(plan) {
      await loadOrganisations(handle, plan);
      members = createBulkWriter(handle, 'member', { chunkRows: opts.chunkRows });
      links = createBulkWriter(handle, 'member_unit', { chunkRows: opts.chunkRows, after: members });
    },
    async load(chunk) {
      // The index drop happens inside the timed section: it is part of what a deferred load costs.
      if (opts.deferIndexes && members.written === 0 && deferred.length === 0) {
        deferred = await dropSecondaryIndexes(handle, ['member', 'member_unit']);
      }
      for (const m of chunk.members) await members.push(m);
      for (const l of chunk.links) await links.push(l);
    },
    async finish() {
      await links.close();
      if (deferred.length > 0) await rebuildIndexes(handle, deferred);
    },
  };
}

const columnsOf = (row: object) => Object.keys(row);

/** better-sqlite3 baseline: one prepared single-row INSERT per table, every row in one transaction. */
export function sqliteRawTarget(name: string, handle: DbHandle): Target {
  if (handle.raw.kind !== 'sqlite') throw new Error('sqlite target needs a SQLite handle');
  const sqlite = handle.raw.sqlite;
  let insertMember: (row: BulkRow<'member'>) => void;
  let insertLink: (row: BulkRow<'member_unit'>) => void;
  const statement = <R extends object>(table: string, sample: R) => {
    const cols = columnsOf(sample) as (keyof R)[];
    const stmt = sqlite.prepare(`INSERT INTO ${table} (${cols.join(',')}) VALUES (${cols.map(() => '?').join(',')})`);
    return (row: R) => stmt.run(cols.map((c) => row[c] ?? null));
  };
  return {
    name,
    handle,
    async prepare(plan) {
      await loadOrganisations(handle, plan);
    },
    async load(chunk) {
      if (!insertMember) {
        insertMember = statement('member', chunk.members[0]!);
        insertLink = statement('member_unit', chunk.links[0]!);
        sqlite.exec('BEGIN');
      }
      for (const m of chunk.members) insertMember(m);
      for (const l of chunk.links) insertLink(l);
    },
    async finish() {
      sqlite.exec('COMMIT');
    },
  };
}

// COPY text format: backslash, tab, newline and carriage return escaped; \N is NULL.
const copyText = (v: unknown) =>
  v === null || v === undefined
    ? '\\N'
    : String(v).replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));

/**
 * pg baseline: COPY … FROM STDIN (text format) on one connection inside one transaction, one COPY per table
 * per chunk (member first, so member_unit's foreign keys find their rows).
 */
export function pgCopyTarget(name: string, handle: DbHandle): Target {
  if (handle.raw.kind !== 'postgres') throw new Error('pg target needs a PostgreSQL handle');
  const pool = handle.raw.pool;
  let client: PoolClient | undefined;
  const copy = async (table: string, rows: readonly object[]) => {
    if (rows.length === 0) return;
    const cols = columnsOf(rows[0]!);
    const lines = function* () {
      let buf = '';
      for (const row of rows) {
        const r = row as Record<string, unknown>;
        buf += `${cols.map((c) => copyText(r[c])).join('\t')}\n`;
        if (buf.length > 1 << 16) {
          yield buf;
          buf = '';
        }
      }
      if (buf) yield buf;
    };
    await pipeline(Readable.from(lines()), client!.query(copyFrom(`COPY ${table} (${cols.join(',')}) FROM STDIN`)));
  };
  return {
    name,
    handle,
    async prepare(plan) {
      await loadOrganisations(handle, plan);
      client = await pool.connect();
      await client.query('BEGIN');
    },
    async load(chunk) {
      await copy('member', chunk.members);
      await copy('member_unit', chunk.links);
    },
    async finish() {
      await client!.query('COMMIT');
      client!.release();
    },
  };
}
