import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from './calendar.ts';
import { addDays } from './dates.ts';

// Expected days were checked against chinese-days 1.5.7's data (dist/years/2025.json, 2026.json), which follows
// the State Council notices 国办发明电〔2024〕12号 (2025) and the 2026 arrangement published in November 2025.
const range = (from: string, to: string) => {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
};

describe('isWorkingDay', () => {
  it.each(range('2025-10-01', '2025-10-08'))('%s is off (国庆节 + 中秋节 2025)', (date) => {
    expect(isWorkingDay(date)).toBe(false);
  });

  it.each(range('2026-02-15', '2026-02-23'))('%s is off (春节 2026)', (date) => {
    expect(isWorkingDay(date)).toBe(false);
  });

  it.each(range('2025-01-28', '2025-02-04'))('%s is off (春节 2025)', (date) => {
    expect(isWorkingDay(date)).toBe(false);
  });

  it.each([
    ['2025-09-28', true, 'Sunday, adjusted working day before 国庆'],
    ['2025-10-11', true, 'Saturday, adjusted working day after 国庆'],
    ['2025-01-26', true, 'Sunday, adjusted working day before 春节'],
    ['2025-02-08', true, 'Saturday, adjusted working day after 春节'],
    ['2025-04-27', true, 'Sunday, adjusted working day before 劳动节'],
    ['2026-01-04', true, 'Sunday, adjusted working day after 元旦 2026'],
    ['2026-02-14', true, 'Saturday, adjusted working day before 春节 2026'],
    ['2026-02-28', true, 'Saturday, adjusted working day after 春节 2026'],
    ['2026-09-20', true, 'Sunday, adjusted working day before 国庆 2026'],
    ['2026-10-10', true, 'Saturday, adjusted working day after 国庆 2026'],
    ['2025-09-27', false, 'an ordinary Saturday'],
    ['2025-10-12', false, 'the Sunday after the adjusted Saturday'],
    ['2026-03-01', false, 'an ordinary Sunday'],
    ['2025-09-29', true, 'Monday before 国庆'],
    ['2025-09-30', true, 'Tuesday before 国庆'],
    ['2025-10-09', true, 'Thursday, first day back'],
    ['2025-01-01', false, '元旦 2025, a Wednesday'],
    ['2025-01-02', true, 'the Thursday after 元旦 2025'],
    ['2025-04-04', false, '清明 2025, a Friday'],
    ['2025-05-05', false, '劳动节 2025, a Monday'],
    ['2025-06-02', false, '端午 2025, a Monday'],
    ['2026-02-24', true, 'Tuesday, first day back after 春节 2026'],
    ['2026-01-02', false, '元旦 2026, a Friday'],
    ['2025-11-14', true, 'an ordinary Friday'],
    ['2025-11-15', false, 'an ordinary Saturday'],
  ])('%s → %s (%s)', (date, want) => {
    expect(isWorkingDay(date)).toBe(want);
  });

  // The data covers 2004 up to the last year the State Council has announced. Outside it the calendar knows no
  // holidays and falls back to Monday–Friday: 2003's National Day and (until chinese-days brings 2027) New Year's
  // Day 2027 count as working days. When the library gains 2027, update the 2027 cases from its data.
  it.each([
    ['2003-10-01', true, 'Wednesday, National Day 2003 — before the data begins'],
    ['2003-10-04', false, 'Saturday 2003'],
    ['2027-01-01', true, 'Friday, New Year 2027 — not announced in chinese-days 1.5.7'],
    ['2027-01-02', false, 'Saturday 2027'],
    ['2027-02-08', true, 'Monday, Spring Festival week 2027 — not announced yet'],
  ])('outside the data: %s → %s (%s)', (date, want) => {
    expect(isWorkingDay(date)).toBe(want);
  });

  it('gives the same answer in every machine time zone', () => {
    const before = process.env.TZ;
    const probe = ['2025-09-27', '2025-09-28', '2025-09-29', '2025-10-01', '2025-10-08', '2025-10-09', '2025-10-11'];
    const want = [false, true, true, false, false, true, true];
    try {
      for (const tz of ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'America/Sao_Paulo', 'Pacific/Kiritimati']) {
        process.env.TZ = tz;
        expect(probe.map(isWorkingDay), tz).toEqual(want);
      }
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it.each(['2025-02-30', '2025-9-28', ''])('refuses an invalid date %j', (date) => {
    expect(() => isWorkingDay(date)).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2025-09-25', 5, '2025-10-09', 'Thursday before 国庆: Fri, adjusted Sun 28th, Mon, Tue, then Thu 9 Oct'],
    ['2025-09-26', 5, '2025-10-10', 'accepted on the Friday before 国庆'],
    ['2025-09-30', 1, '2025-10-09', 'the eve of 国庆 jumps the whole holiday'],
    ['2025-10-03', 1, '2025-10-09', 'starting inside the holiday'],
    ['2025-10-09', 2, '2025-10-11', 'Thu → Fri → adjusted Saturday'],
    ['2025-10-10', 1, '2025-10-11', 'Friday → adjusted Saturday'],
    ['2025-10-11', 1, '2025-10-13', 'adjusted Saturday → Monday (Sunday is off)'],
    ['2025-09-26', 1, '2025-09-28', 'Friday → adjusted Sunday'],
    ['2026-02-12', 3, '2026-02-24', 'Thursday before 春节 2026: Fri, adjusted Sat 14th, then Tue 24th'],
    ['2026-02-24', 4, '2026-02-28', 'after 春节 2026 through the adjusted Saturday'],
    ['2025-12-31', 1, '2026-01-04', '元旦 2026 then the adjusted Sunday'],
    ['2025-11-10', 5, '2025-11-17', 'an ordinary week'],
    ['2025-11-14', 1, '2025-11-17', 'Friday → Monday'],
    ['2025-11-15', 1, '2025-11-17', 'Saturday → Monday'],
    ['2025-10-01', 0, '2025-10-01', 'zero days is the date itself, even on a holiday'],
  ])('%s + %i working days = %s (%s)', (date, n, want) => {
    expect(addWorkingDays(date, n)).toBe(want);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['2025-09-25', '2025-10-09', 5, 'across 国庆 with the adjusted Sunday'],
    ['2025-09-30', '2025-10-08', 0, 'only holidays after the start'],
    ['2025-10-08', '2025-10-12', 3, 'Thu, Fri and the adjusted Saturday'],
    ['2026-02-13', '2026-02-27', 5, 'across 春节 2026: the adjusted Saturday and Tue–Fri'],
    ['2025-11-10', '2025-11-17', 5, 'an ordinary week'],
    ['2025-11-14', '2025-11-16', 0, 'Friday to Sunday'],
    ['2025-10-09', '2025-10-09', 0, 'the same day'],
    ['2025-10-10', '2025-10-09', 0, 'to before from'],
    ['2025-01-01', '2025-12-31', 248, '2025: 261 weekdays − 18 weekday holidays + 5 adjusted days'],
  ])('%s → %s = %i (%s)', (from, to, want) => {
    expect(workingDaysBetween(from, to)).toBe(want);
  });

  it('counts back exactly what addWorkingDays added', () => {
    for (const start of ['2025-09-25', '2025-09-30', '2025-12-31', '2026-02-12', '2025-11-15']) {
      for (const n of [1, 2, 5, 10, 30]) expect(workingDaysBetween(start, addWorkingDays(start, n))).toBe(n);
    }
  });
});
