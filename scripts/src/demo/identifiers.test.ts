import { ageOn, parseCreditCode, parseIdNumber } from '@huzhu/core';
import { describe, expect, it } from 'vitest';
import { CreditCodeFactory, IdNumberFactory, MAX_AGE, MIN_AGE, orgCodeCheckChar } from './identifiers.ts';
import { apportion, mulberry32, WeightedPicker } from './prng.ts';

describe('IdNumberFactory', () => {
  it.each([
    ['2026-03-02', MIN_AGE],
    ['2026-03-02', MAX_AGE],
    ['2028-02-29', MIN_AGE],
    ['2028-02-29', MAX_AGE],
    ['2025-12-31', 40],
  ])('on %s, someone of %i gets a valid number with exactly that age', (today, age) => {
    const ids = new IdNumberFactory(today);
    const rng = mulberry32(age);
    for (let i = 0; i < 400; i++) {
      const sex = i % 2 ? 'male' : 'female';
      const id = ids.make(rng, '500105', age, sex);
      const parsed = parseIdNumber(id, today);
      expect(parsed.ok, id).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.value.sex).toBe(sex);
      expect(parsed.value.regionCode).toBe('500105');
      expect(ageOn(parsed.value.birthDate, today)).toBe(age);
    }
  });

  it('never repeats a number, even when many people share a district and a birth year', () => {
    const ids = new IdNumberFactory('2026-03-02');
    const rng = mulberry32(1);
    const made = Array.from({ length: 20_000 }, () => ids.make(rng, '500229', 30, 'female'));
    expect(new Set(made).size).toBe(made.length);
  });
});

describe('credit codes', () => {
  it('computes the embedded organisation-code check character (GB 11714) of the reference codes', () => {
    // 91350100M000100Y43 and 81500103123456788X from the GB 32100 references.
    expect(orgCodeCheckChar('M000100Y')).toBe('4');
    expect(orgCodeCheckChar('12345678')).toBe('8');
  });

  it('makes unique, parseable codes; a wrong check character fails only the checksum', () => {
    const codes = new CreditCodeFactory();
    const rng = mulberry32(9);
    const made = Array.from(
      { length: 3_000 },
      (_, i) => [codes.make(rng, i % 2 ? '91' : '12', '500105', i % 10 === 0), i % 10 === 0] as const,
    );
    expect(new Set(made.map(([c]) => c)).size).toBe(made.length);
    for (const [code, wrong] of made) {
      const parsed = parseCreditCode(code);
      expect(parsed.ok, code).toBe(true);
      if (parsed.ok) expect(parsed.value.checksumValid).toBe(!wrong);
      expect(code.slice(2, 8)).toBe('500105');
      expect(orgCodeCheckChar(code.slice(8, 16))).toBe(code[16]);
    }
  });
});

describe('prng helpers', () => {
  it('repeats a sequence for a seed and differs for another', () => {
    const draw = (seed: number) => {
      const r = mulberry32(seed);
      return Array.from({ length: 5 }, () => r.int(0, 1_000_000));
    };
    expect(draw(5)).toEqual(draw(5));
    expect(draw(5)).not.toEqual(draw(6));
  });

  it.each([
    [100, [1, 1, 1]],
    [7, [0.2, 0.5, 0.3]],
    [1_000_003, [3, 0, 9, 1, 0.5]],
    [0, [1, 2]],
  ])('apportions %i exactly over %j', (total, weights) => {
    const parts = apportion(total, weights);
    expect(parts.reduce((s, p) => s + p, 0)).toBe(total);
    weights.forEach((w, i) => {
      if (w === 0) expect(parts[i]).toBe(0);
      expect(parts[i]).toBeGreaterThanOrEqual(0);
    });
  });

  it('picks by weight', () => {
    const picker = new WeightedPicker(['a', 'b'], (x) => (x === 'a' ? 9 : 1));
    const rng = mulberry32(3);
    const a = Array.from({ length: 10_000 }, () => picker.pick(rng)).filter((x) => x === 'a').length;
    expect(a / 10_000).toBeGreaterThan(0.87);
    expect(a / 10_000).toBeLessThan(0.93);
  });
});
