import { describe, expect, it } from 'vitest';
import { applyRateBp, fenToYuanText, formatFen, isFen, parseYuan } from './money.ts';

describe('parseYuan', () => {
  it.each([
    ['1,234.5', 123450],
    ['0.05', 5],
    ['12', 1200],
    ['-3.10', -310],
    ['-3.1', -310],
    ['0', 0],
    ['0.00', 0],
    ['-0', 0],
    ['-0.00', 0],
    ['0.5', 50],
    ['.5', null],
    ['5.', null],
    ['1.234', null],
    ['1.2.3', null],
    ['abc', null],
    ['', null],
    ['-', null],
    ['+5', null],
    ['1e3', null],
    ['¥12', null],
    ['12元', null],
    ['1,234,567.89', 123456789],
    ['1，234.50', 123450],
    ['１２３４.５', 123450],
    [' 60 ', 6000],
    ['1 234', 123400],
    ['1,2', null],
    ['1,23', null],
    ['12,34.5', null],
    ['1234,567', null],
    [',123', null],
    ['123,', null],
    ['007', 700],
    ['90071992547409.91', 9007199254740991],
    ['90071992547409.92', null],
    ['99999999999999999999', null],
  ])('%j → %s', (text, want) => {
    expect(parseYuan(text)).toBe(want);
  });

  it('never answers negative zero', () => {
    expect(Object.is(parseYuan('-0.00'), 0)).toBe(true);
  });
});

describe('fenToYuanText', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [50, '0.50'],
    [100, '1.00'],
    [123456, '1234.56'],
    [123450, '1234.50'],
    [-5, '-0.05'],
    [-310, '-3.10'],
    [101200000000, '1012000000.00'],
  ])('%i → %s', (fen, want) => {
    expect(fenToYuanText(fen)).toBe(want);
  });

  it.each([0, 1, 5, 99, 100, 123456, -310, 9007199254740991])('parseYuan reads back %i exactly', (fen) => {
    expect(parseYuan(fenToYuanText(fen))).toBe(fen);
  });
});

describe('formatFen', () => {
  it.each([
    [0, '¥0.00'],
    [99, '¥0.99'],
    [100000, '¥1,000.00'],
    [123456, '¥1,234.56'],
    [99999, '¥999.99'],
    [100000000, '¥1,000,000.00'],
    [101200000000, '¥1,012,000,000.00'],
    [-123456, '-¥1,234.56'],
    [-5, '-¥0.05'],
  ])('%i → %s', (fen, want) => {
    expect(formatFen(fen)).toBe(want);
  });

  it.each([0, 99, 123456, -123456, 101200000000])('parseYuan reads %i back from its formatted text', (fen) => {
    expect(parseYuan(formatFen(fen).replace('¥', ''))).toBe(fen);
  });
});

describe('applyRateBp (rounds down to the fen)', () => {
  it.each([
    [10000, 3000, 3000, '30 % of ¥100'],
    [333, 3000, 99, '99.9 fen rounds down'],
    [1, 9999, 0, 'a fraction of a fen is nothing'],
    [12345, 10000, 12345, '100 %'],
    [12345, 0, 0, '0 %'],
    [0, 9000, 0, 'nothing of nothing'],
    [500000, 3500, 175000, '35 % of ¥5,000'],
    [1999999, 9000, 1799999, '90 % of ¥19,999.99 = 17,999.991 → 17,999.99'],
    [-333, 3000, -100, 'a negative amount rounds towards minus infinity'],
    [9007199254740991, 10000, 9007199254740991, '100 % of the largest safe amount is exact'],
    [9007199254740991, 5000, 4503599627370495, '50 % of the largest safe amount, past 2^53 in between'],
    [900719925474099, 9999, 900629853481551, 'a product past 2^53 keeps its last digits'],
    [-900719925474099, 9999, -900629853481552, 'and a negative one still rounds down'],
  ])('%i × %i bp = %i (%s)', (fen, bp, want) => {
    expect(applyRateBp(fen, bp)).toBe(want);
  });

  it('matches exact integer arithmetic for amounts around 2^53 / 10000', () => {
    for (const fen of [900719925474, 900719925475, 1_000_000_000_001, 123_456_789_012_345]) {
      for (const bp of [1, 3333, 6667, 9999, 10000]) {
        const exact = (BigInt(fen) * BigInt(bp)) / 10_000n;
        expect(applyRateBp(fen, bp), `${fen} × ${bp}`).toBe(Number(exact));
      }
    }
  });
});

describe('isFen', () => {
  it.each([
    [0, true],
    [123456, true],
    [-5, true],
    [9007199254740991, true],
    [9007199254740992, false],
    [1.5, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
    ['100', false],
    [null, false],
    [100n, false],
  ])('%s → %s', (value, want) => {
    expect(isFen(value)).toBe(want);
  });
});
