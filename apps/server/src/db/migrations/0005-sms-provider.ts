import type { Kysely } from 'kysely';

// What an SMS provider answered for each text: which provider, its code (OK or an error code), its message id
// (BizId) and, when refused or unreachable, why. One column per statement: SQLite adds columns one at a time.
const columns = ['provider', 'provider_code', 'provider_ref', 'failure_reason'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const c of columns) await db.schema.alterTable('sms_outbox').addColumn(c, 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const c of columns) await db.schema.alterTable('sms_outbox').dropColumn(c).execute();
}
