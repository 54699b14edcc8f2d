import { err, ok, type Result } from '../result.ts';
import { normalizeText } from './normalize.ts';

/** GB 32100-2015: 31 characters (no I, O, S, V, Z), weights 3^i mod 31. */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

export interface ParsedCreditCode {
  code: string;
  /** False when the check character does not match: a warning a reviewer may override (pilot-era codes exist). */
  checksumValid: boolean;
}

/** Normalises (spaces, full-width, case) and checks the format; a checksum failure is reported, not refused. */
export function parseCreditCode(raw: string): Result<ParsedCreditCode> {
  const code = normalizeText(raw).toUpperCase();
  if (!FORMAT.test(code)) return err('CREDIT_CODE_INVALID');
  return ok({ code, checksumValid: creditCodeCheckChar(code.slice(0, 17)) === code[17] });
}
