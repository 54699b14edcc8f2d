import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requirePermission } from '../access/policy.ts';
import type { Services } from '../context.ts';
import { safeEqual } from '../security/tokens.ts';
import { AppError } from '../errors.ts';
import type { RouteEntry } from './fastify-types.ts';

export const SESSION_COOKIE = 'huzhu_sid';
/** The member app's session cookie: a different cookie and table from staff sessions (api.md). */
export const MEMBER_COOKIE = 'huzhu_m';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller (session cookie or `Authorization: Bearer`), then enforces each route's `auth` setting and,
 * for cookie sessions, the CSRF header on state-changing requests.
 */
export function installAuth(app: FastifyInstance, services: Services) {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('memberAccount', null);

  // Every API route states who may call it; one without an `auth` setting would silently be public, so it stops
  // the start instead. The table is what the scope matrix test walks.
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    const auth = route.config?.auth;
    if (route.url.startsWith('/api/v1/') && auth === undefined) {
      throw new Error(`route ${String(route.method)} ${route.url} has no auth setting`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeTable.push({ method, url: route.url, auth });
    }
  });

  // onRequest, before the body is read or validated: an anonymous caller learns nothing about a route's schema and
  // cannot make the server parse an upload it will refuse anyway.
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const auth = req.routeOptions.config?.auth;
    if (!auth || auth === 'public') {
      await resolve(req);
      return;
    }
    const viaCookie = auth === 'member' ? await resolveMember(req) : await resolve(req);
    if (!req.actor) throw new AppError('UNAUTHENTICATED');
    if (viaCookie && !SAFE_METHODS.has(req.method)) {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || !req.csrfToken || !safeEqual(header, req.csrfToken)) {
        throw new AppError('CSRF_INVALID');
      }
    }
    if (auth !== 'signed-in' && auth !== 'member') requirePermission(req.actor, auth);
  });

  /** Member routes know only the member cookie: a staff session or API token is not a member's. */
  async function resolveMember(req: FastifyRequest): Promise<boolean> {
    const cookie = req.cookies[MEMBER_COOKIE];
    if (!cookie) return false;
    const session = await services.memberAuth.fromSession(cookie, req.ip);
    if (!session) return false;
    req.actor = session.actor;
    req.csrfToken = session.csrfToken;
    req.memberAccount = session.account;
    return true;
  }

  /** Returns true when the caller came through a session cookie. */
  async function resolve(req: FastifyRequest): Promise<boolean> {
    const header = req.headers.authorization;
    // The scheme name is case-insensitive (RFC 9110); some HTTP clients send `bearer`.
    const bearer = header ? /^bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (bearer) {
      req.actor = await services.auth.fromApiToken(bearer[1]!, req.ip);
      if (!req.actor) throw new AppError('UNAUTHENTICATED', { reason: 'token' });
      return false;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (!cookie) return false;
    const session = await services.auth.fromSession(cookie, req.ip);
    if (!session) return false;
    req.actor = session.actor;
    req.csrfToken = session.csrfToken;
    return true;
  }
}
