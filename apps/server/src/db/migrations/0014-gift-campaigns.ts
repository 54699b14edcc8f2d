import type { Kysely } from 'kysely';

/**
 * Gift cover campaigns (新业态赠险, issue 12 item 4) and refunds of cancelled gig enrolments (item 3).
 *
 * `gift_campaign` counts its grants in `granted_count`, moved only by the conditional update
 * `granted_count = granted_count + 1 WHERE granted_count < budget_count` inside the grant's transaction, so the budget is
 * never overspent whatever the concurrency; `gift_grant` holds one row per (campaign, member) — the unique index is the
 * "one gift per worker per campaign" rule. `gig_payment` gains what a refund needs: the provider's refund id, when it
 * was asked for and when the money went back.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('gift_campaign')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sponsor', 'text', (c) => c.notNull())
    .addColumn('product_code', 'text', (c) => c.notNull())
    .addColumn('budget_count', 'integer', (c) => c.notNull())
    .addColumn('granted_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('eligibility_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createIndex('gift_campaign_office_idx')
    .on('gift_campaign')
    .columns(['office_id', 'status', 'end_date'])
    .execute();

  await db.schema
    .createTable('gift_grant')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('gift_campaign.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('member.id'))
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text')
    .addColumn('agency_id', 'text')
    .addColumn('account_id', 'text')
    .addColumn('granted_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('gift_grant_member_uq')
    .on('gift_grant')
    .columns(['office_id', 'campaign_id', 'member_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('gift_grant_campaign_idx')
    .on('gift_grant')
    .columns(['office_id', 'campaign_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('gift_grant_channel_idx')
    .on('gift_grant')
    .columns(['office_id', 'channel_id', 'created_at'])
    .execute();
  await db.schema.createIndex('gift_grant_ofmember_idx').on('gift_grant').columns(['office_id', 'member_id']).execute();

  await db.schema.alterTable('gig_payment').addColumn('refund_id', 'text').execute();
  await db.schema.alterTable('gig_payment').addColumn('refund_requested_at', 'text').execute();
  await db.schema.alterTable('gig_payment').addColumn('refunded_at', 'text').execute();
  await db.schema.createIndex('gig_payment_refund_idx').on('gig_payment').column('refund_no').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('gig_payment_refund_idx').execute();
  for (const c of ['refunded_at', 'refund_requested_at', 'refund_id'])
    await db.schema.alterTable('gig_payment').dropColumn(c).execute();
  await db.schema.dropTable('gift_grant').execute();
  await db.schema.dropTable('gift_campaign').execute();
}
