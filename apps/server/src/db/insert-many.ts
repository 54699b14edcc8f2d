import type { Insertable } from 'kysely';
import type { Database, Db } from './tables.ts';

/**
 * Multi-row inserts inside the caller's transaction, chunked under both dialects' bound-parameter limits.
 * (The bulk path in bulk.ts is faster but owns its connection; this one joins a Kysely transaction.)
 */
export async function insertMany<T extends keyof Database & string>(
  db: Db,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const perChunk = Math.max(1, Math.floor(30_000 / Object.keys(first).length));
  for (let i = 0; i < rows.length; i += perChunk) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + perChunk) as never)
      .execute();
  }
}
