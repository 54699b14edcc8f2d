import { describe, expect, it } from 'vitest';
import { checkSafeText, contactPhone, isContactPhone, safeText } from './safe-text.ts';

describe('checkSafeText', () => {
  it.each([
    ['NUL', 'a\u0000b', 'control'],
    ['ESC', '\u001b[2J单位', 'control'],
    ['DEL', '单位\u007f', 'control'],
    ['a C1 control', '单位\u0085名', 'control'],
    ['a line break in a one-line field', '重庆\n单位', 'control'],
    ['right-to-left override', '重庆\u202egpj.exe', 'bidi'],
    ['a bidi isolate', '\u2067重庆\u2069', 'bidi'],
    ['a right-to-left mark', '重庆\u200f单位', 'bidi'],
    ['zero-width only', '\u200b\u200c\u200d\ufeff', 'empty'],
    ['spaces only', ' \u3000 ', 'empty'],
    ['a lone high surrogate', '重庆\ud83d', 'surrogate'],
    ['a lone low surrogate', '\ude00重庆', 'surrogate'],
    ['too long', '字'.repeat(11), 'too_long'],
    ['too short', '字', 'too_short'],
  ])('refuses %s', (_label, raw, problem) => {
    const r = checkSafeText(raw, { min: 2, max: 10 });
    expect(r.ok ? null : r.error.problem).toBe(problem);
  });

  it.each([
    ['trims', '  重庆单位 \u3000', '重庆单位'],
    ['drops zero-width characters inside', '重\u200b庆', '重庆'],
    ['NFC', 'Cafe\u0301', 'Caf\u00e9'],
    ['keeps emoji (a surrogate pair) and counts it as one', '单位😀', '单位😀'],
    ['keeps full-width brackets', '重庆（集团）', '重庆（集团）'],
  ])('%s', (_label, raw, want) => {
    expect(checkSafeText(raw, { min: 2, max: 10 })).toEqual({ ok: true, value: want });
  });

  it('keeps line breaks where the text may have lines, refuses other controls there', () => {
    expect(checkSafeText('第一行\r\n第二行', { max: 50, multiline: true })).toEqual({
      ok: true,
      value: '第一行\n第二行',
    });
    expect(checkSafeText('第一行\u0000', { max: 50, multiline: true }).ok).toBe(false);
  });

  it('as a zod schema it normalises and says why in Chinese', () => {
    expect(safeText({ min: 1, max: 20 }).parse(' 江北一厂 ')).toBe('江北一厂');
    const r = safeText({ min: 1, max: 20 }).safeParse('江北\u202e一厂');
    expect(r.error?.issues[0]?.message).toContain('文字方向');
  });
});

describe('contact phones', () => {
  it.each([
    '13812345678',
    '138 1234 5678',
    '+86 13812345678',
    '023-63891234',
    '(023)63891234',
    '63891234',
    '023-63891234转123',
    '400-820-1234',
    '０２３-６３８９１２３４',
  ])('accepts %s', (v) => expect(isContactPhone(v)).toBe(true));
  it.each(['call-me-maybe', '123', '1381234567', '00000000000000', '12345678901', '023-1234'])('refuses %s', (v) =>
    expect(isContactPhone(v)).toBe(false),
  );
  it('the schema takes an empty value (no phone given)', () => {
    expect(contactPhone.parse('')).toBe('');
    expect(contactPhone.safeParse('call-me-maybe').success).toBe(false);
  });
});
