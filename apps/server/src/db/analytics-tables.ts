import type { Generated, Selectable } from 'kysely';

/** Report summaries and campaign tables (migration 0004). Deltas per day: see packages/core/src/analytics. */
export interface CovMemberDeltaTable {
  office_id: string;
  /** 'o' (office), 'a:<agency>' or 'g:<agency>:<category>': distinct members within that scope. */
  scope: string;
  day: string;
  active: number;
  ever: number;
}

export interface CovPolicyDeltaTable {
  office_id: string;
  agency_id: string;
  category: string;
  product_code: string;
  day: string;
  policies: number;
  shares: number;
  fee_fen: number;
  started_policies: number;
  started_shares: number;
  started_fee_fen: number;
}

export interface CovRenewalTable {
  office_id: string;
  agency_id: string;
  category: string;
  product_code: string;
  employment_kind: string;
  end_day: string;
  ending: number;
  renewed: number;
}

export interface CovUnitSpanTable {
  office_id: string;
  unit_id: string;
  from_day: string;
  to_day: string;
}

/** A unit's terms: its unit-channel policies grouped by product and dates. */
export interface CovUnitTermTable {
  office_id: string;
  unit_id: string;
  /** '*' for the whole term (members distinct across products). */
  product_code: string;
  start_day: string;
  end_day: string;
  members: number;
  shares: number;
  fee_fen: number;
}

export interface ClaimPaidDailyTable {
  office_id: string;
  agency_id: string;
  product_code: string;
  day: string;
  claims: number;
  amount_fen: number;
}

export interface CampaignTable {
  id: string;
  office_id: string;
  name: string;
  start_date: string;
  end_date: string;
  agency_ids_json: string;
  target_units: number;
  target_members: number;
  target_contributions_fen: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface RenewalReminderTable {
  office_id: string;
  policy_id: string;
  member_id: string;
  end_date: string;
  sent_at: string;
}

/**
 * The claims queue's counts (migration 0019): +1 / −1 per claim entering or leaving a key, appended by triggers on
 * `claim`, folded into one row per key by the compaction job. A key's count is the sum of its rows.
 */
export interface ClaimQueueDeltaTable {
  seq: Generated<number>;
  office_id: string;
  /** The claim's agency, '' for none. */
  agency_key: string;
  status: string;
  /** The due date of accepted claims, '' for every other status. */
  due_key: string;
  n: number;
}

/**
 * Unit names in pieces for "name contains" searches (migration 0020): every two-character piece of a unit's name,
 * lower case, and its last character alone; written by triggers on `unit` whoever writes the unit.
 */
export interface UnitNameGramTable {
  office_id: string;
  gram: string;
  unit_id: string;
}

/** Gig renewal reminders (migration 0015): one row per policy and stage (days before the end). */
export interface GigRenewalReminderTable {
  office_id: string;
  policy_id: string;
  days_before: number;
  member_id: string;
  end_date: string;
  sent_at: string;
}

export interface AnalyticsTables {
  cov_member_delta: CovMemberDeltaTable;
  cov_policy_delta: CovPolicyDeltaTable;
  cov_renewal: CovRenewalTable;
  cov_unit_span: CovUnitSpanTable;
  cov_unit_term: CovUnitTermTable;
  claim_paid_daily: ClaimPaidDailyTable;
  campaign: CampaignTable;
  renewal_reminder: RenewalReminderTable;
  claim_queue_delta: ClaimQueueDeltaTable;
  gig_renewal_reminder: GigRenewalReminderTable;
  unit_name_gram: UnitNameGramTable;
}

export type CampaignRow = Selectable<CampaignTable>;
