import type { Kysely } from 'kysely';

/**
 * Service and outreach (issue 13 items 7–9): complaints and feedback with their 3-working-day answer, training
 * sessions and outreach events (an event may name a QR channel), and targeted expansion — target units assigned to
 * agency staff, with the log of every visit or call.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('complaint')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull().references('member.id'))
    .addColumn('unit_id', 'text')
    .addColumn('agency_id', 'text')
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('subject_label', 'text', (c) => c.notNull())
    .addColumn('content_enc', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('contact_note', 'text')
    .addColumn('account_id', 'text')
    .addColumn('filed_by', 'text')
    .addColumn('filed_on', 'text', (c) => c.notNull())
    .addColumn('filed_at', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('escalated_at', 'text')
    .addColumn('answer', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('answered_on', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('answered_by_name', 'text')
    .addColumn('on_time', 'integer')
    .execute();
  await db.schema
    .createIndex('complaint_number_uq')
    .on('complaint')
    .columns(['office_id', 'number'])
    .unique()
    .execute();
  await db.schema
    .createIndex('complaint_agency_idx')
    .on('complaint')
    .columns(['office_id', 'agency_id', 'filed_on'])
    .execute();
  await db.schema.createIndex('complaint_due_idx').on('complaint').columns(['status', 'due_date']).execute();
  await db.schema.createIndex('complaint_member_idx').on('complaint').columns(['office_id', 'member_id']).execute();

  await db.schema
    .createTable('training_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('agency_id', 'text', (c) => c.references('agency.id'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('organiser', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('attendees', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('training_session_idx')
    .on('training_session')
    .columns(['office_id', 'held_on', 'agency_id'])
    .execute();

  await db.schema
    .createTable('outreach_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('agency_id', 'text', (c) => c.references('agency.id'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('attendees', 'integer', (c) => c.notNull())
    .addColumn('consultations', 'integer', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.references('channel.id'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('outreach_event_idx')
    .on('outreach_event')
    .columns(['office_id', 'held_on', 'agency_id'])
    .execute();

  await db.schema
    .createTable('expansion_target')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('assignee_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('baseline_members', 'integer', (c) => c.notNull())
    .addColumn('baseline_shares', 'integer', (c) => c.notNull())
    .addColumn('baseline_products', 'integer', (c) => c.notNull())
    .addColumn('assigned_on', 'text', (c) => c.notNull())
    .addColumn('assigned_by', 'text')
    .addColumn('note', 'text')
    .addColumn('last_contact_on', 'text')
    .addColumn('contacts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // One target per unit per office: a unit is somebody's target, or nobody's.
  await db.schema
    .createIndex('expansion_target_unit_uq')
    .on('expansion_target')
    .columns(['office_id', 'unit_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('expansion_target_agency_idx')
    .on('expansion_target')
    .columns(['office_id', 'agency_id', 'assigned_on'])
    .execute();

  await db.schema
    .createTable('expansion_contact')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
    .addColumn('target_id', 'text', (c) => c.notNull().references('expansion_target.id'))
    .addColumn('contacted_on', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('note', 'text')
    .addColumn('user_id', 'text')
    .addColumn('user_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('expansion_contact_target_idx')
    .on('expansion_contact')
    .columns(['office_id', 'target_id', 'contacted_on'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['expansion_contact', 'expansion_target', 'outreach_event', 'training_session', 'complaint'])
    await db.schema.dropTable(t).execute();
}
