import {
  AnswerComplaintBody,
  Complaint,
  ComplaintListQuery,
  ComplaintPage,
  FileComplaintBody,
  IdParam,
  MemberComplaintBody,
  Paging,
} from '@huzhu/core';
import type { FastifyInstance } from 'fastify';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

const tags = ['complaints'];

/** Complaints and feedback (意见与投诉): staff in the console, the member in the app (their own only). */
export function complaintRoutes(app: FastifyInstance, { services }: RouteDeps) {
  const r = typed(app);
  const complaints = services.complaints;

  r.post(
    '/complaints',
    { config: { auth: 'complaint.create' }, schema: { tags, body: FileComplaintBody, response: { 201: Complaint } } },
    async (req, reply) => reply.status(201).send(await complaints.file(actorOf(req), req.body)),
  );
  r.get(
    '/complaints',
    {
      config: { auth: 'complaint.read' },
      schema: { tags, querystring: ComplaintListQuery, response: { 200: ComplaintPage } },
    },
    (req) => complaints.list(actorOf(req), req.query),
  );
  r.get(
    '/complaints/:id',
    { config: { auth: 'complaint.read' }, schema: { tags, params: IdParam, response: { 200: Complaint } } },
    (req) => complaints.get(actorOf(req), req.params.id),
  );
  r.post(
    '/complaints/:id/answer',
    {
      config: { auth: 'complaint.answer' },
      schema: { tags, params: IdParam, body: AnswerComplaintBody, response: { 200: Complaint } },
    },
    (req) => complaints.answer(actorOf(req), req.params.id, req.body.answer),
  );

  r.post(
    '/m/complaints',
    { config: { auth: 'member' }, schema: { tags, body: MemberComplaintBody, response: { 201: Complaint } } },
    async (req, reply) => reply.status(201).send(await complaints.fileMine(actorOf(req), req.body)),
  );
  r.get(
    '/m/complaints',
    { config: { auth: 'member' }, schema: { tags, querystring: Paging, response: { 200: ComplaintPage } } },
    (req) => complaints.listMine(actorOf(req), req.query),
  );
  r.get(
    '/m/complaints/:id',
    { config: { auth: 'member' }, schema: { tags, params: IdParam, response: { 200: Complaint } } },
    (req) => complaints.getMine(actorOf(req), req.params.id),
  );
}
