import { chinaDate } from '@huzhu/core';

/** Time is injected so services and tests agree on "now"; core never reads a clock. */
export interface Clock {
  now(): Date;
  /** ISO UTC instant. */
  iso(): string;
  /** Today in China. */
  today(): string;
}

export function systemClock(): Clock {
  return fixedOr(() => new Date());
}

export function fixedOr(now: () => Date): Clock {
  return { now, iso: () => now().toISOString(), today: () => chinaDate(now()) };
}
