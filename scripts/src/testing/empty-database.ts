import crypto from 'node:crypto';
import { createPiiCipher, type DbHandle, fixedOr, migrateToLatest, openDatabase } from '@huzhu/server';
import pg from 'pg';

/** Shared by the demo-data tests: one clock, one cipher, so two loads can be compared row for row. */
export const pgUrl = process.env.HUZHU_TEST_PG;
export const clock = fixedOr(() => new Date('2026-03-02T02:00:00.000Z'));
export const TODAY = '2026-03-02';
export const cipher = createPiiCipher(Buffer.alloc(32, 3), Buffer.alloc(32, 4));
export const PASSWORD = 'Demo-passw0rd';

/** A migrated, empty database: in-memory SQLite, or a fresh schema on HUZHU_TEST_PG. */
export async function emptyDatabase(): Promise<{ handle: DbHandle; close(): Promise<void> }> {
  if (!pgUrl) {
    const handle = openDatabase({ sqlitePath: ':memory:' });
    await migrateToLatest(handle.db);
    return { handle, close: () => handle.destroy() };
  }
  const schema = `s_${crypto.randomBytes(6).toString('hex')}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  await admin(`create schema ${schema}`);
  const handle = openDatabase({ databaseUrl: pgUrl, pgSchema: schema, poolSize: 4 });
  await migrateToLatest(handle.db);
  return {
    handle,
    async close() {
      await handle.destroy();
      await admin(`drop schema ${schema} cascade`);
    },
  };
}
