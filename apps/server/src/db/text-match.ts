import { type Expression, PostgresAdapter, type SqlBool, sql } from 'kysely';

// User text goes into LIKE patterns escaped, so `%` and `_` match themselves, not "anything". `ESCAPE '\'` is
// standard SQL and means the same on SQLite and PostgreSQL (standard_conforming_strings is on by default).
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The column contains the text, ignoring ASCII case on both dialects (SQLite's LIKE does, PostgreSQL's does not). */
export function containsText(column: Expression<string>, text: string): Expression<SqlBool> {
  return sql<SqlBool>`lower(${column}) like ${`%${escapeLike(text.toLowerCase())}%`} escape '\\'`;
}

/** The column starts with the text (case as written: names are matched by prefix on an index). */
export function startsWithText(column: Expression<string>, text: string): Expression<SqlBool> {
  return sql<SqlBool>`${column} like ${`${escapeLike(text)}%`} escape '\\'`;
}

/** Whether the queries go to PostgreSQL (whose text order follows the collation, so prefix ranges say `collate "C"`). */
export const isPostgresDb = (db: { getExecutor(): { adapter: unknown } }) =>
  db.getExecutor().adapter instanceof PostgresAdapter;

/** The first string after every string that starts with `text`, in code point (UTF-8 byte) order; null past the last. */
export function prefixEnd(text: string): string | null {
  const points = [...text];
  const last = points.pop()?.codePointAt(0);
  if (last === undefined || last >= 0x10ffff) return null;
  const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
  return points.join('') + String.fromCodePoint(next);
}

/** The column in byte order: as it is on SQLite (BINARY), `collate "C"` on PostgreSQL (the search indexes, 0020). */
export const inByteOrder = (column: Expression<string>, pg: boolean): Expression<string> =>
  pg ? sql<string>`${column} collate "C"` : column;

/**
 * The column starts with the text (case as written), as a range an index in byte order answers directly — on both
 * databases, whatever PostgreSQL's collation (a LIKE prefix uses an index only under the C collation there, and on
 * SQLite only with a NOCASE index).
 */
export function startsWithRange(column: Expression<string>, text: string, pg: boolean): Expression<SqlBool> {
  const c = inByteOrder(column, pg);
  const end = prefixEnd(text);
  return end === null ? sql<SqlBool>`${c} >= ${text}` : sql<SqlBool>`(${c} >= ${text} and ${c} < ${end})`;
}
