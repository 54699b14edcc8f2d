import type { Kysely } from 'kysely';

// Portable: Kysely's schema builder only. Ids are text (app-generated UUIDv7), booleans integers,
// dates and instants ISO text. Every unique key of a business table includes office_id (sharding by office).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('office')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('agency')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('agency_office_code_uq', ['office_id', 'code'])
    .execute();

  await db.schema
    .createTable('unit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('credit_code', 'text', (c) => c.notNull())
    .addColumn('credit_code_valid', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('industry', 'text')
    .addColumn('headcount', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('female_headcount', 'integer')
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('bank_name', 'text')
    .addColumn('bank_account_enc', 'text')
    .addColumn('covered_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('unit_office_credit_uq', ['office_id', 'credit_code'])
    .execute();
  await db.schema.createIndex('unit_agency_idx').on('unit').columns(['office_id', 'agency_id', 'name']).execute();
  await db.schema.createIndex('unit_name_idx').on('unit').columns(['office_id', 'name']).execute();

  await db.schema
    .createTable('member')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_number_enc', 'text', (c) => c.notNull())
    .addColumn('id_number_hash', 'text', (c) => c.notNull())
    .addColumn('id_number_masked', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('mobile', 'text')
    .addColumn('employment_kind', 'text', (c) => c.notNull())
    .addColumn('gig_kind', 'text')
    .addColumn('household', 'text')
    .addColumn('has_medical_insurance', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('bank_name', 'text')
    .addColumn('bank_account_enc', 'text')
    .addColumn('bank_account_last4', 'text')
    .addColumn('unit_id', 'text', (c) => c.references('unit.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('member_office_idhash_uq', ['office_id', 'id_number_hash'])
    .execute();
  await db.schema.createIndex('member_unit_idx').on('member').columns(['office_id', 'unit_id']).execute();
  await db.schema.createIndex('member_name_idx').on('member').columns(['office_id', 'name']).execute();
  await db.schema.createIndex('member_mobile_idx').on('member').columns(['office_id', 'mobile']).execute();

  await db.schema
    .createTable('member_unit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('member.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('member_unit_member_idx').on('member_unit').columns(['office_id', 'member_id']).execute();

  await db.schema
    .createTable('app_user')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.references('office.id'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.references('agency.id'))
    .addColumn('unit_id', 'text', (c) => c.references('unit.id'))
    .addColumn('member_id', 'text', (c) => c.references('member.id'))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('last_login_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('app_user_office_idx').on('app_user').columns(['office_id', 'username']).execute();

  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('office_id', 'text')
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();

  await db.schema
    .createTable('api_token')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.references('agency.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('ip', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_office_idx').on('audit_log').columns(['office_id', 'id']).execute();
  await db.schema.createIndex('audit_object_idx').on('audit_log').columns(['office_id', 'object_id']).execute();

  await db.schema
    .createTable('registry_import')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('total_rows', 'integer', (c) => c.notNull())
    .addColumn('created_units', 'integer', (c) => c.notNull())
    .addColumn('updated_units', 'integer', (c) => c.notNull())
    .addColumn('rejected_rows', 'integer', (c) => c.notNull())
    .addColumn('issues_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('app_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'app_meta',
    'registry_import',
    'audit_log',
    'api_token',
    'session',
    'app_user',
    'member_unit',
    'member',
    'unit',
    'agency',
    'office',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
