import { describe, expect, it } from 'vitest';
import { commonPasswords } from './common-passwords.ts';
import { passwordWeakness } from './password-policy.ts';

describe('passwordWeakness', () => {
  it.each([
    ['password1', 'too_short'],
    ['abcdefg1', 'too_short'],
    ['abc123', 'too_short'],
    ['Secret123', 'too_short'],
    ['Password123', 'common'],
    ['QWERTYUIOP', 'common'],
    ['1234567890', 'common'],
    ['Woaini5201314', 'common'],
    ['Welcome2025', 'common'],
    ['P@ssw0rd2026', 'common'],
    ['aaaaaaaaaa', 'common'],
    ['abababababab', 'repetitive'],
    ['jiangbei-2026!', 'contains_username'],
    ['x'.repeat(129), 'too_long'],
  ])('%j → %s', (pw, want) => {
    expect(passwordWeakness(pw, 'jiangbei')).toBe(want);
  });

  it.each(['Passw0rd!test', 'correct horse battery staple', '江北区代办处的密码2026', 'Hz-a8Kq2Zp9'])(
    'accepts %j',
    (pw) => {
      expect(passwordWeakness(pw, 'jiangbei')).toBeNull();
    },
  );

  it('bundles a few hundred common passwords, lower-case', () => {
    expect(commonPasswords.size).toBeGreaterThan(300);
    for (const p of commonPasswords) expect(p).toBe(p.toLowerCase());
  });
});
