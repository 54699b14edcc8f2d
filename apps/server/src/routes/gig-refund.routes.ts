import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import type { RouteDeps } from './route-kit.ts';

/** A WeChat Pay refund notification is a few hundred bytes; anything far larger is not one. */
const NOTIFY_MAX_BYTES = 64 * 1024;

/**
 * WeChat Pay's refund result (`notify_url` of the refund request, event REFUND.SUCCESS / ABNORMAL / CLOSED): public,
 * authenticated by its signature over the raw bytes, so the body is read as text.
 */
export function gigRefundRoutes(app: FastifyInstance, { services }: RouteDeps) {
  app.register(async (raw) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', { parseAs: 'string', bodyLimit: NOTIFY_MAX_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    raw.post(
      '/payments/wechat/refund-notify',
      { config: { auth: 'public' }, schema: { tags: ['gig enrolment'], hide: false } },
      async (req, reply) => {
        const body = typeof req.body === 'string' ? req.body : '';
        try {
          await services.gigRefunds.notify(req.headers, body);
        } catch (e) {
          const code = e instanceof AppError ? e.code : 'INTERNAL';
          req.log.warn({ code }, 'wechat pay refund notification refused');
          const status = code === 'PAYMENT_SIGNATURE_INVALID' ? 401 : code === 'INTERNAL' ? 500 : 400;
          return reply.status(status).send({ code: 'FAIL', message: '失败' });
        }
        return reply.status(204).send();
      },
    );
  });
}
