import type { Kysely } from 'kysely';

// Login lock-outs by (account, source network) instead of one lock per account (issue 15 item 10): wrong passwords
// from one /24 (IPv4) or /64 (IPv6) lock the account for that source only, with a doubling backoff; the owner still
// signs in from where they usually are.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_lock')
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('office_id', 'text')
    /** Wrong passwords since the last lock (or success) from this source. */
    .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
    /** Locks so far from this source: the next one lasts lockMinutes × 2^level. */
    .addColumn('lock_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('login_lock_pk', ['user_id', 'source'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_lock').execute();
}
