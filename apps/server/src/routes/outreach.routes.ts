import {
  IdParam,
  OutreachEvent,
  OutreachEventBody,
  OutreachEventPage,
  OutreachListQuery,
  OutreachReport,
  OutreachReportQuery,
  Training,
  TrainingBody,
  TrainingPage,
} from '@huzhu/core';
import type { FastifyInstance } from 'fastify';
import { sendWorkbook } from './report.routes.ts';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

const tags = ['outreach'];
const auth = 'outreach.manage' as const;

/** Trainings and outreach events (api.md "Relief, outreach and the national view") and the outreach report. */
export function outreachRoutes(app: FastifyInstance, { services }: RouteDeps) {
  const r = typed(app);
  const outreach = services.outreach;

  r.post(
    '/trainings',
    { config: { auth }, schema: { tags, body: TrainingBody, response: { 201: Training } } },
    async (req, reply) => reply.status(201).send(await outreach.createTraining(actorOf(req), req.body)),
  );
  r.get(
    '/trainings',
    { config: { auth }, schema: { tags, querystring: OutreachListQuery, response: { 200: TrainingPage } } },
    (req) => outreach.trainings(actorOf(req), req.query),
  );
  r.delete('/trainings/:id', { config: { auth }, schema: { tags, params: IdParam } }, async (req, reply) => {
    await outreach.deleteTraining(actorOf(req), req.params.id);
    return reply.status(204).send();
  });
  r.post(
    '/outreach-events',
    { config: { auth }, schema: { tags, body: OutreachEventBody, response: { 201: OutreachEvent } } },
    async (req, reply) => reply.status(201).send(await outreach.createEvent(actorOf(req), req.body)),
  );
  r.get(
    '/outreach-events',
    { config: { auth }, schema: { tags, querystring: OutreachListQuery, response: { 200: OutreachEventPage } } },
    (req) => outreach.events(actorOf(req), req.query),
  );
  r.delete('/outreach-events/:id', { config: { auth }, schema: { tags, params: IdParam } }, async (req, reply) => {
    await outreach.deleteEvent(actorOf(req), req.params.id);
    return reply.status(204).send();
  });
  r.get(
    '/reports/outreach',
    {
      config: { auth: 'report.read' },
      schema: {
        tags,
        querystring: OutreachReportQuery,
        response: { 200: OutreachReport },
        description: 'format=xlsx answers the same report as a workbook (per agency, per month)',
      },
    },
    async (req, reply) => {
      if (req.query.format === 'xlsx')
        return sendWorkbook(reply, await outreach.reportWorkbook(actorOf(req), req.query));
      return outreach.report(actorOf(req), req.query);
    },
  );
}
