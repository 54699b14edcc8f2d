import { GigEnrolment, GigEnrolmentBody, IdParam } from '@huzhu/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

const tags = ['gig enrolment'];
const auth = 'member' as const;
/** A WeChat Pay notification is a few hundred bytes; anything far larger is not one. */
const NOTIFY_MAX_BYTES = 64 * 1024;

/** Gig workers' own orders and their payment (api.md "Member app and gig enrolment"). */
export function gigRoutes(app: FastifyInstance, { services }: RouteDeps) {
  const r = typed(app);
  const origin = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

  r.post(
    '/m/enrolments',
    {
      config: { auth, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { tags, body: GigEnrolmentBody, response: { 201: GigEnrolment } },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await services.gigEnrolments.create(actorOf(req), req.body, { clientIp: req.ip, origin: origin(req) })),
  );

  r.get(
    '/m/enrolments/:id',
    {
      config: { auth, rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: { tags, params: IdParam, response: { 200: GigEnrolment } },
    },
    (req) => services.gigEnrolments.get(actorOf(req), req.params.id),
  );

  r.post(
    '/m/enrolments/:id/cancel',
    { config: { auth }, schema: { tags, params: IdParam, response: { 200: GigEnrolment } } },
    (req) => services.gigEnrolments.cancel(actorOf(req), req.params.id),
  );

  r.post(
    '/m/payments/:enrolmentId/demo-pay',
    {
      config: { auth },
      schema: { tags, params: z.object({ enrolmentId: z.string().min(1).max(64) }), response: { 200: GigEnrolment } },
    },
    (req) => services.gigEnrolments.demoPay(actorOf(req), req.params.enrolmentId),
  );

  // The provider's notification: its signature is over the raw bytes, so this route reads the body as text.
  app.register(async (raw) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', { parseAs: 'string', bodyLimit: NOTIFY_MAX_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    raw.post(
      '/payments/wechat/notify',
      { config: { auth: 'public' }, schema: { tags, hide: false } },
      async (req, reply) => {
        const body = typeof req.body === 'string' ? req.body : '';
        try {
          await services.gigPayments.notify(req.headers, body);
        } catch (e) {
          const code = e instanceof AppError ? e.code : 'INTERNAL';
          req.log.warn({ code }, 'wechat pay notification refused');
          // WeChat Pay reads 4XX/5XX with {code:"FAIL"} as "not taken": it retries (a refusal stays a refusal).
          const status = code === 'PAYMENT_SIGNATURE_INVALID' ? 401 : code === 'INTERNAL' ? 500 : 400;
          return reply.status(status).send({ code: 'FAIL', message: '失败' });
        }
        return reply.status(204).send();
      },
    );
  });
}
