import type { Selectable } from 'kysely';

/** Service and outreach (migration 0016): complaints, trainings and events, targeted expansion. */
export interface ComplaintTable {
  id: string;
  office_id: string;
  number: string;
  kind: string;
  status: string;
  member_id: string;
  unit_id: string | null;
  /** null: assigned to the office (a member without a unit, or an object of no agency). */
  agency_id: string | null;
  subject_kind: string;
  subject_id: string;
  /** The linked object as the member knows it (claim number, relief number, product and term), kept at filing. */
  subject_label: string;
  /** The member's words, encrypted (they may carry medical or family facts). */
  content_enc: string;
  source: string;
  contact_note: string | null;
  account_id: string | null;
  filed_by: string | null;
  filed_on: string;
  filed_at: string;
  due_date: string;
  escalated_at: string | null;
  answer: string | null;
  answered_at: string | null;
  answered_on: string | null;
  answered_by: string | null;
  answered_by_name: string | null;
  on_time: number | null;
}

export interface TrainingSessionTable {
  id: string;
  office_id: string;
  agency_id: string | null;
  held_on: string;
  place: string;
  organiser: string;
  topic: string;
  attendees: number;
  created_by: string | null;
  created_at: string;
}

export interface OutreachEventTable {
  id: string;
  office_id: string;
  agency_id: string | null;
  held_on: string;
  place: string;
  kind: string;
  title: string;
  attendees: number;
  consultations: number;
  channel_id: string | null;
  created_by: string | null;
  created_at: string;
}

export interface ExpansionTargetTable {
  id: string;
  office_id: string;
  agency_id: string;
  unit_id: string;
  assignee_id: string;
  source: string;
  status: string;
  /** The unit's term in force on the day it was assigned (0 when not enrolled): what "upgraded" compares to. */
  baseline_members: number;
  baseline_shares: number;
  baseline_products: number;
  assigned_on: string;
  assigned_by: string | null;
  note: string | null;
  last_contact_on: string | null;
  contacts: number;
  created_at: string;
}

export interface ExpansionContactTable {
  id: string;
  office_id: string;
  target_id: string;
  contacted_on: string;
  method: string;
  outcome: string;
  reason: string | null;
  note: string | null;
  user_id: string | null;
  user_name: string | null;
  created_at: string;
}

export interface OutreachTables {
  complaint: ComplaintTable;
  training_session: TrainingSessionTable;
  outreach_event: OutreachEventTable;
  expansion_target: ExpansionTargetTable;
  expansion_contact: ExpansionContactTable;
}

export type ComplaintRow = Selectable<ComplaintTable>;
export type ExpansionTargetRow = Selectable<ExpansionTargetTable>;
