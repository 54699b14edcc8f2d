// Run on every cell of a roster: most cells hold none of these characters and only need the trim.
const NEEDS_MAPPING = /[\u200B-\u200D\u2060\uFEFF\uFF01-\uFF5E\u3000]/;

/**
 * Turns full-width ASCII (０-９, Ａ-Ｚ, ａ-ｚ, full-width space) into half-width, drops the invisible zero-width
 * characters that text copied from web pages and chat apps carries, and trims white space.
 */
export function normalizeText(value: string): string {
  if (!NEEDS_MAPPING.test(value)) return value.trim();
  return value
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}
