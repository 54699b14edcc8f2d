import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  ageOn,
  chinaDate,
  compareDates,
  daysInMonth,
  diffDays,
  isCalendarDate,
  isValidIsoDate,
} from './dates.ts';

describe('isValidIsoDate', () => {
  it.each([
    ['2025-01-01', true],
    ['2025-12-31', true],
    ['2025-02-28', true],
    ['2025-02-29', false],
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2100-02-29', false],
    ['2025-04-30', true],
    ['2025-04-31', false],
    ['2025-02-30', false],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-01-00', false],
    ['2025-01-32', false],
    ['1900-01-01', true],
    ['1899-12-31', false],
    ['2025-1-01', false],
    ['2025-01-1', false],
    ['20250101', false],
    ['2025/01/01', false],
    [' 2025-01-01', false],
    ['2025-01-01T00:00:00Z', false],
    ['２０２５-０１-０１', false],
    ['', false],
  ])('%j → %s', (value, want) => {
    expect(isValidIsoDate(value)).toBe(want);
  });
});

describe('isCalendarDate (any real date, for birth dates in old ID numbers)', () => {
  it.each([
    ['1880-01-01', true],
    ['1800-02-29', false],
    ['1600-02-29', true],
    ['1000-01-01', true],
    ['0999-12-31', false],
    ['0050-01-01', false],
    ['2025-02-29', false],
    ['2025-1a-01', false],
    ['2025-01-0 ', false],
    ['2025/01/01', false],
    ['２０２５-01-01', false],
    ['2025-01-011', false],
    ['+025-01-01', false],
  ])('%s → %s', (value, want) => {
    expect(isCalendarDate(value)).toBe(want);
  });

  it('agrees with the JavaScript calendar on every day of 1600–2400', () => {
    let mismatches = 0;
    for (let ms = Date.UTC(1600, 0, 1); ms <= Date.UTC(2400, 11, 31); ms += 86_400_000) {
      const date = new Date(ms).toISOString().slice(0, 10);
      if (!isCalendarDate(date)) mismatches += 1;
    }
    // …and the day after each month's last day is refused.
    for (let y = 1600; y <= 2400; y++)
      for (let m = 1; m <= 12; m++) {
        const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
        const next = `${y}-${String(m).padStart(2, '0')}-${String(last + 1).padStart(2, '0')}`;
        if (last < 31 && isCalendarDate(next)) mismatches += 1;
      }
    expect(mismatches).toBe(0);
  });
});

describe('daysInMonth', () => {
  it.each([
    [2025, 1, 31],
    [2025, 2, 28],
    [2024, 2, 29],
    [1900, 2, 28],
    [2000, 2, 29],
    [2025, 4, 30],
    [2025, 12, 31],
  ])('%i-%i has %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });

  it('agrees with Date.UTC for every month of 1000–3000', () => {
    const wrong: string[] = [];
    for (let y = 1000; y <= 3000; y++)
      for (let m = 1; m <= 12; m++)
        if (daysInMonth(y, m) !== new Date(Date.UTC(y, m, 0)).getUTCDate()) wrong.push(`${y}-${m}`);
    expect(wrong).toEqual([]);
  });
});

describe('addDays', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2000-02-28', 1, '2000-02-29'],
    ['1900-02-28', 1, '1900-03-01'],
    ['2025-01-01', 0, '2025-01-01'],
    ['2025-01-01', 89, '2025-03-31'],
    ['2025-01-01', 90, '2025-04-01'],
    ['2025-01-01', 365, '2026-01-01'],
    ['2024-01-01', 366, '2025-01-01'],
    ['2025-03-30', 1, '2025-03-31'],
    ['2025-01-01', 730, '2027-01-01'],
  ])('%s + %i days = %s', (date, days, want) => {
    expect(addDays(date, days)).toBe(want);
  });

  it.each(['2025-02-30', '2025-1-1', '', 'abc'])('refuses an invalid date %j', (date) => {
    expect(() => addDays(date, 1)).toThrow(RangeError);
  });
});

