import { type Kysely, sql } from 'kysely';

/**
 * The member app (issue 11): member accounts (mobile + SMS code, never staff users), their sessions, the login
 * codes (hashed; the table also answers the sending limits), real-name verifications and the FAQ.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('member_account')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('mobile', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.references('member.id'))
    .addColumn('verified_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'text')
    .execute();
  await db.schema
    .createIndex('member_account_mobile_uq')
    .on('member_account')
    .columns(['office_id', 'mobile'])
    .unique()
    .execute();
  // One ID number (one member) binds to one account at a time; the database holds the rule, not only the service.
  await db.schema
    .createIndex('member_account_member_uq')
    .on('member_account')
    .columns(['office_id', 'member_id'])
    .unique()
    .where(sql.ref('member_id'), 'is not', null)
    .execute();

  await db.schema
    .createTable('member_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('member_account.id'))
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('member_session_account_idx').on('member_session').column('account_id').execute();

  await db.schema
    .createTable('member_login_code')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('mobile', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('ip', 'text')
    .execute();
  await db.schema
    .createIndex('member_login_code_mobile_idx')
    .on('member_login_code')
    .columns(['office_id', 'mobile', 'created_at'])
    .execute();
  await db.schema
    .createIndex('member_login_code_ip_idx')
    .on('member_login_code')
    .columns(['ip', 'created_at'])
    .execute();

  await db.schema
    .createTable('identity_verification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('member_account.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_number_enc', 'text', (c) => c.notNull())
    .addColumn('id_number_hash', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_ref', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('failure_reason', 'text')
    .addColumn('member_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .execute();
  await db.schema
    .createIndex('identity_verification_account_idx')
    .on('identity_verification')
    .columns(['account_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('faq')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('faq_office_idx').on('faq').columns(['office_id', 'sort_order']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['faq', 'identity_verification', 'member_login_code', 'member_session', 'member_account'])
    await db.schema.dropTable(t).execute();
}
