import type { Permission } from '@huzhu/core';
import type { Actor } from '../access/actor.ts';

/** Who may call a route: anyone, any signed-in caller, or callers whose role has a permission. */
export type RouteAuth = 'public' | 'signed-in' | Permission;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
}
