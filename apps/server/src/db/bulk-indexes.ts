import { sql } from 'kysely';
import type { DbHandle } from './dialect.ts';
import type { Database } from './tables.ts';

/**
 * "Build secondary indexes after a from-scratch load": maintaining a B-tree per random key for every inserted
 * row costs more than building it once from sorted data (bench/README.md has the figures). Only plain
 * secondary indexes qualify: ascending columns, no expression, no predicate, not unique — unique keys stay,
 * because they are what catches a duplicate during the load. The definitions are read from the catalogue
 * (so they always match the migrations) and rebuilt through Kysely's schema builder — or, on PostgreSQL, from the
 * index's own definition when a column has a collation of its own (the search indexes' `collate "C"`, 0020).
 */
export interface DeferredIndex {
  name: string;
  table: string;
  columns: string[];
  /** PostgreSQL: the index's own CREATE INDEX statement, when a column has a collation of its own (`collate "C"`). */
  definition?: string;
}

type Table = keyof Database & string;

export async function deferrableIndexes(handle: DbHandle, tables: readonly Table[]): Promise<DeferredIndex[]> {
  if (handle.raw.kind === 'sqlite') {
    const sqlite = handle.raw.sqlite;
    const found: DeferredIndex[] = [];
    for (const table of tables) {
      const list = sqlite.pragma(`index_list("${table}")`) as {
        name: string;
        unique: number;
        origin: string;
        partial: number;
      }[];
      for (const ix of list) {
        if (ix.origin !== 'c' || ix.unique || ix.partial) continue;
        const keys = (
          sqlite.pragma(`index_xinfo("${ix.name}")`) as {
            seqno: number;
            cid: number;
            name: string | null;
            desc: number;
            coll: string;
            key: number;
          }[]
        ).filter((k) => k.key === 1);
        if (keys.some((k) => k.cid < 0 || k.desc || k.coll !== 'BINARY' || !k.name)) continue;
        found.push({ name: ix.name, table, columns: keys.sort((a, b) => a.seqno - b.seqno).map((k) => k.name!) });
      }
    }
    return found;
  }
  const { rows } = await handle.raw.pool.query<{
    name: string;
    table: string;
    columns: string[];
    definition: string | null;
  }>(
    `SELECT i.relname AS name, t.relname AS table, array_agg(a.attname::text ORDER BY k.ord) AS columns,
            CASE WHEN EXISTS (SELECT 1 FROM unnest(x.indcollation::oid[]) AS c(oid)
                               WHERE c.oid <> 0 AND c.oid <> (SELECT oid FROM pg_collation WHERE collname = 'default'))
                 THEN pg_get_indexdef(x.indexrelid) END AS definition
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_am am ON am.oid = i.relam
       CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE n.nspname = current_schema() AND t.relname = ANY($1)
        AND am.amname = 'btree' AND NOT x.indisunique AND NOT x.indisprimary
        AND x.indexprs IS NULL AND x.indpred IS NULL
        AND NOT EXISTS (SELECT 1 FROM unnest(x.indoption::int2[]) AS o(v) WHERE o.v <> 0)
      GROUP BY i.relname, t.relname, x.indexrelid, x.indcollation
      ORDER BY i.relname`,
    [tables],
  );
  return rows.map(({ definition, ...ix }) => (definition ? { ...ix, definition } : ix));
}

/** Drops the plain secondary indexes of `tables` and returns them, to be rebuilt by `rebuildIndexes`. */
export async function dropSecondaryIndexes(handle: DbHandle, tables: readonly Table[]): Promise<DeferredIndex[]> {
  const indexes = await deferrableIndexes(handle, tables);
  for (const ix of indexes) await handle.db.schema.dropIndex(ix.name).ifExists().execute();
  return indexes;
}

export async function rebuildIndexes(handle: DbHandle, indexes: readonly DeferredIndex[]): Promise<void> {
  for (const ix of indexes) {
    if (ix.definition)
      await sql.raw(ix.definition.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS ')).execute(handle.db);
    else await handle.db.schema.createIndex(ix.name).ifNotExists().on(ix.table).columns(ix.columns).execute();
  }
}
