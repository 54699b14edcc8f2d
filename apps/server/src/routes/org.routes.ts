import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Agency, CreateUnitBody, IdParam, RegistryImportResult, Unit, UnitListQuery, UnitPage } from '@huzhu/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../http/app-error.ts';
import { newId } from '../ids.ts';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

/** Streams the multipart `file` field to a temporary file; the size limit is enforced while streaming. */
export async function receiveUpload(req: FastifyRequest, tmpDir: string) {
  const part = await req.file();
  if (!part || part.fieldname !== 'file') throw new AppError('VALIDATION_FAILED', { field: 'file', message: '缺少上传文件' });
  fs.mkdirSync(tmpDir, { recursive: true });
  const file = path.join(tmpDir, `${newId()}.upload`);
  await pipeline(part.file, fs.createWriteStream(file));
  if (part.file.truncated) {
    fs.rmSync(file, { force: true });
    throw new AppError('PAYLOAD_TOO_LARGE');
  }
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(part.fields)) {
    const f = v as { type?: string; value?: unknown } | undefined;
    if (f && f.type === 'field' && typeof f.value === 'string') fields[k] = f.value;
  }
  return { file, fileName: part.filename || 'upload', fields, cleanup: () => fs.rmSync(file, { force: true }) };
}

export function orgRoutes(app: FastifyInstance, { services }: RouteDeps, opts: { tmpDir?: string } = {}) {
  const r = typed(app);
  const tmpDir = opts.tmpDir ?? path.join(os.tmpdir(), 'huzhu-uploads');

  r.get(
    '/agencies',
    { config: { auth: 'agency.read' }, schema: { tags: ['organisation'], response: { 200: z.array(Agency) } } },
    (req) => services.org.listAgencies(actorOf(req)),
  );

  r.get(
    '/units',
    { config: { auth: 'unit.read' }, schema: { tags: ['organisation'], querystring: UnitListQuery, response: { 200: UnitPage } } },
    (req) => services.org.listUnits(actorOf(req), req.query),
  );

  r.get(
    '/units/:id',
    { config: { auth: 'unit.read' }, schema: { tags: ['organisation'], params: IdParam, response: { 200: Unit } } },
    (req) => services.org.getUnit(actorOf(req), req.params.id),
  );

  r.post(
    '/units',
    { config: { auth: 'unit.write' }, schema: { tags: ['organisation'], body: CreateUnitBody, response: { 201: Unit } } },
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
    async (req, reply) => {
      const upload = await receiveUpload(req, tmpDir);
      try {
        return reply.status(201).send(await services.registry.importFile(actorOf(req), upload.file, upload.fileName));
      } finally {
        upload.cleanup();
      }
    },
  );
}
