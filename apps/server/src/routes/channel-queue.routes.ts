import { ChannelQueue, IdParam } from '@huzhu/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

/** The on-site service queue of a channel (issue 12 item 2), polled by the clerk's phone or tablet. */
export function channelQueueRoutes(app: FastifyInstance, { services }: RouteDeps) {
  const r = typed(app);
  const origin = (req: FastifyRequest) => `${req.protocol}://${req.host}`;
  r.get(
    '/channels/:id/queue',
    {
      config: { auth: 'channel.manage', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['channels'],
        params: IdParam,
        response: { 200: ChannelQueue },
        description: "Today's people of the channel, each at their step (signed in → covered), the stuck ones marked",
      },
    },
    (req) => services.channelQueue.queue(actorOf(req), req.params.id, origin(req)),
  );
}
