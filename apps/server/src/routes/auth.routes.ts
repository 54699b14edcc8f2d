import { LoginBody, LoginResponse } from '@huzhu/core';
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../http/auth-hooks.ts';
import { AppError } from '../errors.ts';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

export function authRoutes(
  app: FastifyInstance,
  { services }: RouteDeps,
  opts: { secureCookies: boolean; loginRatePerMinute: number },
) {
  const r = typed(app);
  r.post(
    '/auth/login',
    {
      config: {
        auth: 'public',
        rateLimit: { max: opts.loginRatePerMinute, timeWindow: '1 minute' },
      },
      schema: { tags: ['auth'], body: LoginBody, response: { 200: LoginResponse } },
    },
    async (req, reply) => {
      const result = await services.auth.login(req.body.username, req.body.password, req.ip);
      reply.setCookie(SESSION_COOKIE, result.sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: opts.secureCookies,
        expires: result.expiresAt,
      });
      return { user: result.user, csrfToken: result.csrfToken };
    },
  );

  r.post('/auth/logout', { config: { auth: 'signed-in' }, schema: { tags: ['auth'] } }, async (req, reply) => {
    const cookie = req.cookies[SESSION_COOKIE];
    if (cookie) await services.auth.logout(cookie);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  r.get(
    '/auth/me',
    { config: { auth: 'signed-in' }, schema: { tags: ['auth'], response: { 200: LoginResponse } } },
    async (req) => {
      const actor = actorOf(req);
      if (actor.kind !== 'user' || !req.csrfToken) {
        // Token callers have no session: they get their identity and no CSRF token (they need none).
        if (actor.kind === 'token') return { user: services.auth.toSessionUser(actor), csrfToken: '' };
        throw new AppError('UNAUTHENTICATED');
      }
      return { user: services.auth.toSessionUser(actor), csrfToken: req.csrfToken };
    },
  );
}
