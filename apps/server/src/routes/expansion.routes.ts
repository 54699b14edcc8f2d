import {
  AssignTargetsBody,
  ContactBody,
  ExpansionCandidatePage,
  ExpansionCandidateQuery,
  ExpansionReport,
  ExpansionReportQuery,
  ExpansionTarget,
  ExpansionTargetPage,
  IdParam,
  TargetListQuery,
} from '@huzhu/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sendWorkbook } from './report.routes.ts';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

const tags = ['expansion'];
const auth = 'expansion.manage' as const;

/** Targeted expansion (精准扩面): candidates, target units and their contact log, and the campaign report. */
export function expansionRoutes(app: FastifyInstance, { services }: RouteDeps) {
  const r = typed(app);
  const expansion = services.expansion;

  r.get(
    '/expansion/candidates',
    {
      config: { auth },
      schema: { tags, querystring: ExpansionCandidateQuery, response: { 200: ExpansionCandidatePage } },
    },
    (req) => expansion.candidates(actorOf(req), req.query),
  );
  r.post(
    '/expansion/targets',
    {
      config: { auth },
      schema: {
        tags,
        body: AssignTargetsBody,
        response: { 201: z.object({ created: z.number().int(), ids: z.array(z.string()) }) },
      },
    },
    async (req, reply) => reply.status(201).send(await expansion.assign(actorOf(req), req.body)),
  );
  r.get(
    '/expansion/targets',
    { config: { auth }, schema: { tags, querystring: TargetListQuery, response: { 200: ExpansionTargetPage } } },
    (req) => expansion.targets(actorOf(req), req.query),
  );
  r.get(
    '/expansion/assignees',
    {
      config: { auth },
      schema: {
        tags,
        querystring: z.object({ agencyId: z.string().min(1).max(64).optional() }),
        response: { 200: z.array(z.object({ id: z.string(), name: z.string(), agencyId: z.string().nullable() })) },
      },
    },
    (req) => expansion.assignees(actorOf(req), req.query.agencyId),
  );
  r.get(
    '/expansion/targets/:id',
    { config: { auth }, schema: { tags, params: IdParam, response: { 200: ExpansionTarget } } },
    (req) => expansion.get(actorOf(req), req.params.id),
  );
  r.post(
    '/expansion/targets/:id/contacts',
    { config: { auth }, schema: { tags, params: IdParam, body: ContactBody, response: { 200: ExpansionTarget } } },
    (req) => expansion.contact(actorOf(req), req.params.id, req.body),
  );
  r.get(
    '/reports/expansion',
    {
      config: { auth: 'report.read' },
      schema: {
        tags,
        querystring: ExpansionReportQuery,
        response: { 200: ExpansionReport },
        description: 'format=xlsx answers the same table as a workbook',
      },
    },
    async (req, reply) => {
      if (req.query.format === 'xlsx')
        return sendWorkbook(reply, await expansion.reportWorkbook(actorOf(req), req.query));
      return expansion.report(actorOf(req), req.query);
    },
  );
}
