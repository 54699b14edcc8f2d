import { ClaimsOps, ClaimsOpsQuery } from '@huzhu/core';
import type { FastifyInstance } from 'fastify';
import { sendWorkbook } from './report.routes.ts';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

export function claimsReportRoutes(app: FastifyInstance, { services }: RouteDeps) {
  typed(app).get(
    '/reports/claims-operations',
    {
      config: { auth: 'report.read' },
      schema: {
        tags: ['reports'],
        querystring: ClaimsOpsQuery,
        response: { 200: ClaimsOps },
        description: 'format=xlsx answers the same report as a workbook (table, rejection reasons, paid by product)',
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (req.query.format === 'xlsx')
        return sendWorkbook(reply, await services.claimsReport.claimsOpsWorkbook(actor, req.query));
      return services.claimsReport.claimsOps(actor, req.query);
    },
  );
}
