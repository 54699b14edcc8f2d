import os from 'node:os';
import path from 'node:path';
import {
  AgencyListQuery,
  AgencyPage,
  CreateUnitBody,
  IdParam,
  RegistryImportResult,
  Unit,
  UnitListQuery,
  UnitPage,
} from '@huzhu/core';
import type { FastifyInstance } from 'fastify';
import { withImportUpload } from '../http/upload.ts';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

export function orgRoutes(app: FastifyInstance, { services }: RouteDeps, opts: { tmpDir?: string } = {}) {
  const r = typed(app);
  const tmpDir = opts.tmpDir ?? path.join(os.tmpdir(), 'huzhu-uploads');

  r.get(
    '/agencies',
    {
      config: { auth: 'agency.read' },
      schema: { tags: ['organisation'], querystring: AgencyListQuery, response: { 200: AgencyPage } },
    },
    (req) => services.org.listAgencies(actorOf(req), req.query),
  );

  r.get(
    '/units',
    {
      config: { auth: 'unit.read' },
      schema: { tags: ['organisation'], querystring: UnitListQuery, response: { 200: UnitPage } },
    },
    (req) => services.org.listUnits(actorOf(req), req.query),
  );

  r.get(
    '/units/:id',
    { config: { auth: 'unit.read' }, schema: { tags: ['organisation'], params: IdParam, response: { 200: Unit } } },
    (req) => services.org.getUnit(actorOf(req), req.params.id),
  );

  r.post(
    '/units',
    {
      config: { auth: 'unit.write' },
      schema: { tags: ['organisation'], body: CreateUnitBody, response: { 201: Unit } },
    },
    async (req, reply) => reply.status(201).send(await services.org.createUnit(actorOf(req), req.body)),
  );

  r.get(
    '/registry-imports/template',
    { config: { auth: 'unit.import' }, schema: { tags: ['organisation'] } },
    async (_req, reply) => {
      const buf = await services.registry.template();
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('工会组织名册模板.xlsx')}`)
        .send(buf);
    },
  );

  r.post(
    '/registry-imports',
    {
      config: { auth: 'unit.import' },
      schema: { tags: ['organisation'], consumes: ['multipart/form-data'], response: { 201: RegistryImportResult } },
    },
    // A client that goes away before the answer cancels the import (nothing stored), as the roster import does.
    (req, reply) =>
      withImportUpload(req, reply, tmpDir, async (upload) =>
        reply
          .status(201)
          .send(await services.registry.importFile(actorOf(req), upload.file, upload.fileName, upload.gone)),
      ),
  );
}
