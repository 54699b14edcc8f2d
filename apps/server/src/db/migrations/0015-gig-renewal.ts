import { type Kysely, sql } from 'kysely';

/**
 * Gig renewal and the `gig` report category (issue 12, items 5 and 7):
 * - `gig_renewal_reminder`: one row per policy and reminder stage (30, 14, 3 days before the end); the primary key
 *   lets only one of two overlapping runs (or instances) claim a stage, and only the claimer texts.
 * - `gig_enrolment.renewal_of`: the policy an order renews (one tap in the app); its cover starts the day after that
 *   policy ends, or the day after the payment when that is later.
 * - Policies sold to individuals (no unit) were summarised under the report category `individual`; they are gig
 *   workers' own enrolments and now count as the category `gig`. The summaries are re-keyed in place (no unit
 *   category is called `gig`, so no key collides).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('gig_renewal_reminder')
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('policy_id', 'text', (c) => c.notNull().references('policy.id'))
    .addColumn('days_before', 'integer', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('gig_renewal_reminder_pk', ['office_id', 'policy_id', 'days_before'])
    .execute();

  await db.schema.alterTable('gig_enrolment').addColumn('renewal_of', 'text').execute();

  await sql`update cov_member_delta set scope = substr(scope, 1, length(scope) - 10) || 'gig' where scope like 'g:%:individual'`.execute(
    db,
  );
  await sql`update cov_policy_delta set category = 'gig' where category = 'individual'`.execute(db);
  await sql`update cov_renewal set category = 'gig' where category = 'individual'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update cov_renewal set category = 'individual' where category = 'gig'`.execute(db);
  await sql`update cov_policy_delta set category = 'individual' where category = 'gig'`.execute(db);
  await sql`update cov_member_delta set scope = substr(scope, 1, length(scope) - 3) || 'individual' where scope like 'g:%:gig'`.execute(
    db,
  );
  await db.schema.alterTable('gig_enrolment').dropColumn('renewal_of').execute();
  await db.schema.dropTable('gig_renewal_reminder').execute();
}
