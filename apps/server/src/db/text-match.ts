import { type Expression, type SqlBool, sql } from 'kysely';

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
