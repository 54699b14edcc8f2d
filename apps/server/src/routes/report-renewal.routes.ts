import { ExpiringPage, ExpiringQuery, RenewalQuery, RenewalReport } from '@huzhu/core';
import type { FastifyInstance } from 'fastify';
import { sendWorkbook } from './report.routes.ts';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

const tags = ['reports'];

export function reportRenewalRoutes(app: FastifyInstance, { services }: RouteDeps) {
  const r = typed(app);
  r.get(
    '/reports/renewal',
    {
      config: { auth: 'report.read' },
      schema: {
        tags,
        querystring: RenewalQuery,
        response: { 200: RenewalReport },
        description: 'format=xlsx answers the same report as a workbook (by product, by employment kind, both)',
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (req.query.format === 'xlsx')
        return sendWorkbook(reply, await services.renewalReports.reportWorkbook(actor, req.query));
      return services.renewalReports.report(actor, req.query);
    },
  );
  r.get(
    '/reports/renewal/expiring',
    {
      config: { auth: 'report.read' },
      schema: {
        tags,
        querystring: ExpiringQuery,
        response: { 200: ExpiringPage },
        description: 'Policies ending today..today+days; format=xlsx lists them all (not one page)',
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (req.query.format === 'xlsx')
        return sendWorkbook(reply, await services.renewalReports.expiringWorkbook(actor, req.query));
      return services.renewalReports.expiring(actor, req.query);
    },
  );
}