describe('addMonths', () => {
  it.each([
    ['2025-01-01', 12, '2026-01-01'],
    ['2025-01-01', 24, '2027-01-01'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-03-31', 1, '2025-04-30'],
    ['2025-08-31', 1, '2025-09-30'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2025-12-15', 1, '2026-01-15'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2025-01-15', -1, '2024-12-15'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2025-06-15', 0, '2025-06-15'],
  ])('%s + %i months = %s', (date, months, want) => {
    expect(addMonths(date, months)).toBe(want);
  });

  it.each([
    ['2025-01-01', 12, '2025-12-31'],
    ['2025-03-01', 12, '2026-02-28'],
    ['2024-03-01', 12, '2025-02-28'],
    ['2023-03-01', 12, '2024-02-29'],
    ['2025-01-01', 24, '2026-12-31'],
    ['2025-07-01', 1, '2025-07-31'],
  ])('a policy starting %s for %i months ends %s (both days inclusive)', (start, months, end) => {
    expect(addDays(addMonths(start, months), -1)).toBe(end);
  });

  it.each(['2025-02-30', '2025-13-01', 'abc'])('refuses an invalid date %j', (date) => {
    expect(() => addMonths(date, 1)).toThrow(RangeError);
  });
});

describe('diffDays', () => {
  it.each([
    ['2025-01-01', '2025-01-01', 0],
    ['2025-01-01', '2025-01-02', 1],
    ['2025-01-02', '2025-01-01', -1],
    ['2025-01-01', '2025-12-31', 364],
    ['2024-01-01', '2024-12-31', 365],
    ['2024-01-01', '2025-01-01', 366],
    ['2025-02-28', '2025-03-01', 1],
    ['2024-02-28', '2024-03-01', 2],
    ['2025-03-01', '2025-02-28', -1],
    ['2025-03-29', '2025-03-31', 2],
  ])('%s → %s = %i', (a, b, want) => {
    expect(diffDays(a, b)).toBe(want);
  });

  it('is the inverse of addDays', () => {
    for (const days of [-400, -31, -1, 0, 1, 59, 60, 365, 1000]) {
      expect(diffDays('2024-02-29', addDays('2024-02-29', days))).toBe(days);
    }
  });
});

describe('ageOn (full years)', () => {
  it.each([
    ['1965-06-15', '2025-06-14', 59, 'the day before the 60th birthday'],
    ['1965-06-15', '2025-06-15', 60, 'on the 60th birthday'],
    ['1965-06-15', '2025-06-16', 60, 'the day after'],
    ['1964-06-16', '2025-06-15', 60, 'the day before the 61st birthday'],
    ['1964-06-15', '2025-06-15', 61, 'on the 61st birthday'],
    ['2009-03-01', '2025-02-28', 15, 'the day before the 16th birthday'],
    ['2009-03-01', '2025-03-01', 16, 'on the 16th birthday'],
    ['2009-12-31', '2025-12-31', 16, 'a year-end birthday'],
    ['2010-01-01', '2025-12-31', 15, 'born on New Year'],
    ['2000-02-29', '2001-02-28', 0, 'a leap-day birthday in a common year: not yet on 28 Feb'],
    ['2000-02-29', '2001-03-01', 1, 'a leap-day birthday in a common year: counts on 1 Mar'],
    ['2000-02-29', '2004-02-29', 4, 'a leap-day birthday in a leap year'],
    ['1880-01-01', '2025-01-01', 145, 'a birth before 1900 from an old ID number'],
    ['2025-06-15', '2025-06-15', 0, 'born today'],
  ])('born %s, on %s → %i (%s)', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });
});

describe('chinaDate (China is UTC+8 all year)', () => {
  it.each([
    ['2025-12-31T16:00:00.000Z', '2026-01-01'],
    ['2025-12-31T15:59:59.999Z', '2025-12-31'],
    ['2025-06-15T00:00:00.000Z', '2025-06-15'],
    ['2025-06-14T16:00:00.000Z', '2025-06-15'],
    ['2025-06-15T15:59:59.999Z', '2025-06-15'],
    ['2024-02-28T16:00:00.000Z', '2024-02-29'],
    ['2025-03-09T18:00:00.000Z', '2025-03-10'],
    ['2025-11-02T07:30:00.000Z', '2025-11-02'],
  ])('%s → %s', (instant, want) => {
    expect(chinaDate(new Date(instant))).toBe(want);
  });

  it('does not depend on the machine time zone', () => {
    const before = process.env.TZ;
    try {
      for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
        process.env.TZ = tz;
        expect(chinaDate(new Date('2025-12-31T16:00:00.000Z'))).toBe('2026-01-01');
      }
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

describe('compareDates', () => {
  it.each([
    ['2025-01-01', '2025-01-02', -1],
    ['2025-01-02', '2025-01-01', 1],
    ['2025-01-01', '2025-01-01', 0],
    ['2024-12-31', '2025-01-01', -1],
  ])('%s vs %s → %i', (a, b, want) => {
    expect(compareDates(a, b)).toBe(want);
  });

  it('sorts ISO dates chronologically', () => {
    expect(['2025-10-01', '2024-12-31', '2025-01-10', '2025-01-09'].sort(compareDates)).toEqual([
      '2024-12-31',
      '2025-01-09',
      '2025-01-10',
      '2025-10-01',
    ]);
  });
});
