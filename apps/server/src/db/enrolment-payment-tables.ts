import type { EnrolmentPaymentStatus, HoldReason } from '@huzhu/core';
import type { Selectable } from 'kysely';

/** Enrolment payments (migration 0021): a unit's bank transfer for one or more approved batches. */
export interface EnrolmentPaymentTable {
  id: string;
  office_id: string;
  unit_id: string;
  amount_fen: number;
  /** The named batches' totals together, when the transfer was recorded. */
  expected_fen: number;
  /** amount − expected: negative short, positive excess, 0 exact. */
  difference_fen: number;
  paid_on: string;
  /** Unique per office: a repeated bank notice finds this payment. */
  bank_reference: string;
  status: EnrolmentPaymentStatus;
  hold_reason: HoldReason | null;
  note: string | null;
  created_by: string;
  created_at: string;
  resolved_by: string | null;
  resolved_at: string | null;
  resolution_note: string | null;
}

export interface EnrolmentPaymentBatchTable {
  payment_id: string;
  batch_id: string;
  office_id: string;
  /** The batch's place in the request (allocation order). */
  position: number;
  applied_fen: number;
}

export interface EnrolmentPaymentTables {
  enrolment_payment: EnrolmentPaymentTable;
  enrolment_payment_batch: EnrolmentPaymentBatchTable;
}

export type EnrolmentPaymentRow = Selectable<EnrolmentPaymentTable>;
