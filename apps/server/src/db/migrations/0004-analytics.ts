import { type Kysely, sql } from 'kysely';

/**
 * Report summaries (kept by every write, rebuilt from the base tables when missing), campaigns, renewal reminders.
 * The summaries hold day-keyed deltas: a figure on a date is the sum of the deltas up to that date (see
 * packages/core/src/analytics/coverage-facts.ts). Keys are the natural keys of the report rows, office first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cov_member_delta')
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('ever', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('cov_member_delta_pk', ['office_id', 'scope', 'day'])
    .execute();
  await db.schema
    .createTable('cov_policy_delta')
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('product_code', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('policies', 'integer', (c) => c.notNull())
    .addColumn('shares', 'integer', (c) => c.notNull())
    .addColumn('fee_fen', 'bigint', (c) => c.notNull())
    .addColumn('started_policies', 'integer', (c) => c.notNull())
    .addColumn('started_shares', 'integer', (c) => c.notNull())
    .addColumn('started_fee_fen', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('cov_policy_delta_pk', ['office_id', 'agency_id', 'category', 'product_code', 'day'])
    .execute();
  await db.schema
    .createTable('cov_renewal')
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('product_code', 'text', (c) => c.notNull())
    .addColumn('employment_kind', 'text', (c) => c.notNull())
    .addColumn('end_day', 'text', (c) => c.notNull())
    .addColumn('ending', 'integer', (c) => c.notNull())
    .addColumn('renewed', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('cov_renewal_pk', [
      'office_id',
      'agency_id',
      'category',
      'product_code',
      'employment_kind',
      'end_day',
    ])
    .execute();
  // One row per merged in-force span of the policies sold through a unit: enrolled units on a date, not-enrolled list.
  await db.schema
    .createTable('cov_unit_span')
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('from_day', 'text', (c) => c.notNull())
    .addColumn('to_day', 'text', (c) => c.notNull())
    // to_day in the key too: the key's index then answers "in force on D" without reading the table.
    .addPrimaryKeyConstraint('cov_unit_span_pk', ['office_id', 'unit_id', 'from_day', 'to_day'])
    .execute();
  // Each unit's terms: its unit-channel policies grouped by product and dates ('*' = all products, distinct members) — what
  // campaigns compare (a unit's new term against its previous one).
  await db.schema
    .createTable('cov_unit_term')
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('product_code', 'text', (c) => c.notNull())
    .addColumn('start_day', 'text', (c) => c.notNull())
    .addColumn('end_day', 'text', (c) => c.notNull())
    .addColumn('members', 'integer', (c) => c.notNull())
    .addColumn('shares', 'integer', (c) => c.notNull())
    .addColumn('fee_fen', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('cov_unit_term_pk', ['office_id', 'unit_id', 'product_code', 'start_day', 'end_day'])
    .execute();
  await db.schema
    .createIndex('cov_unit_term_start_idx')
    .on('cov_unit_term')
    .columns(['office_id', 'start_day'])
    .execute();
  // Claims paid by payment day; product_code '*' counts each claim once with its whole amount.
  await db.schema
    .createTable('claim_paid_daily')
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('product_code', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('claims', 'integer', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('claim_paid_daily_pk', ['office_id', 'agency_id', 'product_code', 'day'])
    .execute();

  // Working days from acceptance to decision, set when a claim is decided: the SLA figures aggregate in SQL.
  await db.schema.alterTable('claim').addColumn('decision_working_days', 'integer').execute();
  await db.schema.createIndex('claim_filed_idx').on('claim').columns(['office_id', 'filed_on']).execute();
  await db.schema.createIndex('claim_decided_idx').on('claim').columns(['office_id', 'decided_at']).execute();

  // The claims work queue (claim.repository queue): its first page in the queue's own order, read from an index and
  // stopped after one page. Without these both databases sorted every claim of the office (or agency), joined to its
  // member, for each page: seconds per request at the chongqing scale (bench/README.md, claims-queue). The
  // expression must stay textually the queue's ORDER BY (dialect-neutral SQL, matched by both planners).
  const queueOrder = sql`(case when due_date is null then 1 else 0 end)`;
  await db.schema
    .createIndex('claim_queue_order_idx')
    .on('claim')
    .column('office_id')
    .expression(queueOrder)
    .columns(['due_date', 'created_at', 'id'])
    .execute();
  // The same order within one status: the overdue filter (accepted, due before today) and the status tabs.
  await db.schema
    .createIndex('claim_status_queue_order_idx')
    .on('claim')
    .columns(['office_id', 'status'])
    .expression(queueOrder)
    .columns(['due_date', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('claim_agency_queue_order_idx')
    .on('claim')
    .columns(['office_id', 'agency_id'])
    .expression(queueOrder)
    .columns(['due_date', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('campaign')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('agency_ids_json', 'text', (c) => c.notNull())
    .addColumn('target_units', 'integer', (c) => c.notNull())
    .addColumn('target_members', 'integer', (c) => c.notNull())
    .addColumn('target_contributions_fen', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('campaign_name_uq', ['office_id', 'name'])
    .execute();

  // A reminder goes out once per policy: the primary key refuses a second one even when two job runs overlap.
  await db.schema
    .createTable('renewal_reminder')
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('policy_id', 'text', (c) => c.notNull().references('policy.id'))
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('renewal_reminder_pk', ['office_id', 'policy_id'])
    .execute();
  // Covering indexes for the report reads (sum of deltas up to a day; units by agency and category with headcount):
  // measured at the chongqing scale on SQLite, they halve the structure table's time by never touching the tables.
  await db.schema
    .createIndex('cov_policy_delta_cover_idx')
    .on('cov_policy_delta')
    .columns(['office_id', 'agency_id', 'category', 'product_code', 'day', 'policies', 'shares', 'fee_fen'])
    .execute();
  await db.schema
    .createIndex('cov_member_delta_cover_idx')
    .on('cov_member_delta')
    .columns(['office_id', 'scope', 'day', 'active', 'ever'])
    .execute();
  await db.schema
    .createIndex('unit_report_idx')
    .on('unit')
    .columns(['office_id', 'agency_id', 'category', 'headcount', 'id'])
    .execute();
  await db.schema.createIndex('policy_start_idx').on('policy').columns(['office_id', 'start_date']).execute();

  // Renewal report: the figures of a period of end days, office-wide, without reading every agency's key range.
  await db.schema.createIndex('cov_renewal_end_idx').on('cov_renewal').columns(['office_id', 'end_day']).execute();

  // Claims-operations report: claims filed / decided in a period, grouped by agency (and working days), read from
  // the index alone — a year of a large office is ~60 k claims, and visiting each wide claim row tripled the time.
  await db.schema
    .createIndex('claim_filed_agency_idx')
    .on('claim')
    .columns(['office_id', 'filed_on', 'agency_id'])
    .execute();
  await db.schema
    .createIndex('claim_decided_days_idx')
    .on('claim')
    .columns(['office_id', 'decided_at', 'agency_id', 'decision_working_days', 'status'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'renewal_reminder',
    'campaign',
    'claim_paid_daily',
    'cov_unit_term',
    'cov_unit_span',
    'cov_renewal',
    'cov_policy_delta',
    'cov_member_delta',
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
