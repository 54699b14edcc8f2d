import { normalizeText, parseIdNumber } from '@huzhu/core';
import { AppError } from '../errors.ts';
import type { PiiCipher } from '../security/pii-cipher.ts';

/** What a search box's text names when it looks for a person: one of these, decided by its shape. */
export interface PersonTerm {
  /** A full, valid ID number (18 characters, or 15 digits), matched exactly through the blind index. */
  idNumberHash?: string;
  /** Digits only: a mobile number, matched exactly. */
  mobile?: string;
  /** Anything else: the start of a name, case as written. */
  name?: string;
}

/**
 * A name never holds a digit and an ID number is never a name, so the shape of the text decides which index answers:
 * each search is one indexed range, never an OR across three (which could not be read in name order).
 */
export function personTerm(text: string, cipher: PiiCipher, today: string): PersonTerm {
  const value = normalizeText(text).trim();
  if (/^\d{15}$|^\d{17}[\dXx]$/.test(value)) {
    const parsed = parseIdNumber(value, today);
    if (parsed.ok) return { idNumberHash: cipher.blindIndex(parsed.value.idNumber) };
  }
  if (/^\+?[\d\s-]+$/.test(value)) return { mobile: value.replace(/^\+86/, '').replace(/[\s+-]/g, '') };
  return { name: value };
}

/** The `idNumber` parameter: a full, valid number or a 422 saying what is wrong with it. */
export function idNumberHashOf(idNumber: string, cipher: PiiCipher, today: string): string {
  const parsed = parseIdNumber(idNumber, today);
  if (!parsed.ok) throw new AppError(parsed.error.code, { field: 'idNumber' });
  return cipher.blindIndex(parsed.value.idNumber);
}

/** Keyset cursors: the sort key of a page's last row, opaque to the caller (base64url JSON). */
export const cursor = {
  encode: (key: readonly string[]) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url'),
  decode(text: string, length: number): string[] {
    try {
      const key: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
      if (Array.isArray(key) && key.length === length && key.every((k) => typeof k === 'string' && k.length <= 100))
        return key as string[];
    } catch {
      // answered below
    }
    throw new AppError('VALIDATION_FAILED', { field: 'after' });
  },
};
