import { can, type Permission } from '@huzhu/core';
import { useQuery } from '@tanstack/react-query';
import { fetchSession, type Session, sessionKey } from '../api/auth.api.ts';

/** The signed-in session (undefined while loading, null when signed out). */
export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: Number.POSITIVE_INFINITY, retry: false });
}

/** The session of a page inside the signed-in layout, which only renders once the session is known. */
export function useCurrentSession(): Session {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentSession outside the signed-in layout');
  return data;
}

/** Whether the current user's role grants a permission (the server decides again; this only shapes the UI). */
export function useCan(): (permission: Permission) => boolean {
  const session = useCurrentSession();
  return (permission) => can(session.user.role, permission);
}
