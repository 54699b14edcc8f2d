import { passwordWeakness, passwordWeaknessMessages } from '@huzhu/core';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../errors.ts';

// argon2id with OWASP's second recommended setting (m=19 MiB, t=2, p=1).
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the user does not exist, so timing does not tell. */
let dummy: Promise<string> | undefined;
export const dummyHash = () => {
  dummy ??= hashPassword(`no-such-user-${Math.random()}`);
  return dummy;
};

/** Refuses a weak new password with PASSWORD_WEAK (400) saying why (core's passwordWeakness). */
export function requireStrongPassword(password: string, username?: string): void {
  const weakness = passwordWeakness(password, username);
  if (weakness)
    throw new AppError('PASSWORD_WEAK', { field: 'password', reason: weakness }, passwordWeaknessMessages[weakness]);
}
