import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, parseCreditCode } from './credit-code.ts';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const full = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('creditCodeCheckChar (GB 32100, weights 3^i mod 31)', () => {
  it.each([
    ['91350100M000100Y4', '3'],
    ['81500103123456788', 'X'],
  ])('%s → %s', (first17, want) => {
    expect(creditCodeCheckChar(first17)).toBe(want);
  });

  it('makes Σ value·3^i (i = 0..16) plus the check value a multiple of 31', () => {
    let seed = 32100;
    for (let n = 0; n < 500; n++) {
      const pick = (set: string) => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return set[seed % set.length]!;
      };
      let first17 = pick(CHARSET) + pick(CHARSET);
      for (let i = 0; i < 6; i++) first17 += pick('0123456789');
      for (let i = 0; i < 9; i++) first17 += pick(CHARSET);
      const values = [...first17].map((c) => CHARSET.indexOf(c));
      const sum = values.reduce((acc, v, i) => acc + v * (3 ** i % 31), 0);
      const check = creditCodeCheckChar(first17);
      expect((sum + CHARSET.indexOf(check)) % 31, first17).toBe(0);
      expect(parseCreditCode(first17 + check)).toEqual({
        ok: true,
        value: { code: first17 + check, checksumValid: true },
      });
    }
  });
});

describe('parseCreditCode', () => {
  it.each([
    ['91350100M000100Y43', '91350100M000100Y43'],
    ['81500103123456788X', '81500103123456788X'],
    ['91350100m000100y43', '91350100M000100Y43'],
    ['81500103123456788x', '81500103123456788X'],
    [full('91350100M000100Y43'), '91350100M000100Y43'],
    [full('91350100m000100y43'), '91350100M000100Y43'],
    ['  91350100M000100Y43\t', '91350100M000100Y43'],
    ['\u300081500103123456788X\u3000', '81500103123456788X'],
    ['\u200b91350100M000100Y43', '91350100M000100Y43'],
  ])('%j → valid %s', (raw, code) => {
    expect(parseCreditCode(raw)).toEqual({ ok: true, value: { code, checksumValid: true } });
  });

  it.each([
    ['91350100M000100Y44', 'last character off by one'],
    ['91350100M000100Y40', 'wrong digit'],
    ['81500103123456788Y', 'Y instead of X'],
    ['91350100M000010Y43', 'two characters swapped'],
    ['91500000MA5U000000', 'all zeros after the prefix'],
  ])('%s (%s): accepted, checksum flagged for a reviewer', (raw) => {
    expect(parseCreditCode(raw)).toEqual({ ok: true, value: { code: raw, checksumValid: false } });
  });

  it.each([
    ['91350100M000100YI3', 'I'],
    ['91350100M000100YO3', 'O'],
    ['91350100M000100YS3', 'S'],
    ['91350100M000100YV3', 'V'],
    ['91350100M000100YZ3', 'Z'],
    ['I1350100M000100Y43', 'I in first place'],
    ['9O350100M000100Y43', 'O in second place'],
    ['91350100M000100Y4Z', 'Z as the check character'],
    ['91350100M000100Y4s', 'lower-case s'],
  ])('%s (forbidden letter %s) → CREDIT_CODE_INVALID', (raw) => {
    expect(parseCreditCode(raw)).toEqual({ ok: false, error: { code: 'CREDIT_CODE_INVALID' } });
  });

  it.each([
    ['', 'empty'],
    ['91350100M000100Y4', '17 characters'],
    ['91350100M000100Y433', '19 characters'],
    ['9135A100M000100Y43', 'a letter in the division code (positions 3–8 are digits)'],
    ['91350100M000-100Y43', 'a hyphen'],
    ['91350100 M000100Y43', 'an inner space'],
    ['91350100M000100Y4_', 'an underscore'],
    ["9135'; DROP TABLE unit;--", 'an injection string'],
  ])('%j (%s) → CREDIT_CODE_INVALID', (raw) => {
    expect(parseCreditCode(raw)).toEqual({ ok: false, error: { code: 'CREDIT_CODE_INVALID' } });
  });
});
