import { type ResponseOf, staffEndpoints as e } from '@huzhu/core';
import { ApiError, api, setCsrfToken } from './http-client.ts';

export type Session = ResponseOf<typeof e.me>;

export const sessionKey = ['session'] as const;

/** The current session, or null when signed out (a 401 here is an answer, not an error). */
export async function fetchSession(): Promise<Session | null> {
  try {
    const s = await api.call(e.me);
    setCsrfToken(s.csrfToken);
    return s;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken('');
      return null;
    }
    throw err;
  }
}

export async function login(username: string, password: string): Promise<Session> {
  const s = await api.call(e.login, { body: { username, password } });
  setCsrfToken(s.csrfToken);
  return s;
}

export async function logout(): Promise<void> {
  try {
    await api.call(e.logout);
  } finally {
    setCsrfToken('');
  }
}
