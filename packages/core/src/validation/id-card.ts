import { err, ok, type Result } from '../result.ts';
import { type IsoDate, isCalendarDate } from '../time/dates.ts';
import { normalizeText } from './normalize.ts';

/** GB 11643 / ISO 7064 MOD 11-2 weights for the first 17 digits. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/**
 * GB 11643 sets no earliest birth date (its own example is born in 1880), but nobody born before 1900 is alive to
 * join: an earlier date is a typing error (issue 15 item 2).
 */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

export interface ParsedIdNumber {
  /** The normalised 18-character number (upper-case X). */
  idNumber: string;
  birthDate: IsoDate;
  sex: 'male' | 'female';
  /** The 6-digit GB/T 2260 address code. */
  regionCode: string;
  /** True when the input was a legacy 15-digit number converted to 18 digits. */
  converted: boolean;
}

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * Validates a resident ID number: normalises full-width characters, surrounding spaces and a lower-case x,
 * converts a 15-digit number, checks the birth date (real, not after `today`) and the check character.
 */
export function parseIdNumber(raw: string, today: IsoDate): Result<ParsedIdNumber> {
  let value = normalizeText(raw).toUpperCase();
  let converted = false;
  if (/^\d{15}$/.test(value)) {
    const first17 = `${value.slice(0, 6)}19${value.slice(6)}`;
    value = first17 + idCheckChar(first17);
    converted = true;
  }
  if (!/^\d{17}[\dX]$/.test(value)) return err('ID_FORMAT_INVALID');
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isCalendarDate(birthDate) || birthDate < EARLIEST_BIRTH_DATE || birthDate > today)
    return err('BIRTH_DATE_INVALID', { birthDate });
  if (!converted && idCheckChar(value.slice(0, 17)) !== value[17]) return err('ID_CHECKSUM_INVALID');
  return ok({
    idNumber: value,
    birthDate,
    sex: Number(value[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: value.slice(0, 6),
    converted,
  });
}
