import type { MemberAccount } from '@huzhu/core';
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { api } from './api/api.ts';

export interface SessionState {
  /** undefined while asking the server; null when signed out. */
  account: MemberAccount | null | undefined;
  refresh(): Promise<MemberAccount | null>;
  signedIn(account: MemberAccount): void;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSessionState(): SessionState {
  const [account, setAccount] = useState<MemberAccount | null | undefined>(undefined);
  const refresh = useCallback(async () => {
    try {
      const s = await api.me();
      setAccount(s.member);
      return s.member;
    } catch {
      setAccount(null);
      return null;
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return {
    account,
    refresh,
    signedIn: setAccount,
    async signOut() {
      try {
        await api.logout();
      } finally {
        setAccount(null);
      }
    },
  };
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('no session context');
  return s;
}
