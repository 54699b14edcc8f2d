import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../access/actor.ts';
import type { Services } from '../context.ts';
import { AppError } from '../errors.ts';

export type RouteDeps = { services: Services };
export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

/** The caller of a route whose `auth` is not public (the auth hook has already refused anonymous calls). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}
