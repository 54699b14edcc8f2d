import type { Kysely } from 'kysely';

/**
 * Gig self-enrolment (issue 12): QR channels, the worker's own orders (`gig_enrolment`, a core lifecycle), the one
 * payment record per order, and the log of payment notifications refused. A member account remembers the channel it
 * registered through (attribution survives sign-in and payment).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('channel')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('agency_id', 'text', (c) => c.references('agency.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('products_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('channel_code_uq').on('channel').columns(['office_id', 'code']).unique().execute();
  await db.schema.createIndex('channel_agency_idx').on('channel').columns(['office_id', 'agency_id']).execute();

  await db.schema.alterTable('member_account').addColumn('channel_id', 'text').execute();

  await db.schema
    .createTable('gig_enrolment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('member.id'))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text')
    .addColumn('agency_id', 'text')
    .addColumn('product_version_id', 'text', (c) => c.notNull())
    .addColumn('product_code', 'text', (c) => c.notNull())
    .addColumn('exclusive_group', 'text')
    .addColumn('shares', 'integer', (c) => c.notNull())
    .addColumn('fee_fen', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('out_trade_no', 'text', (c) => c.notNull())
    .addColumn('prepay_json', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'text')
    .addColumn('policy_id', 'text')
    .addColumn('gift_campaign_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('gig_enrolment_trade_uq').on('gig_enrolment').column('out_trade_no').unique().execute();
  await db.schema
    .createIndex('gig_enrolment_member_idx')
    .on('gig_enrolment')
    .columns(['office_id', 'member_id', 'created_at'])
    .execute();
  await db.schema.createIndex('gig_enrolment_open_idx').on('gig_enrolment').columns(['status', 'expires_at']).execute();
  await db.schema
    .createIndex('gig_enrolment_channel_idx')
    .on('gig_enrolment')
    .columns(['office_id', 'channel_id', 'created_at'])
    .execute();

  // One payment per order, whatever races (callback × n, query beside a callback): the database holds the rule.
  await db.schema
    .createTable('gig_payment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('enrolment_id', 'text', (c) => c.notNull().references('gig_enrolment.id'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('out_trade_no', 'text', (c) => c.notNull())
    .addColumn('transaction_id', 'text')
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('paid_at', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('refund_no', 'text')
    .addColumn('refund_status', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('gig_payment_enrolment_uq')
    .on('gig_payment')
    .columns(['office_id', 'enrolment_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('payment_notice')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('out_trade_no', 'text')
    .addColumn('notice_id', 'text')
    .execute();
  await db.schema.createIndex('payment_notice_received_idx').on('payment_notice').column('received_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['payment_notice', 'gig_payment', 'gig_enrolment', 'channel']) await db.schema.dropTable(t).execute();
  await db.schema.alterTable('member_account').dropColumn('channel_id').execute();
}
