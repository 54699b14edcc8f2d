import { NotificationPage, Paging, SmsOutboxPage, SmsOutboxQuery } from '@huzhu/core';
import type { FastifyInstance } from 'fastify';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

const tags = ['notifications'];

export function claimNotificationRoutes(app: FastifyInstance, { services }: RouteDeps) {
  const r = typed(app);
  r.get(
    '/sms-outbox',
    {
      config: { auth: 'notification.read' },
      schema: { tags, querystring: SmsOutboxQuery, response: { 200: SmsOutboxPage } },
    },
    (req) => services.notifications.outbox(actorOf(req), req.query.page, req.query.pageSize, req.query.status),
  );
  r.get(
    '/notifications',
    { config: { auth: 'claim.read' }, schema: { tags, querystring: Paging, response: { 200: NotificationPage } } },
    (req) => services.notifications.notifications(actorOf(req), req.query.page, req.query.pageSize),
  );
}
