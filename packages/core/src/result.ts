import type { ErrorCode } from './errors.ts';

/** A domain failure: a code from the error-code union plus optional details for the caller. */
export interface DomainError {
  code: ErrorCode;
  details?: unknown;
}

export type Result<T, E = DomainError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = (code: ErrorCode, details?: unknown): Result<never, DomainError> => ({
  ok: false,
  error: details === undefined ? { code } : { code, details },
});
