/**
 * Calendar dates are ISO `YYYY-MM-DD` strings in the Asia/Shanghai calendar (China has no DST,
 * so China time is UTC+8 all year). Arithmetic is done on UTC midnight of the date, never on local time.
 */
export type IsoDate = string;

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The number written by `length` ASCII digits of `text` from `at`, or -1 when any of them is not a digit. */
function digitsAt(text: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** A business date: a real calendar date from 1900 on (earlier ones are typing errors in this domain). */
export function isValidIsoDate(value: string): boolean {
  return isCalendarDate(value) && value >= '1900-01-01';
}

/**
 * Any real calendar date written YYYY-MM-DD, from the year 1000 on (Date.UTC misreads years 0–99). Read digit by
 * digit, not with a regular expression and a Date: a roster checks one per row.
 */
export function isCalendarDate(value: string): boolean {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  const y = digitsAt(value, 0, 4);
  const mo = digitsAt(value, 5, 2);
  const d = digitsAt(value, 8, 2);
  if (y < 1000 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

function toUtcMs(date: IsoDate): number {
  if (!isValidIsoDate(date)) throw new RangeError(`invalid date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`);
}

function fromUtcMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The China calendar date of an instant. */
export function chinaDate(instant: Date): IsoDate {
  return fromUtcMs(instant.getTime() + CHINA_OFFSET_MS);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** Adds calendar months; the day is clamped to the last day of the target month (01-31 + 1 mo = 02-28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  if (!isValidIsoDate(date)) throw new RangeError(`invalid date: ${date}`);
  const [y, m, d] = [digitsAt(date, 0, 4), digitsAt(date, 5, 2), digitsAt(date, 8, 2)];
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  const td = Math.min(d, daysInMonth(ty, tm));
  return `${String(ty).padStart(4, '0')}-${String(tm).padStart(2, '0')}-${String(td).padStart(2, '0')}`;
}

/** Whole days from `a` to `b` (positive when b is later). */
export function diffDays(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS);
}

/** Full years of age on `on` for someone born on `birthDate` (a 29 Feb birthday counts on 1 Mar in common years). */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  // YYYY-MM-DD strings compare as dates: the birthday has not come yet this year when on's MM-DD is before it.
  const age = digitsAt(on, 0, 4) - digitsAt(birthDate, 0, 4);
  return on.slice(5) < birthDate.slice(5) ? age - 1 : age;
}

export const compareDates = (a: IsoDate, b: IsoDate) => (a < b ? -1 : a > b ? 1 : 0);
