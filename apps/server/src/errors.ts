import { type ErrorCode, errorMessages } from '@huzhu/core';

/** The one error type the server throws for anything a caller should see. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    message?: string,
  ) {
    super(message ?? errorMessages[code]);
  }
}

/** The one code → HTTP status table (api.md: domain refusals are 422). */
const statusByCode: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  FILE_UNREADABLE: 400,
  FILE_TYPE_NOT_ALLOWED: 400,
  HEADER_MISSING: 400,
  COLUMN_MISSING: 400,
  FILE_EMPTY: 400,
  FILE_TOO_COMPLEX: 400,
  ROSTER_TOO_MANY_ROWS: 400,
  IMPORT_CANCELLED: 408,
  PASSWORD_WEAK: 400,
  UNAUTHENTICATED: 401,
  AUTH_FAILED: 401,
  CODE_INVALID: 401,
  FORBIDDEN: 403,
  CSRF_INVALID: 403,
  ACCOUNT_DISABLED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  VERIFICATION_CLOSED: 409,
  USERNAME_TAKEN: 409,
  MEMBER_DUPLICATE: 409,
  CREDIT_CODE_DUPLICATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  METHOD_NOT_ALLOWED: 405,
  QUERY_TIMEOUT: 503,
  IDENTITY_UNAVAILABLE: 503,
  ENROLMENT_EXPIRED: 409,
  PAYMENT_SIGNATURE_INVALID: 401,
  PAYMENT_UNAVAILABLE: 503,
  PAYMENT_HELD: 409,
  BANK_REFERENCE_CONFLICT: 409,
  PAYMENT_NOT_HELD: 409,
};

export const httpStatusOf = (code: ErrorCode): number => statusByCode[code] ?? 422;

/** Unwraps a core Result, throwing its domain error as an AppError. */
export function unwrap<T>(
  result: { ok: true; value: T } | { ok: false; error: { code: ErrorCode; details?: unknown } },
): T {
  if (result.ok) return result.value;
  throw new AppError(result.error.code, result.error.details);
}
