import type { Role } from '@huzhu/core';

/** Who is calling: a signed-in user or an API token, with the organisation it belongs to. */
export interface Actor {
  kind: 'user' | 'token' | 'member';
  id: string;
  username: string;
  displayName: string;
  role: Role;
  officeId: string | null;
  /** The agency of agency staff, and of a unit agent's unit. */
  agencyId: string | null;
  unitId: string | null;
  memberId: string | null;
  ip: string | null;
}
