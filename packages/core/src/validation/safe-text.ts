import { z } from 'zod';
import { ok, type Result } from '../result.ts';

/**
 * The one normalisation of names and free text (issue 15 item 2): NFC, invisible zero-width characters and the
 * byte-order mark dropped, white space trimmed; refused are C0/C1 control characters (NUL, ESC, …; a line break only
 * where the text may have lines), bidirectional overrides and isolates (they make `exe.txt` read `txt.exe`), lone
 * surrogates (not text at all), and text that is empty once the invisible characters are gone. Lengths count
 * characters (code points), not UTF-16 units.
 */
export interface SafeTextOptions {
  min?: number;
  max: number;
  /** Line breaks (and tabs) allowed: reasons, notes. */
  multiline?: boolean;
}

export type SafeTextProblem = 'control' | 'bidi' | 'surrogate' | 'empty' | 'too_short' | 'too_long';

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
/** LRE RLE PDF LRO RLO, LRI RLI FSI PDI, LRM RLM, ALM. */
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const safeTextMessages: Record<SafeTextProblem, string> = {
  control: '含有控制字符（如 NUL、ESC），请删除后重试',
  bidi: '含有改变文字方向的不可见字符，请删除后重试',
  surrogate: '含有无法识别的字符（残缺的 Unicode 代理项）',
  empty: '不能为空，也不能只含不可见字符',
  too_short: '内容过短',
  too_long: '内容过长',
};

/** NFC, zero-width characters dropped, line ends unified (multiline), trimmed. */
export function normalizeSafeText(raw: string, multiline = false): string {
  let text = raw.normalize('NFC').replace(ZERO_WIDTH, '');
  if (multiline) text = text.replace(/\r\n?/g, '\n');
  return text.trim();
}

/** What is wrong with an already normalised text, or null. */
export function safeTextProblem(
  text: string,
  opts: SafeTextOptions,
): { problem: SafeTextProblem; message: string } | null {
  const fail = (problem: SafeTextProblem, message = safeTextMessages[problem]) => ({ problem, message });
  if (LONE_SURROGATE.test(text)) return fail('surrogate');
  if ((opts.multiline ? CONTROL_BUT_LINES : CONTROL).test(text)) return fail('control');
  if (BIDI.test(text)) return fail('bidi');
  const length = [...text].length;
  if (length === 0 && (opts.min ?? 1) > 0) return fail('empty');
  if (opts.min !== undefined && length < opts.min) return fail('too_short', `至少 ${opts.min} 个字`);
  if (length > opts.max) return fail('too_long', `最多 ${opts.max} 个字`);
  return null;
}

/** Normalises `raw`, or says what is wrong with it. */
export function checkSafeText(
  raw: string,
  opts: SafeTextOptions,
): Result<string, { problem: SafeTextProblem; message: string }> {
  const text = normalizeSafeText(raw, opts.multiline);
  const problem = safeTextProblem(text, opts);
  return problem ? { ok: false, error: problem } : ok(text);
}

/**
 * The zod schema of a name or free-text field: normalised (an `overwrite`, so the field stays a plain string in
 * the OpenAPI document) and refused with the problem's Chinese message.
 */
export const safeText = (opts: SafeTextOptions) =>
  z
    .string()
    .overwrite((v) => normalizeSafeText(v, opts.multiline))
    .superRefine((text, ctx) => {
      const p = safeTextProblem(text, opts);
      if (p) ctx.addIssue({ code: 'custom', message: p.message, params: { problem: p.problem } });
    });

/** Landline (area code, number, extension), a mobile, or a 400/800 service number; spaces and dashes ignored. */
const CONTACT_PHONE = /^(1[3-9]\d{9}|(0\d{2,3})?[2-9]\d{6,7}(#\d{1,6})?|[48]00\d{7})$/;

/** A contact phone as people write it (spaces, dashes, brackets, full-width digits, +86, 转 extension). */
export function isContactPhone(raw: string): boolean {
  const t = raw
    .normalize('NFKC')
    .replace(/[\s\-()（）]/g, '')
    .replace(/^\+?86(?=1[3-9]\d{9}$)/, '')
    .replace(/转|ext\.?/i, '#');
  return CONTACT_PHONE.test(t);
}

/** A contact phone field: empty, or a phone as `isContactPhone` reads it. */
export const contactPhone = z
  .string()
  .max(30)
  .overwrite((v) => v.normalize('NFKC').trim())
  .refine((v) => v === '' || isContactPhone(v), { message: '联系电话应为手机号或固定电话（如 023-63891234）' });
