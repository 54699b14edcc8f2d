import type { Permission } from '@huzhu/core';
import type { Actor } from '../access/actor.ts';

/** Who may call a route: anyone, any signed-in caller, or callers whose role has a permission. */
export type RouteAuth = 'public' | 'signed-in' | Permission;

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
  }
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
}
