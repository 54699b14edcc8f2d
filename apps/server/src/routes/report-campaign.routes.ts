import {
  Campaign,
  CampaignCreate,
  CampaignListQuery,
  CampaignPage,
  CampaignParams,
  CampaignReport,
  CampaignReportQuery,
  CampaignUpdate,
} from '@huzhu/core';
import type { FastifyInstance } from 'fastify';
import { sendWorkbook } from './report.routes.ts';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

const tags = ['reports'];

export function reportCampaignRoutes(app: FastifyInstance, { services }: RouteDeps) {
  const r = typed(app);
  r.post(
    '/reports/campaigns',
    { config: { auth: 'campaign.manage' }, schema: { tags, body: CampaignCreate, response: { 201: Campaign } } },
    async (req, reply) => reply.status(201).send(await services.campaigns.create(actorOf(req), req.body)),
  );
  r.get(
    '/reports/campaigns',
    {
      config: { auth: 'report.read' },
      schema: { tags, querystring: CampaignListQuery, response: { 200: CampaignPage } },
    },
    (req) => services.campaigns.list(actorOf(req), req.query),
  );
  r.get(
    '/reports/campaigns/:id',
    { config: { auth: 'report.read' }, schema: { tags, params: CampaignParams, response: { 200: Campaign } } },
    (req) => services.campaigns.get(actorOf(req), req.params.id),
  );
  r.patch(
    '/reports/campaigns/:id',
    {
      config: { auth: 'campaign.manage' },
      schema: { tags, params: CampaignParams, body: CampaignUpdate, response: { 200: Campaign } },
    },
    (req) => services.campaigns.update(actorOf(req), req.params.id, req.body),
  );
  r.get(
    '/reports/campaigns/:id/report',
    {
      config: { auth: 'report.read' },
      schema: {
        tags,
        params: CampaignParams,
        querystring: CampaignReportQuery,
        response: { 200: CampaignReport },
        description: 'format=xlsx answers the same table as a workbook',
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (req.query.format === 'xlsx')
        return sendWorkbook(reply, await services.campaigns.reportWorkbook(actor, req.params.id));
      return services.campaigns.report(actor, req.params.id);
    },
  );
}
