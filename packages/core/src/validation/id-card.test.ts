import { describe, expect, it } from 'vitest';
import { idCheckChar, parseIdNumber } from './id-card.ts';

const TODAY = '2025-06-15';
/** Completes 17 digits with their own check character, so a case tests only what it names. */
const withCheck = (first17: string) => first17 + idCheckChar(first17);
const full = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('idCheckChar (ISO 7064 MOD 11-2)', () => {
  it.each([
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
    ['50010319850615123', '6'],
  ])('%s → %s', (first17, want) => {
    expect(idCheckChar(first17)).toBe(want);
  });

  it('makes the weighted sum of all 18 characters ≡ 1 (mod 11), the defining property of MOD 11-2', () => {
    let seed = 20250615;
    for (let n = 0; n < 500; n++) {
      let first17 = '';
      for (let i = 0; i < 17; i++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        first17 += String(seed % 10);
      }
      const check = idCheckChar(first17);
      const digits = [...first17, check].map((c) => (c === 'X' ? 10 : Number(c)));
      const sum = digits.reduce((acc, d, i) => acc + d * (2 ** (17 - i) % 11), 0);
      expect(sum % 11, first17).toBe(1);
    }
  });
});

describe('parseIdNumber: valid numbers', () => {
  it.each([
    ['11010519491231002X', '11010519491231002X', '1949-12-31', 'female', '110105'],
    ['500103198506151236', '500103198506151236', '1985-06-15', 'male', '500103'],
  ])('standard vector %s', (raw, idNumber, birthDate, sex, regionCode) => {
    expect(parseIdNumber(raw, TODAY)).toEqual({
      ok: true,
      value: { idNumber, birthDate, sex, regionCode, converted: false },
    });
  });

  it.each([
    ['lower-case x', '11010519491231002x'],
    ['full-width digits and Ｘ', full('11010519491231002X')],
    ['full-width digits and ｘ', full('11010519491231002x')],
    ['surrounding spaces', '  11010519491231002X  '],
    ['ideographic spaces', '\u300011010519491231002x\u3000'],
    ['tab and newline from a spreadsheet cell', '\t11010519491231002X\n'],
    ['zero-width space pasted from a web page', '\u200b11010519491231002X'],
    ['byte-order mark', '\ufeff11010519491231002X'],
  ])('normalises %s to 11010519491231002X', (_label, raw) => {
    const r = parseIdNumber(raw, TODAY);
    expect(r.ok && r.value.idNumber).toBe('11010519491231002X');
  });

  it('normalises full-width digits of a Chongqing number', () => {
    const r = parseIdNumber('５００１０３１９８５０６１５１２３６', TODAY);
    expect(r).toMatchObject({ ok: true, value: { idNumber: '500103198506151236', birthDate: '1985-06-15' } });
  });

  it.each([
    ['1', 'male'],
    ['3', 'male'],
    ['5', 'male'],
    ['7', 'male'],
    ['9', 'male'],
    ['0', 'female'],
    ['2', 'female'],
    ['4', 'female'],
    ['6', 'female'],
    ['8', 'female'],
  ])('17th digit %s → %s', (digit, sex) => {
    const r = parseIdNumber(withCheck(`5001031985061512${digit}`), TODAY);
    expect(r.ok && r.value.sex).toBe(sex);
  });
});

describe('parseIdNumber: legacy 15-digit numbers', () => {
  it('inserts 19 before the birth date and computes the check character', () => {
    expect(parseIdNumber('110105491231002', TODAY)).toEqual({
      ok: true,
      value: {
        idNumber: '11010519491231002X',
        birthDate: '1949-12-31',
        sex: 'female',
        regionCode: '110105',
        converted: true,
      },
    });
  });

  it.each([
    ['500103850615123', '500103198506151236', '1985-06-15', 'male'],
    ['500103850615124', withCheck('50010319850615124'), '1985-06-15', 'female'],
    ['５００１０３８５０６１５１２３', '500103198506151236', '1985-06-15', 'male'],
    [' 500103850615123\u3000', '500103198506151236', '1985-06-15', 'male'],
  ])('%j → %s', (raw, idNumber, birthDate, sex) => {
    expect(parseIdNumber(raw, TODAY)).toMatchObject({ ok: true, value: { idNumber, birthDate, sex, converted: true } });
  });

  it.each([
    ['110105490230002', '1949-02-30'],
    ['110105491301002', '1949-13-01'],
    ['110105491200002', '1949-12-00'],
    ['110105491232002', '1949-12-32'],
    ['500103000229123', '1900-02-29'],
  ])('impossible birth date %s (%s) → BIRTH_DATE_INVALID', (raw, birthDate) => {
    expect(parseIdNumber(raw, TODAY)).toEqual({
      ok: false,
      error: { code: 'BIRTH_DATE_INVALID', details: { birthDate } },
    });
  });
});

