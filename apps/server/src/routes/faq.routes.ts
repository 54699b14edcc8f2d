import { FaqBody, FaqEntry, FaqList, IdParam } from '@huzhu/core';
import type { FastifyInstance } from 'fastify';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

const tags = ['faq'];

/** 政策问答 in the console (office admins): list every entry, create, edit (publish is a field). */
export function faqRoutes(app: FastifyInstance, { services }: RouteDeps) {
  const r = typed(app);
  r.get('/faq', { config: { auth: 'faq.manage' }, schema: { tags, response: { 200: FaqList } } }, (req) =>
    services.faq.list(actorOf(req)),
  );
  r.post(
    '/faq',
    { config: { auth: 'faq.manage' }, schema: { tags, body: FaqBody, response: { 201: FaqEntry } } },
    async (req, reply) => reply.status(201).send(await services.faq.create(actorOf(req), req.body)),
  );
  r.put(
    '/faq/:id',
    { config: { auth: 'faq.manage' }, schema: { tags, params: IdParam, body: FaqBody, response: { 200: FaqEntry } } },
    (req) => services.faq.update(actorOf(req), req.params.id, req.body),
  );
}
