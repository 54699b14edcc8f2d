import type { Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { AnalyticsTables } from './analytics-tables.ts';
import type { EnrolmentPaymentTables } from './enrolment-payment-tables.ts';
import type { OutreachTables } from './outreach-tables.ts';

/**
 * Table shapes. Every business table carries office_id (the tenant); ids are app-generated UUIDv7 strings;
 * dates are ISO text; instants are ISO UTC text; booleans are 0/1 integers so both dialects agree;
 * money is integer fen.
 */
export interface OfficeTable {
  id: string;
  code: string;
  name: string;
  region_code: string | null;
  created_at: string;
}

export interface AgencyTable {
  id: string;
  office_id: string;
  code: string;
  name: string;
  kind: 'district' | 'industry' | 'direct';
  region_code: string | null;
  created_at: string;
}

export interface UnitTable {
  id: string;
  office_id: string;
  agency_id: string;
  name: string;
  credit_code: string;
  credit_code_valid: number;
  category: string;
  industry: string | null;
  headcount: number;
  female_headcount: number | null;
  contact_name: string | null;
  contact_phone: string | null;
  bank_name: string | null;
  bank_account_enc: string | null;
  /** Summary kept by enrolment: the last day any policy sold through the unit is in force (null: never enrolled). */
  covered_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface MemberTable {
  id: string;
  office_id: string;
  name: string;
  /** AES-256-GCM ciphertext of the resident ID number. */
  id_number_enc: string;
  /** HMAC-SHA256 blind index of the normalised ID number: exact lookup and de-duplication. */
  id_number_hash: string;
  id_number_masked: string;
  sex: 'male' | 'female';
  birth_date: string;
  mobile: string | null;
  employment_kind: 'employee' | 'gig';
  gig_kind: string | null;
  household: 'urban' | 'rural' | null;
  has_medical_insurance: number;
  bank_name: string | null;
  bank_account_enc: string | null;
  bank_account_last4: string | null;
  unit_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface MemberUnitTable {
  id: string;
  office_id: string;
  member_id: string;
  unit_id: string;
  from_date: string;
  to_date: string | null;
  created_at: string;
}

export interface AppUserTable {
  id: string;
  office_id: string | null;
  username: string;
  password_hash: string;
  role: string;
  display_name: string;
  agency_id: string | null;
  unit_id: string | null;
  member_id: string | null;
  disabled: number;
  failed_logins: number;
  locked_until: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie value; the raw token is never stored. */
  id: string;
  user_id: string;
  office_id: string | null;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  ip: string | null;
}

export interface ApiTokenTable {
  id: string;
  office_id: string;
  name: string;
  token_hash: string;
  role: string;
  agency_id: string | null;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: string;
  office_id: string | null;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
  created_at: string;
}

export interface RegistryImportTable {
  id: string;
  office_id: string;
  file_name: string;
  total_rows: number;
  created_units: number;
  updated_units: number;
  rejected_rows: number;
  issues_json: string;
  created_by: string;
  created_at: string;
}

export interface AppMetaTable {
  key: string;
  value: string;
}

export interface ProductTable {
  id: string;
  office_id: string;
  code: string;
  current_version: number;
  created_at: string;
}

export interface ProductVersionTable {
  id: string;
  office_id: string;
  product_id: string;
  code: string;
  version: number;
  name: string;
  channel: string;
  exclusive_group: string | null;
  fee_per_share_fen: number;
  /** Every parameter of the version (ProductParams), as JSON: the rules a policy was sold under. */
  params_json: string;
  published_by: string | null;
  published_at: string;
}

export interface EnrolmentBatchTable {
  id: string;
  office_id: string;
  unit_id: string;
  agency_id: string;
  product_version_id: string;
  product_code: string;
  /** `roster` (uploaded file) or `renewal` (made from last term's policies). */
  kind: string;
  requested_start: string;
  status: string;
  file_name: string | null;
  total_rows: number;
  accepted_rows: number;
  rejected_rows: number;
  total_shares: number;
  total_fee_fen: number;
  /** The first issues only (a preview, ISSUE_PREVIEW); all of them are rows of enrolment_issue. */
  issues_json: string;
  issue_count: number;
  /** The original cells of rejected rows (they hold ID numbers), encrypted, for the error report download. */
  rejected_rows_enc: string | null;
  idempotency_key: string | null;
  return_reason: string | null;
  note: string | null;
  paid_amount_fen: number | null;
  paid_on: string | null;
  bank_reference: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  approved_at: string | null;
  effective_at: string | null;
  /** The held (待核对) enrolment payment naming this batch, if any (migration 0021). */
  held_payment_id: string | null;
}

export interface EnrolmentItemTable {
  id: string;
  office_id: string;
  batch_id: string;
  row_number: number;
  member_id: string | null;
  name: string;
  id_number_enc: string;
  id_number_hash: string;
  id_number_masked: string;
  sex: 'male' | 'female';
  birth_date: string;
  mobile: string | null;
  employment_kind: string;
  has_medical_insurance: number;
  shares: number;
  fee_fen: number;
  continuous: number;
  renewal_of: string | null;
}

export interface PolicyTable {
  id: string;
  office_id: string;
  member_id: string;
  unit_id: string | null;
  agency_id: string | null;
  batch_id: string | null;
  product_version_id: string;
  product_code: string;
  exclusive_group: string | null;
  channel: string;
  shares: number;
  fee_fen: number;
  start_date: string;
  end_date: string;
  waiting_end_date: string | null;
  accident_waiting_end_date: string | null;
  continuous: number;
  renewal_of: string | null;
  /** `in_force` or `paid_out` (a lump sum ended it) or `cancelled`; waiting/active/expired follow from the dates. */
  state: string;
  certificate_code: string;
  created_at: string;
}

export interface ClaimTable {
  id: string;
  office_id: string;
  member_id: string;
  /** The member's unit and its agency at filing: they decide which agency and unit staff see the claim. */
  unit_id: string | null;
  agency_id: string | null;
  /** The policy the filer named (null: matched to every policy that can pay). */
  policy_id: string | null;
  kind: string;
  cause: string;
  event_date: string;
  /** The facts the rules need (disease, stay, expenses, grade, hospital), as JSON. */
  facts_json: string;
  /** Normalised invoice numbers, as a JSON array (claim_invoice indexes them for duplicate detection). */
  invoice_numbers_json: string;
  status: string;
  /** JSON array of { code, message, details } (DUPLICATE_INVOICE, EARLY_CLAIM). */
  flags_json: string;
  assessed_amount_fen: number;
  filed_on: string;
  filed_by: string;
  created_at: string;
  updated_at: string;
  prechecked_at: string | null;
  accepted_at: string | null;
  due_date: string | null;
  decided_at: string | null;
  decided_by: string | null;
  approved_amount_fen: number | null;
  decision_reason: string | null;
  override_reason: string | null;
  return_reason: string | null;
  /** Set by the overdue job (and kept: the claim missed its 5-working-day promise). */
  overdue: number;
  notified_overdue_at: string | null;
  paid_at: string | null;
  /** Working days from acceptance to decision (claims operations report); null until decided. */
  decision_working_days: number | null;
}

export interface ClaimAssessmentTable {
  id: string;
  office_id: string;
  claim_id: string;
  policy_id: string;
  payable: number;
  amount_fen: number;
  /** What the decision granted on this policy (approved claims only); caps of later claims count it. */
  approved_amount_fen: number | null;
  code: string | null;
  rule_kind: string | null;
  days: number | null;
  ends_policy: number;
  lines_json: string;
  assessed_at: string;
}

export interface ClaimInvoiceTable {
  id: string;
  office_id: string;
  claim_id: string;
  invoice_number: string;
}

export interface ClaimMaterialTable {
  id: string;
  office_id: string;
  claim_id: string;
  slot: number;
  /** sha256 of the content: the file's key in storage. */
  storage_key: string;
  mime_type: string;
  size_bytes: number;
  original_name: string;
  uploaded_by: string;
  uploaded_at: string;
}

export interface PayoutBatchTable {
  id: string;
  office_id: string;
  status: 'open' | 'closed';
  item_count: number;
  total_fen: number;
  created_by: string;
  created_at: string;
  exported_at: string | null;
  closed_at: string | null;
}

export interface PayoutItemTable {
  id: string;
  office_id: string;
  batch_id: string;
  /** The claim paid (subject_kind 'claim'), else null. */
  claim_id: string | null;
  member_id: string;
  amount_fen: number;
  payee_name: string;
  bank_name: string;
  account_enc: string;
  account_last4: string;
  status: 'pending' | 'paid' | 'failed';
  reason: string | null;
  /** The claim id while the item waits for the bank, else null (unique: one pending item per claim). */
  pending_claim_id: string | null;
  /** The claim id once the item is paid, else null (unique: a claim is paid exactly once). */
  paid_claim_id: string | null;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  /** What the item pays (migration 0010): a claim or a relief application. */
  subject_kind: Generated<'claim' | 'relief'>;
  relief_id: string | null;
  /** The relief id while waiting for the bank / once paid (unique: a relief is paid exactly once). */
  pending_relief_id: string | null;
  paid_relief_id: string | null;
}

export interface SmsOutboxTable {
  id: string;
  office_id: string;
  to_mobile: string;
  template: string;
  params_json: string;
  text: string;
  status: string;
  object_type: string | null;
  object_id: string | null;
  created_at: string;
  sent_at: string | null;
  /** Null for texts only written to the outbox; else the provider that was asked to send ('aliyun'). */
  provider: string | null;
  /** The provider's answer code ('OK', 'isv.BUSINESS_LIMIT_CONTROL', …), or TIMEOUT / NETWORK when none came. */
  provider_code: string | null;
  /** The provider's message id (Alibaba Cloud BizId) when sent; the RequestId of a refusal, for support. */
  provider_ref: string | null;
  failure_reason: string | null;
}

export interface NotificationTable {
  id: string;
  office_id: string;
  agency_id: string | null;
  kind: string;
  object_type: string;
  object_id: string;
  message: string;
  created_at: string;
  read_at: string | null;
}

/** Member app (migration 0009): accounts signed in by mobile + SMS code, never staff users. */
export interface MemberAccountTable {
  id: string;
  office_id: string;
  mobile: string;
  /** The member this account is bound to after real-name verification (one account per member). */
  member_id: string | null;
  verified_at: string | null;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  /** The channel the account registered through (migration 0012). */
  channel_id: string | null;
}

export interface MemberSessionTable {
  /** SHA-256 of the cookie value. */
  id: string;
  account_id: string;
  office_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  ip: string | null;
}

export interface MemberLoginCodeTable {
  id: string;
  office_id: string;
  mobile: string;
  code_hash: string;
  attempts: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  ip: string | null;
}

export interface IdentityVerificationTable {
  id: string;
  office_id: string;
  account_id: string;
  name: string;
  id_number_enc: string;
  id_number_hash: string;
  provider: string;
  /** The provider's flow token (Tencent BizToken); null for the demo verifier. */
  provider_ref: string | null;
  status: 'face_required' | 'verified' | 'failed';
  failure_reason: string | null;
  member_id: string | null;
  created_at: string;
  completed_at: string | null;
}

export interface FaqTable {
  id: string;
  office_id: string;
  question: string;
  answer: string;
  category: string;
  sort_order: number;
  published: number;
  created_at: string;
  updated_at: string;
}

// ---------- relief and condolence (migration 0010) ----------

export interface ReliefCategoryVersionTable {
  id: string;
  office_id: string;
  code: string;
  version: number;
  /** Every parameter of the version (core ReliefCategoryParams); immutable once published. */
  params_json: string;
  published_at: string;
  published_by: string;
}

export interface ReliefSettingTable {
  office_id: string;
  year_cap_fen: number;
  updated_at: string;
  updated_by: string;
}

export interface ReliefBatchTable {
  id: string;
  office_id: string;
  name: string;
  category: string;
  event_date: string;
  status: 'open' | 'approved' | 'rejected';
  amount_fen_each: number;
  item_count: number;
  total_fen: number;
  skipped_json: string;
  created_by: string;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
}

export interface ReliefApplicationTable {
  id: string;
  office_id: string;
  number: string;
  member_id: string;
  unit_id: string | null;
  agency_id: string | null;
  category: string;
  category_version_id: string;
  event_date: string;
  event_year: number;
  amount_fen: number;
  status: string;
  origin: 'applied' | 'proactive' | 'batch';
  reason_enc: string;
  facts_enc: string | null;
  source_claim_id: string | null;
  batch_id: string | null;
  filed_by: string;
  filed_at: string;
  updated_at: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_note: string | null;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  paid_at: string | null;
}

export interface ReliefClaimTable {
  office_id: string;
  relief_id: string;
  claim_id: string;
}

export interface ReliefMaterialTable {
  id: string;
  office_id: string;
  relief_id: string;
  slot: number;
  storage_key: string;
  mime_type: string;
  size_bytes: number;
  original_name: string;
  uploaded_by: string;
  uploaded_at: string;
}

export interface HardshipFileTable {
  id: string;
  office_id: string;
  member_id: string;
  unit_id: string | null;
  agency_id: string | null;
  level: string;
  reason_enc: string;
  status: 'open' | 'closed';
  open_member_id: string | null;
  opened_on: string;
  next_review_on: string;
  last_reviewed_on: string | null;
  closed_on: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** Login lock-outs per (account, source network): migration 0007. */
export interface LoginLockTable {
  user_id: string;
  /** `a.b.c.0/24`, `xxxx:xxxx:xxxx:xxxx::/64`, or `unknown`. */
  source: string;
  office_id: string | null;
  failed_count: number;
  lock_level: number;
  locked_until: string | null;
  updated_at: string;
}

export interface ReliefPaidDailyTable {
  office_id: string;
  agency_id: string;
  category: string;
  day: string;
  count: number;
  amount_fen: number;
}

export interface Database extends AnalyticsTables, OutreachTables, EnrolmentPaymentTables {
  office: OfficeTable;
  agency: AgencyTable;
  unit: UnitTable;
  member: MemberTable;
  member_unit: MemberUnitTable;
  app_user: AppUserTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  audit_log: AuditLogTable;
  registry_import: RegistryImportTable;
  app_meta: AppMetaTable;
  product: ProductTable;
  product_version: ProductVersionTable;
  enrolment_batch: EnrolmentBatchTable;
  enrolment_item: EnrolmentItemTable;
  enrolment_issue: EnrolmentIssueTable;
  policy: PolicyTable;
  claim: ClaimTable;
  claim_assessment: ClaimAssessmentTable;
  claim_invoice: ClaimInvoiceTable;
  claim_material: ClaimMaterialTable;
  payout_batch: PayoutBatchTable;
  payout_item: PayoutItemTable;
  relief_category_version: ReliefCategoryVersionTable;
  relief_setting: ReliefSettingTable;
  relief_batch: ReliefBatchTable;
  relief_application: ReliefApplicationTable;
  relief_claim: ReliefClaimTable;
  relief_material: ReliefMaterialTable;
  hardship_file: HardshipFileTable;
  relief_paid_daily: ReliefPaidDailyTable;
  sms_outbox: SmsOutboxTable;
  notification: NotificationTable;
  member_account: MemberAccountTable;
  member_session: MemberSessionTable;
  member_login_code: MemberLoginCodeTable;
  identity_verification: IdentityVerificationTable;
  faq: FaqTable;
  channel: ChannelTable;
  gig_enrolment: GigEnrolmentTable;
  gig_payment: GigPaymentTable;
  payment_notice: PaymentNoticeTable;
  gift_campaign: GiftCampaignTable;
  gift_grant: GiftGrantTable;
  login_lock: LoginLockTable;
}

export type Db = Kysely<Database> | Transaction<Database>;
export type DbKind = 'sqlite' | 'postgres';

export type UnitRow = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
export type MemberRow = Selectable<MemberTable>;
export type NewMember = Insertable<MemberTable>;
export type AgencyRow = Selectable<AgencyTable>;
export type UserRow = Selectable<AppUserTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type BatchRow = Selectable<EnrolmentBatchTable>;
export type PolicyRow = Selectable<PolicyTable>;
export type ProductVersionRow = Selectable<ProductVersionTable>;
export type ClaimRow = Selectable<ClaimTable>;
export type ClaimAssessmentRow = Selectable<ClaimAssessmentTable>;
export type ClaimMaterialRow = Selectable<ClaimMaterialTable>;
export type PayoutBatchRow = Selectable<PayoutBatchTable>;
export type PayoutItemRow = Selectable<PayoutItemTable>;
export type ReliefRow = Selectable<ReliefApplicationTable>;
export type { Generated };

/** One issue of a roster batch (migration 0008); `seq` orders them by row, as the batch page pages them. */
export interface EnrolmentIssueTable {
  id: string;
  office_id: string;
  batch_id: string;
  seq: number;
  row_number: number;
  column_name: string;
  code: string;
  severity: string;
  message: string;
}

// ---------- gig self-enrolment (migration 0012) ----------

export interface ChannelTable {
  id: string;
  office_id: string;
  agency_id: string | null;
  code: string;
  name: string;
  kind: 'station' | 'event' | 'platform' | 'campaign' | 'union';
  products_json: string;
  status: 'open' | 'closed';
  created_by: string | null;
  created_at: string;
  closed_at: string | null;
}

export interface GigEnrolmentTable {
  id: string;
  office_id: string;
  member_id: string;
  account_id: string;
  channel_id: string | null;
  agency_id: string | null;
  product_version_id: string;
  product_code: string;
  exclusive_group: string | null;
  shares: number;
  fee_fen: number;
  status: 'awaiting_payment' | 'effective' | 'expired' | 'cancelled' | 'refunded';
  provider: 'demo' | 'wechat';
  out_trade_no: string;
  /** What the cashier needs (JSAPI parameters or an H5 url), JSON. */
  prepay_json: string | null;
  expires_at: string;
  paid_at: string | null;
  policy_id: string | null;
  gift_campaign_id: string | null;
  /** The policy this order renews (migration 0015); absent on a first enrolment. */
  renewal_of: string | null;
  created_at: string;
  updated_at: string;
}

export interface GigPaymentTable {
  id: string;
  office_id: string;
  enrolment_id: string;
  provider: string;
  out_trade_no: string;
  transaction_id: string | null;
  amount_fen: number;
  paid_at: string;
  /** How we learnt of it: `notify`, `query`, `demo`. */
  source: string;
  refund_no: string | null;
  /** `PROCESSING` (asked), `SUCCESS`, `CLOSED`, `ABNORMAL`, or `FAILED` (the request did not reach the provider). */
  refund_status: string | null;
  created_at: string;
  /** The provider's refund id (WeChat Pay `refund_id`). */
  refund_id: string | null;
  refund_requested_at: string | null;
  /** When the provider confirmed the money went back (answer or REFUND.SUCCESS notification). */
  refunded_at: string | null;
}

export interface PaymentNoticeTable {
  id: string;
  provider: string;
  received_at: string;
  /** `refused` (signature, timestamp, amount, unknown order) or `accepted`. */
  outcome: string;
  reason: string | null;
  out_trade_no: string | null;
  notice_id: string | null;
}

export interface GiftCampaignTable {
  id: string;
  office_id: string;
  name: string;
  sponsor: string;
  product_code: string;
  budget_count: number;
  /** Moved only by the conditional increment of a grant (never above budget_count). */
  granted_count: number;
  start_date: string;
  end_date: string;
  eligibility_json: string;
  status: 'open' | 'closed';
  created_by: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface GiftGrantTable {
  id: string;
  office_id: string;
  campaign_id: string;
  member_id: string;
  policy_id: string;
  /** `app` (claimed by the worker) or `roster` (granted from an uploaded roster). */
  source: string;
  channel_id: string | null;
  agency_id: string | null;
  account_id: string | null;
  granted_by: string | null;
  created_at: string;
}
