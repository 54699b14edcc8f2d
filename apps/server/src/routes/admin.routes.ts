import {
  ApiTokenListQuery,
  ApiTokenPage,
  AuditPage,
  AuditQuery,
  CreateApiTokenBody,
  CreatedApiToken,
  CreateUserBody,
  IdParam,
  type Role,
  SecurityAlertList,
  SecurityAlertQuery,
  UpdateUserBody,
  User,
  UserListQuery,
  UserPage,
} from '@huzhu/core';
import type { FastifyInstance } from 'fastify';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

export function adminRoutes(app: FastifyInstance, { services }: RouteDeps) {
  const r = typed(app);
  r.get(
    '/users',
    {
      config: { auth: 'user.manage' },
      schema: { tags: ['admin'], querystring: UserListQuery, response: { 200: UserPage } },
    },
    (req) => services.admin.listUsers(actorOf(req), req.query),
  );
  r.get(
    '/security-alerts',
    {
      config: { auth: 'user.manage' },
      schema: { tags: ['admin'], querystring: SecurityAlertQuery, response: { 200: SecurityAlertList } },
    },
    (req) => services.admin.securityAlerts(actorOf(req), req.query),
  );
  r.post(
    '/users',
    { config: { auth: 'user.manage' }, schema: { tags: ['admin'], body: CreateUserBody, response: { 201: User } } },
    async (req, reply) => reply.status(201).send(await services.admin.createUser(actorOf(req), req.body)),
  );
  r.patch(
    '/users/:id',
    {
      config: { auth: 'user.manage' },
      schema: { tags: ['admin'], params: IdParam, body: UpdateUserBody, response: { 200: User } },
    },
    (req) => services.admin.updateUser(actorOf(req), req.params.id, req.body),
  );
  r.get(
    '/api-tokens',
    {
      config: { auth: 'token.manage' },
      schema: { tags: ['admin'], querystring: ApiTokenListQuery, response: { 200: ApiTokenPage } },
    },
    (req) => services.admin.listTokens(actorOf(req), req.query),
  );
  r.post(
    '/api-tokens',
    {
      config: { auth: 'token.manage' },
      schema: { tags: ['admin'], body: CreateApiTokenBody, response: { 201: CreatedApiToken } },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await services.admin.createToken(actorOf(req), { ...req.body, role: req.body.role as Role })),
  );
  r.delete(
    '/api-tokens/:id',
    { config: { auth: 'token.manage' }, schema: { tags: ['admin'], params: IdParam } },
    async (req, reply) => {
      await services.admin.revokeToken(actorOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  r.get(
    '/audit',
    {
      config: { auth: 'audit.read' },
      schema: { tags: ['admin'], querystring: AuditQuery, response: { 200: AuditPage } },
    },
    (req) => services.admin.listAudit(actorOf(req), req.query),
  );
}
