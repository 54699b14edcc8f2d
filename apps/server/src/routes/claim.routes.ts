import {
  ClaimDecisionBody,
  ClaimDetail,
  ClaimListQuery,
  ClaimQueue,
  FileClaimBody,
  IdParam,
  NoteBody,
  ReasonBody,
} from '@huzhu/core';
import type { FastifyInstance } from 'fastify';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

const tags = ['claims'];

export function claimRoutes(app: FastifyInstance, { services }: RouteDeps) {
  const r = typed(app);

  r.post(
    '/claims',
    { config: { auth: 'claim.create' }, schema: { tags, body: FileClaimBody, response: { 201: ClaimDetail } } },
    async (req, reply) => reply.status(201).send(await services.claimFiling.file(actorOf(req), req.body)),
  );
  r.get(
    '/claims',
    { config: { auth: 'claim.read' }, schema: { tags, querystring: ClaimListQuery, response: { 200: ClaimQueue } } },
    (req) => services.claimQueries.list(actorOf(req), req.query),
  );
  r.get(
    '/claims/:id',
    { config: { auth: 'claim.read' }, schema: { tags, params: IdParam, response: { 200: ClaimDetail } } },
    (req) => services.claimQueries.get(actorOf(req), req.params.id),
  );
  r.post(
    '/claims/:id/precheck',
    {
      config: { auth: 'claim.precheck' },
      schema: { tags, params: IdParam, body: NoteBody.nullish(), response: { 200: ClaimDetail } },
    },
    (req) => services.claimWorkflow.precheck(actorOf(req), req.params.id, req.body?.note),
  );
  r.post(
    '/claims/:id/accept',
    { config: { auth: 'claim.accept' }, schema: { tags, params: IdParam, response: { 200: ClaimDetail } } },
    (req) => services.claimWorkflow.accept(actorOf(req), req.params.id),
  );
  r.post(
    '/claims/:id/return',
    {
      config: { auth: 'claim.accept' },
      schema: { tags, params: IdParam, body: ReasonBody, response: { 200: ClaimDetail } },
    },
    (req) => services.claimWorkflow.return(actorOf(req), req.params.id, req.body.reason),
  );
  r.post(
    '/claims/:id/decision',
    {
      config: { auth: 'claim.decide' },
      schema: { tags, params: IdParam, body: ClaimDecisionBody, response: { 200: ClaimDetail } },
    },
    (req) => services.claimDecisions.decide(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/claims/:id/resubmit',
    {
      config: { auth: 'claim.create' },
      schema: { tags, params: IdParam, body: NoteBody.nullish(), response: { 200: ClaimDetail } },
    },
    (req) => services.claimWorkflow.resubmit(actorOf(req), req.params.id, req.body?.note),
  );
}
