import calendarData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { addDays, type IsoDate, isValidIsoDate } from './dates.ts';

/**
 * The official arrangement published with chinese-days (its documented JSON: every holiday and adjusted working
 * day since 2004, keyed by 'YYYY-MM-DD'). We read the data rather than call the library's isWorkday because the
 * library parses a date as UTC midnight and reads it back in the process's local time zone, which shifts every
 * date by a day on a machine west of UTC.
 */
const { holidays, workdays } = calendarData as { holidays: Record<string, string>; workdays: Record<string, string> };

/**
 * Official working days: Mon–Fri except public holidays, plus the adjusted working weekends (调休).
 * A year the data does not cover (before 2004, or one the State Council has not announced yet) has no holidays
 * in it, so there Monday–Friday are working days; updating chinese-days brings the new year in.
 */
export function isWorkingDay(date: IsoDate): boolean {
  if (!isValidIsoDate(date)) throw new RangeError(`invalid date: ${date}`);
  if (Object.hasOwn(workdays, date)) return true;
  if (Object.hasOwn(holidays, date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The date `n` working days after `date` (the start day itself is not counted). */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left -= 1;
  }
  return d;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) count += 1;
  return count;
}
