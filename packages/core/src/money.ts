import { normalizeText } from './validation/normalize.ts';

/** Money is integer fen (分) everywhere. These are the only conversions to and from yuan text. */
export type Fen = number;

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/**
 * Parses a yuan amount written as text ("1,234.5", "12", "0.05", "-3.10") into fen exactly, without float
 * arithmetic. Thousands separators must group by three: "1,2" is refused rather than read as twelve yuan.
 */
export function parseYuan(text: string): Fen | null {
  const t = normalizeText(text).replace(/\s/g, '');
  const m = /^(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const fen = Number(m[2]!.replace(/,/g, '')) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return null;
  return m[1] && fen !== 0 ? -fen : fen;
}

/** 123456 → "1234.56" */
export function fenToYuanText(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 123456 → "¥1,234.56" */
export function formatFen(fen: Fen): string {
  const [int, dec] = fenToYuanText(Math.abs(fen)).split('.') as [string, string];
  return `${fen < 0 ? '-' : ''}¥${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${dec}`;
}

/** Multiplies a fen amount by a rate given in basis points (1/10000), rounding down to the fen. */
export function applyRateBp(fen: Fen, basisPoints: number): Fen {
  const product = fen * basisPoints;
  if (Math.abs(product) <= Number.MAX_SAFE_INTEGER || !Number.isInteger(fen) || !Number.isInteger(basisPoints))
    return Math.floor(product / 10_000);
  // Past 2^53 the float product has lost its last digits; BigInt keeps the rounding exact (division floors toward
  // zero, so a negative remainder steps one fen further down).
  const p = BigInt(fen) * BigInt(basisPoints);
  const q = p / 10_000n;
  return Number(p % 10_000n < 0n ? q - 1n : q);
}
