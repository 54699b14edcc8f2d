import { GigEnrolment, GigRenewalBody, GigRenewalOffers } from '@huzhu/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

const tags = ['gig enrolment'];
const auth = 'member' as const;

/** One-tap renewal of a gig worker's own cover (issue 12 item 5). */
export function gigRenewalRoutes(app: FastifyInstance, { services }: RouteDeps) {
  const r = typed(app);
  const origin = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

  r.get(
    '/m/me/renewals',
    {
      config: { auth },
      schema: {
        tags,
        response: { 200: GigRenewalOffers },
        description: "The member's own gig policies that can be renewed now (from 30 days before the end)",
      },
    },
    (req) => services.gigRenewals.offers(actorOf(req)),
  );

  r.post(
    '/m/me/renewals',
    {
      config: { auth, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        body: GigRenewalBody,
        response: { 201: GigEnrolment },
        description: 'Orders the renewal of one policy: pay it as any order; cover carries on without a gap',
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await services.gigRenewals.renew(actorOf(req), req.body, { clientIp: req.ip, origin: origin(req) })),
  );
}
