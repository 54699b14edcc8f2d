import { addDays, addMonths, creditCodeCheckChar, diffDays, idCheckChar } from '@huzhu/core';
import type { Rng } from './prng.ts';

/**
 * Resident ID numbers (GB 11643) that are valid and unique within an office: the address code of the person's
 * district, a real birth date giving an age of 18–62 today, a sequence whose last digit matches the sex, and
 * the MOD 11-2 check character. Uniqueness is tracked as one number per ID (address × birth day × sequence)
 * so 2.92 million of them fit in a Set of small integers rather than of strings.
 */
export const MIN_AGE = 18;
export const MAX_AGE = 62;

export class IdNumberFactory {
  private readonly days: string[] = [];
  /** days[ageStart[a]] is the earliest birthday of someone aged exactly `a` today (older: lower index). */
  private readonly ageStart: number[] = [];
  private readonly regionIndex = new Map<string, number>();
  private readonly used = new Set<number>();

  constructor(today: string) {
    const earliest = addDays(addMonths(today, -12 * (MAX_AGE + 1)), 1);
    const latest = addMonths(today, -12 * MIN_AGE);
    const span = diffDays(earliest, latest);
    for (let i = 0; i <= span; i++) this.days.push(addDays(earliest, i).replaceAll('-', ''));
    for (let age = MIN_AGE; age <= MAX_AGE; age++) {
      this.ageStart[age] = diffDays(earliest, addDays(addMonths(today, -12 * (age + 1)), 1));
    }
  }

  /** A new ID number for someone of `age` full years today. */
  make(rng: Rng, region: string, age: number, sex: 'male' | 'female'): string {
    let r = this.regionIndex.get(region);
    if (r === undefined) {
      r = this.regionIndex.size;
      this.regionIndex.set(region, r);
    }
    const a = Math.min(MAX_AGE, Math.max(MIN_AGE, age));
    const from = this.ageStart[a]!;
    const to = a === MIN_AGE ? this.days.length - 1 : this.ageStart[a - 1]! - 1;
    for (;;) {
      const day = rng.int(from, to);
      const order = rng.int(0, 499) * 2 + (sex === 'male' ? 1 : 0);
      const key = (r * 100_000 + day) * 1000 + order;
      if (this.used.has(key)) continue;
      this.used.add(key);
      const first17 = `${region}${this.days[day]}${String(order).padStart(3, '0')}`;
      return first17 + idCheckChar(first17);
    }
  }
}

const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 check character of the 8-character organisation code embedded at positions 9–17. */
export function orgCodeCheckChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number.parseInt(body[i]!, 36) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * Unified social credit codes (GB 32100), unique within an office. `wrongCheck` gives a code whose last
 * character is off, as pilot-era codes are, to exercise the checksum warning.
 */
export class CreditCodeFactory {
  private readonly used = new Set<string>();

  make(rng: Rng, prefix: string, region: string, wrongCheck: boolean): string {
    for (;;) {
      let body = prefix === '91' ? 'MA' : '';
      while (body.length < 8) body += prefix === '91' ? rng.pick([...CREDIT_CHARSET]) : String(rng.int(0, 9));
      const first17 = `${prefix}${region}${body}${orgCodeCheckChar(body)}`;
      if (this.used.has(first17)) continue;
      this.used.add(first17);
      const check = creditCodeCheckChar(first17);
      if (!wrongCheck) return first17 + check;
      const wrong = CREDIT_CHARSET[(CREDIT_CHARSET.indexOf(check) + rng.int(1, 30)) % 31]!;
      return first17 + wrong;
    }
  }
}
