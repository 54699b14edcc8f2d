import { ProductListQuery, ProductPage, ProductParams, ProductVersionSchema as ProductVersionOut } from '@huzhu/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

const CodeParam = z.object({ code: z.string().trim().min(1).max(20) });

export function productRoutes(app: FastifyInstance, { services }: RouteDeps) {
  const r = typed(app);
  r.get(
    '/products',
    {
      config: { auth: 'signed-in' },
      schema: { tags: ['products'], querystring: ProductListQuery, response: { 200: ProductPage } },
    },
    (req) => services.products.list(actorOf(req), req.query),
  );
  r.get(
    '/products/:code',
    {
      config: { auth: 'signed-in' },
      schema: { tags: ['products'], params: CodeParam, response: { 200: ProductVersionOut } },
    },
    (req) => services.products.get(actorOf(req), req.params.code),
  );
  r.get(
    '/products/:code/versions',
    {
      config: { auth: 'signed-in' },
      schema: { tags: ['products'], params: CodeParam, response: { 200: z.array(ProductVersionOut) } },
    },
    (req) => services.products.versions(actorOf(req), req.params.code),
  );
  r.post(
    '/products/:code/versions',
    {
      config: { auth: 'product.manage' },
      schema: { tags: ['products'], params: CodeParam, body: ProductParams, response: { 201: ProductVersionOut } },
    },
    async (req, reply) =>
      reply.status(201).send(await services.products.publish(actorOf(req), req.params.code, req.body)),
  );
}
