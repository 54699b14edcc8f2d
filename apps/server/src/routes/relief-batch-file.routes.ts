import os from 'node:os';
import path from 'node:path';
import { ReliefBatch, ReliefBatchFileFields } from '@huzhu/core';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import { receiveUpload } from '../http/upload.ts';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

/**
 * A holiday batch (节日慰问) from a list file: multipart `file` (xlsx/csv/xls/ods; 姓名, 身份证号 per row) with the
 * fields `name` and `eventDate`. 201 with the batch (members left out listed with their row), or 400 with every
 * row's problem and nothing written.
 */
export function reliefBatchFileRoutes(app: FastifyInstance, { services }: RouteDeps, opts: { tmpDir?: string } = {}) {
  const tmpDir = opts.tmpDir ?? path.join(os.tmpdir(), 'huzhu-uploads');
  typed(app).post(
    '/relief-batches/file',
    { config: { auth: 'relief.manage' }, schema: { tags: ['relief'], response: { 201: ReliefBatch } } },
    async (req, reply) => {
      const upload = await receiveUpload(req, tmpDir);
      try {
        const fields = ReliefBatchFileFields.safeParse(upload.fields);
        if (!fields.success)
          throw new AppError(
            'VALIDATION_FAILED',
            fields.error.issues.map((i) => ({ where: 'body', path: i.path.join('.'), message: i.message })),
          );
        const batch = await services.reliefBatchFile.create(actorOf(req), upload.file, upload.fileName, fields.data);
        return reply.status(201).send(batch);
      } finally {
        upload.cleanup();
      }
    },
  );
}
