import { describe, expect, it } from 'vitest';
import { errorCodes, errorMessages, isErrorCode } from './errors.ts';
import { err, ok } from './result.ts';

// The refusal codes api.md promises to integrators: they must all exist, spelled exactly so.
const apiCodes = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'AUTH_FAILED',
  'FILE_UNREADABLE',
  'ID_CHECKSUM_INVALID',
  'BIRTH_DATE_INVALID',
  'AGE_OUT_OF_RANGE',
  'SEX_NOT_ELIGIBLE',
  'SHARES_OUT_OF_RANGE',
  'DUPLICATE_IN_FILE',
  'ALREADY_COVERED',
  'EXCLUSIVE_GROUP_CONFLICT',
  'MEDICAL_INSURANCE_REQUIRED',
  'NAME_INVALID',
  'PHONE_INVALID',
  'PARTICIPATION_BELOW_MINIMUM',
  'NOT_COVERED_ON_EVENT_DATE',
  'WAITING_PERIOD',
  'CLAIM_EXPIRED',
  'ALREADY_PAID_OUT',
  'TERM_CAP_REACHED',
  'DISEASE_NOT_LISTED',
  'NOT_ELIGIBLE',
  'DUPLICATE_INVOICE',
  'MATERIALS_INCOMPLETE',
  'AMOUNT_MISMATCH',
  'RELIEF_LIMIT_REACHED',
  'NOT_A_MEMBER_ON_DATE',
  'CREDIT_CODE_CHECKSUM',
];

// Codes added since, that the console and integrators read (docs/architecture.md lists their endpoints).
const addedCodes = [
  // enrolment payments as banks send them (issue 14 item 5)
  'BATCH_NOT_PAYABLE',
  'BATCH_UNIT_MISMATCH',
  'PAYMENT_HELD',
  'BANK_REFERENCE_CONFLICT',
  'PAYMENT_NOT_HELD',
  'OWN_PAYMENT_HOLD',
  'EXCESS_NOTE_REQUIRED',
];

describe('error codes', () => {
  it.each([...apiCodes, ...addedCodes])('%s is in the union', (code) => {
    expect(isErrorCode(code)).toBe(true);
  });

  it.each(errorCodes)('%s is UPPER_SNAKE with a Chinese message', (code) => {
    expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
    expect(errorMessages[code]).toMatch(/\p{Script=Han}/u);
  });

  it.each(['not_found', 'NOTFOUND', '', 'toString', 'constructor', '__proto__', 'hasOwnProperty'])(
    'isErrorCode(%j) is false',
    (value) => {
      expect(isErrorCode(value)).toBe(false);
    },
  );
});

describe('Result', () => {
  it('ok carries the value', () => {
    expect(ok(42)).toEqual({ ok: true, value: 42 });
  });

  it('err without details has no details key', () => {
    expect(err('NOT_FOUND')).toStrictEqual({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('err keeps its details, even falsy ones', () => {
    expect(err('CONFLICT', { field: 'creditCode' })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', details: { field: 'creditCode' } },
    });
    expect(err('CONFLICT', 0)).toStrictEqual({ ok: false, error: { code: 'CONFLICT', details: 0 } });
  });
});
