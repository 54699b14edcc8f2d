import {
  CreateMemberBody,
  IdParam,
  isoDate,
  MemberDetail,
  MemberListQuery,
  MemberPage,
  RevealResponse,
} from '@huzhu/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

export function memberRoutes(app: FastifyInstance, { services }: RouteDeps) {
  const r = typed(app);
  r.get(
    '/members',
    {
      config: { auth: 'member.read' },
      schema: { tags: ['members'], querystring: MemberListQuery, response: { 200: MemberPage } },
    },
    (req) => services.members.list(actorOf(req), req.query),
  );
  r.get(
    '/members/:id',
    {
      config: { auth: 'member.read' },
      schema: { tags: ['members'], params: IdParam, response: { 200: MemberDetail } },
    },
    (req) => services.members.get(actorOf(req), req.params.id),
  );
  r.post(
    '/members',
    {
      config: { auth: 'member.write' },
      schema: { tags: ['members'], body: CreateMemberBody, response: { 201: MemberDetail } },
    },
    async (req, reply) => reply.status(201).send(await services.members.create(actorOf(req), req.body)),
  );
  r.post(
    '/members/:id/reveal',
    {
      config: { auth: 'member.reveal' },
      schema: { tags: ['members'], params: IdParam, response: { 200: RevealResponse } },
    },
    (req) => services.members.reveal(actorOf(req), req.params.id),
  );
  r.post(
    '/members/:id/transfer',
    {
      config: { auth: 'member.transfer' },
      schema: {
        tags: ['members'],
        params: IdParam,
        body: z.object({ unitId: z.string().min(1).max(64), fromDate: isoDate }),
        response: { 200: MemberDetail },
      },
    },
    (req) => services.members.transfer(actorOf(req), req.params.id, req.body.unitId, req.body.fromDate),
  );
}
