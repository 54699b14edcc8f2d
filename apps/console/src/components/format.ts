import { fenToYuanText } from '@huzhu/core';

/** China time (UTC+8, no daylight saving), whatever the browser's own zone. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Instants arrive as ISO UTC; staff read them in China time, to the minute, whatever zone their computer is set to. */
export function formatInstant(iso: string | null | undefined, none = '—'): string {
  if (!iso) return none;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return none;
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** 500000 → "5,000", 12345 → "123.45": amounts inside a sentence (band limits), without the ¥ sign. */
export function formatYuanPlain(fen: number): string {
  const text = fenToYuanText(fen).replace(/\.00$/, '');
  const [int, dec] = text.split('.') as [string, string | undefined];
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${dec ? `.${dec}` : ''}`;
}

/** Basis points as a percentage: 8000 → "80%", 3550 → "35.5%". */
export function formatBp(bp: number): string {
  return `${Number((bp / 100).toFixed(2))}%`;
}
