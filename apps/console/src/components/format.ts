import { fenToYuanText } from '@huzhu/core';
import dayjs from 'dayjs';

/** Instants arrive as ISO UTC; staff read them in their own (China) time, to the minute. */
export function formatInstant(iso: string | null | undefined, none = '—'): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : none;
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
