import { type Kysely, type Migration, type MigrationProvider, Migrator, PostgresAdapter, sql } from 'kysely';
import * as m0001 from './migrations/0001-foundation.ts';
import * as m0002 from './migrations/0002-products-enrolment.ts';
import * as m0003 from './migrations/0003-claims.ts';
import * as m0004 from './migrations/0004-analytics.ts';
import * as m0005 from './migrations/0005-sms-provider.ts';
import * as m0006 from './migrations/0006-enrolment-item-keys.ts';
import * as m0007 from './migrations/0007-login-lock.ts';
import * as m0008 from './migrations/0008-enrolment-issue.ts';
import * as m0009 from './migrations/0009-member-app.ts';
import * as m0010 from './migrations/0010-relief.ts';
import * as m0012 from './migrations/0012-gig.ts';
import * as m0014 from './migrations/0014-gift-campaigns.ts';
import * as m0015 from './migrations/0015-gig-renewal.ts';
import * as m0016 from './migrations/0016-service-outreach.ts';
import * as m0019 from './migrations/0019-claim-queue-count.ts';
import * as m0020 from './migrations/0020-search.ts';
import * as m0021 from './migrations/0021-enrolment-payment.ts';
import type { Database } from './tables.ts';

/** Migrations are listed here explicitly (no directory scan), so bundling and tests see the same set. */
const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-products-enrolment': m0002,
  '0003-claims': m0003,
  '0004-analytics': m0004,
  '0005-sms-provider': m0005,
  '0006-enrolment-item-keys': m0006,
  '0007-login-lock': m0007,
  '0008-enrolment-issue': m0008,
  '0009-member-app': m0009,
  '0010-relief': m0010,
  '0012-gig': m0012,
  '0014-gift-campaigns': m0014,
  '0015-gig-renewal': m0015,
  '0016-service-outreach': m0016,
  '0019-claim-queue-count': m0019,
  '0020-search': m0020,
  '0021-enrolment-payment': m0021,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Runs `fn` on one connection without the write pool's statement budget (HUZHU_WRITE_TIMEOUT_MS): a migration may
 * rewrite every row of a table at full scale, and waits for another instance's migrations to finish. The
 * connection's own budget is restored afterwards. SQLite has no budget to lift.
 */
export async function withoutStatementBudget<T>(
  db: Kysely<Database>,
  fn: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return fn(db);
  return db.connection().execute(async (conn) => {
    await sql`set statement_timeout = 0`.execute(conn);
    await sql`set idle_in_transaction_session_timeout = 0`.execute(conn);
    try {
      return await fn(conn);
    } finally {
      await sql`reset statement_timeout`.execute(conn);
      await sql`reset idle_in_transaction_session_timeout`.execute(conn);
    }
  });
}

async function migratorFor(db: Kysely<Database>): Promise<Migrator> {
  // On PostgreSQL Kysely looks for its bookkeeping tables in every schema of the database; pinned to the schema in
  // use, databases that share a server (a test schema per file, or several deployments) never see each other's.
  const pinned =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  return new Migrator({ db, provider, ...(pinned ? { migrationTableSchema: pinned } : {}) });
}

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  await withoutStatementBudget(db, async (conn) => run((await migratorFor(conn)).migrateToLatest()));
}

/** Up or down to the named migration (tests of a migration over existing data). */
export async function migrateTo(db: Kysely<Database>, name: keyof typeof migrations & string): Promise<void> {
  await withoutStatementBudget(db, async (conn) => run((await migratorFor(conn)).migrateTo(name)));
}

async function run(migration: ReturnType<Migrator['migrateToLatest']>): Promise<void> {
  const { error, results } = await migration;
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`数据库迁移失败: ${failed?.migrationName ?? ''} ${String(error)}`);
  }
}