describe('parseIdNumber: birth date', () => {
  it.each([
    ['19850230', 'February 30th'],
    ['19851301', 'month 13'],
    ['19850001', 'month 00'],
    ['19850600', 'day 00'],
    ['19850632', 'day 32'],
    ['19850431', 'April 31st'],
    ['19000229', '1900 is not a leap year (divisible by 100)'],
    ['19990229', '1999 is not a leap year'],
    ['17991231', 'before 1800'],
    ['18000101', 'before 1900'],
    ['18991231', 'the day before 1900'],
    ['18800101', "GB 11643's own example: a real number, not a living member"],
  ])('%s (%s) → BIRTH_DATE_INVALID', (date) => {
    const r = parseIdNumber(withCheck(`500103${date}123`), TODAY);
    expect(r.ok ? null : r.error.code).toBe('BIRTH_DATE_INVALID');
  });

  it.each([
    ['20000229', '2000-02-29', '2000 is a leap year (divisible by 400)'],
    ['20240229', '2024-02-29', 'an ordinary leap year'],
    ['19000101', '1900-01-01', 'the earliest accepted'],
    ['20250615', '2025-06-15', 'born today'],
  ])('%s → %s (%s)', (date, birthDate) => {
    const r = parseIdNumber(withCheck(`500103${date}124`), TODAY);
    expect(r.ok && r.value.birthDate).toBe(birthDate);
  });

  it.each(['20250616', '20260101', '20990101'])('a birth date after today (%s) → BIRTH_DATE_INVALID', (date) => {
    const r = parseIdNumber(withCheck(`500103${date}124`), TODAY);
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'BIRTH_DATE_INVALID',
        details: { birthDate: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}` },
      },
    });
  });

  it('judges "future" against the given today, not the machine clock', () => {
    const id = withCheck('50010320250616124');
    expect(parseIdNumber(id, '2025-06-15').ok).toBe(false);
    expect(parseIdNumber(id, '2025-06-16').ok).toBe(true);
  });

  it('reports an impossible birth date before a wrong check character', () => {
    const r = parseIdNumber('500103198502301230', TODAY);
    expect(r.ok ? null : r.error.code).toBe('BIRTH_DATE_INVALID');
  });
});

describe('parseIdNumber: refusals', () => {
  it.each([
    ['500103198506151235', 'last digit off by one'],
    ['500103198506151230', 'zero instead of 6'],
    ['50010319850615123X', 'X where 6 is due'],
    ['110105194912310021', 'a digit where X is due'],
    ['500103198506151263', 'two digits swapped'],
    ['500103198506152136', 'two inner digits swapped'],
  ])('%s (%s) → ID_CHECKSUM_INVALID', (raw) => {
    expect(parseIdNumber(raw, TODAY)).toEqual({ ok: false, error: { code: 'ID_CHECKSUM_INVALID' } });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'only spaces'],
    ['50010319850615123', '17 digits'],
    ['5001031985061512361', '19 digits'],
    ['5001031985061512', '16 digits'],
    ['50010385061512', '14 digits'],
    ['5001038506151234', '16 digits (15 + 1)'],
    ['50010385061512X', 'X in a 15-digit number'],
    ['X00103198506151236', 'X in first place'],
    ['5001031985061512X6', 'X inside'],
    ['500103 198506151236', 'inner space'],
    ['500103-19850615-1236', 'hyphens'],
    ['50010319850615123Y', 'letter other than X'],
    ['５００１０３１９８５０６１５１２３Ａ', 'full-width letter other than X'],
    ['500103198506151236\u0000', 'control character'],
    ["500103198506151236' OR '1'='1", 'injection string'],
    ['①②③④⑤⑥⑦⑧⑨⑩①②③④⑤⑥⑦⑧', 'circled digits'],
  ])('%j (%s) → ID_FORMAT_INVALID', (raw) => {
    expect(parseIdNumber(raw, TODAY)).toEqual({ ok: false, error: { code: 'ID_FORMAT_INVALID' } });
  });
});
