import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { testPgUrl } from './helpers/test-context.ts';

/**
 * Kysely's migrator asks the introspector whether its tables exist; Kysely's own PostgreSQL introspector reads every
 * schema of the database, and a schema dropped meanwhile (another test file ending, another deployment) failed the
 * migration now and then ("relation t_….campaign does not exist"). Ours reads the schema in use only.
 */
describe.skipIf(!testPgUrl)('the migrator on a shared PostgreSQL database', () => {
  const mine = `t_${crypto.randomBytes(6).toString('hex')}`;
  const other = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: testPgUrl });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  afterAll(async () => {
    await admin(`drop schema if exists ${mine} cascade`);
    await admin(`drop schema if exists ${other} cascade`);
  });

  it('sees only its own schema, and migrates while other schemas come and go', async () => {
    await admin(`create schema ${mine}`);
    await admin(`create schema ${other}`);
    await admin(`create table ${other}.campaign (id text primary key)`);
    const handle = openDatabase({ databaseUrl: testPgUrl, pgSchema: mine, poolSize: 2, readers: 1 });
    try {
      expect((await handle.db.introspection.getSchemas()).map((s) => s.name)).toEqual([mine]);
      expect((await handle.db.introspection.getTables()).map((t) => t.name)).toEqual([]);
      // Schemas created and dropped beside the migration, as parallel test files do.
      let churn = true;
      const churning = (async () => {
        for (let i = 0; churn; i++) {
          const s = `${other}_${i}`;
          await admin(`create schema ${s}; create table ${s}.campaign (id text primary key)`);
          await admin(`drop schema ${s} cascade`);
        }
      })();
      await migrateToLatest(handle.db);
      churn = false;
      await churning;
      const tables = (await handle.db.introspection.getTables()).map((t) => t.name);
      expect(tables).toContain('kysely_migration');
      expect(tables).toContain('campaign');
      expect(new Set((await handle.db.introspection.getTables()).map((t) => t.schema))).toEqual(new Set([mine]));
    } finally {
      await handle.destroy();
    }
  }, 120_000);
});
