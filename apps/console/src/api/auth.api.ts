import type { SessionUser } from '@huzhu/core';
import { ApiError, http, setCsrfToken } from './http-client.ts';

export interface Session {
  user: SessionUser;
  csrfToken: string;
}

export const sessionKey = ['session'] as const;

/** The current session, or null when signed out (a 401 here is an answer, not an error). */
export async function fetchSession(): Promise<Session | null> {
  try {
    const s = await http.get<Session>('/auth/me');
    setCsrfToken(s.csrfToken);
    return s;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken('');
      return null;
    }
    throw e;
  }
}

export async function login(username: string, password: string): Promise<Session> {
  const s = await http.post<Session>('/auth/login', { username, password });
  setCsrfToken(s.csrfToken);
  return s;
}

export async function logout(): Promise<void> {
  try {
    await http.post<void>('/auth/logout');
  } finally {
    setCsrfToken('');
  }
}
