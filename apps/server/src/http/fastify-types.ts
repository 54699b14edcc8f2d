import type { MemberAccount, Permission } from '@huzhu/core';
import type { Actor } from '../access/actor.ts';

/** Who may call a route: anyone, any signed-in caller, or callers whose role has a permission. */
/** `member`: a member-app session (its own cookie), never a staff one. */
export type RouteAuth = 'public' | 'signed-in' | 'member' | Permission;

/** One registered route and who may call it (collected at registration; the scope matrix test walks it). */
export interface RouteEntry {
  method: string;
  url: string;
  auth: RouteAuth | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
    /** The member-app account behind a `member` route's caller. */
    memberAccount: MemberAccount | null;
  }
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
}
