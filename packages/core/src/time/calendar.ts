import chineseDays from 'chinese-days';

const { isWorkday } = chineseDays;
import { addDays, type IsoDate } from './dates.ts';

/** Official working days: Mon–Fri except public holidays, plus the adjusted working weekends (调休). */
export function isWorkingDay(date: IsoDate): boolean {
  return isWorkday(date);
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
