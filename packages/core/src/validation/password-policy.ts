import { commonPasswords } from './common-passwords.ts';

/**
 * The password rule (issue 15 item 11), as NIST SP 800-63B puts it: long enough and not a known one — no rules on
 * character classes. Refused: fewer than 10 characters, one of the bundled common passwords (compared lower-case),
 * the username inside it, or fewer than 4 different characters (`aaaaaaaaaa`, `1212121212`).
 */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

export type PasswordWeakness = 'too_short' | 'too_long' | 'common' | 'contains_username' | 'repetitive';

export const passwordWeaknessMessages: Record<PasswordWeakness, string> = {
  too_short: `密码至少 ${MIN_PASSWORD_LENGTH} 位`,
  too_long: `密码最多 ${MAX_PASSWORD_LENGTH} 位`,
  common: '该密码过于常见，容易被猜中，请换一个',
  contains_username: '密码不能包含用户名',
  repetitive: '密码过于简单（重复字符过多），请换一个',
};

export function passwordWeakness(password: string, username?: string): PasswordWeakness | null {
  const chars = [...password];
  if (chars.length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (chars.length > MAX_PASSWORD_LENGTH) return 'too_long';
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower)) return 'common';
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) return 'contains_username';
  if (new Set(chars).size < 4) return 'repetitive';
  return null;
}
