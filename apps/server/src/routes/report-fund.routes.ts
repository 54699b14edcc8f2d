import { FundHealth, FundHealthQuery } from '@huzhu/core';
import type { FastifyInstance } from 'fastify';
import { sendWorkbook } from './report.routes.ts';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

export function fundReportRoutes(app: FastifyInstance, { services }: RouteDeps) {
  typed(app).get(
    '/reports/fund-health',
    {
      config: { auth: 'report.read' },
      schema: {
        tags: ['reports'],
        querystring: FundHealthQuery,
        response: { 200: FundHealth },
        description: 'format=xlsx answers the same report as a workbook',
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (req.query.format === 'xlsx')
        return sendWorkbook(reply, await services.fundReport.fundHealthWorkbook(actor, req.query));
      return services.fundReport.fundHealth(actor, req.query);
    },
  );
}
