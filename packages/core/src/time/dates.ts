/**
 * Calendar dates are ISO `YYYY-MM-DD` strings in the Asia/Shanghai calendar (China has no DST,
 * so China time is UTC+8 all year). Arithmetic is done on UTC midnight of the date, never on local time.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A business date: a real calendar date from 1900 on (earlier ones are typing errors in this domain). */
export function isValidIsoDate(value: string): boolean {
  return isCalendarDate(value) && value >= '1900-01-01';
}

/** Any real calendar date written YYYY-MM-DD, from the year 1000 on (Date.UTC misreads years 0–99). */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1000 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
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
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
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
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  let age = oy - by;
  if (om < bm || (om === bm && od < bd)) age -= 1;
  return age;
}

export const compareDates = (a: IsoDate, b: IsoDate) => (a < b ? -1 : a > b ? 1 : 0);
