import type { ErrorCode } from '@huzhu/core';

/**
 * Services check for duplicates before writing, but two requests can pass that check together; the unique index
 * then refuses the second. This turns that refusal into the same 409 the check would have given, on either dialect
 * (SQLite names the columns in its message, PostgreSQL names the constraint).
 */
const known: { code: ErrorCode; sqlite: string; pg: string }[] = [
  { code: 'CREDIT_CODE_DUPLICATE', sqlite: 'unit.credit_code', pg: 'unit_office_credit_uq' },
  { code: 'MEMBER_DUPLICATE', sqlite: 'member.id_number_hash', pg: 'member_office_idhash_uq' },
  { code: 'USERNAME_TAKEN', sqlite: 'app_user.username', pg: 'app_user_username_key' },
  { code: 'GIFT_ALREADY_CLAIMED', sqlite: 'gift_grant.campaign_id', pg: 'gift_grant_member_uq' },
  { code: 'BANK_REFERENCE_CONFLICT', sqlite: 'enrolment_payment.bank_reference', pg: 'enrolment_payment_ref_uq' },
];

/**
 * Whether `error` is the unique index on (office, idempotency key) of enrolment batches refusing a second batch: two
 * requests with the same Idempotency-Key at once both passed the look-up, and the second is a retry of the first.
 */
export function isIdempotencyKeyViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; message?: unknown; constraint?: unknown };
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE') return String(e.message ?? '').includes('enrolment_batch.idempotency_key');
  return e.code === '23505' && e.constraint === 'enrolment_batch_idem_uq';
}

/** The error code for a unique-key violation (CONFLICT when the key is not one users can cause), else null. */
export function uniqueViolationCode(error: unknown): ErrorCode | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { code?: unknown; message?: unknown; constraint?: unknown };
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const message = String(e.message ?? '');
    return known.find((k) => message.includes(k.sqlite))?.code ?? 'CONFLICT';
  }
  if (e.code === '23505') return known.find((k) => k.pg === e.constraint)?.code ?? 'CONFLICT';
  return null;
}
