import { ClaimMaterial, IdParam } from '@huzhu/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { StagedFile } from '../adapters/file-storage.ts';
import { AppError } from '../errors.ts';
import { MATERIAL_MAX_BYTES } from '../services/claim-materials.service.ts';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

const tags = ['claims'];

export function claimMaterialRoutes(app: FastifyInstance, { services }: RouteDeps) {
  const r = typed(app);
  const materials = services.claimMaterials;

  r.post(
    '/claims/:id/materials',
    {
      config: { auth: 'claim.create' },
      schema: { tags, params: IdParam, consumes: ['multipart/form-data'], response: { 201: ClaimMaterial } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      await materials.checkUpload(actor, req.params.id);
      if (!req.isMultipart())
        throw new AppError('VALIDATION_FAILED', { field: 'file', message: '请以 multipart/form-data 上传文件' });
      // The file is streamed into storage as it arrives (never held in memory); the slot may come before or after it.
      let staged: StagedFile | null = null;
      let fileName = 'upload';
      const fields: Record<string, string> = {};
      try {
        for await (const part of req.parts({ limits: { fileSize: MATERIAL_MAX_BYTES, files: 1, fields: 5 } })) {
          if (part.type === 'field') {
            if (typeof part.value === 'string') fields[part.fieldname] = part.value;
          } else if (part.fieldname !== 'file' || staged) {
            part.file.resume();
          } else {
            fileName = part.filename || 'upload';
            staged = await materials.stage(part.file);
            if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', { maxBytes: MATERIAL_MAX_BYTES });
          }
        }
      } catch (e) {
        await (staged as StagedFile | null)?.discard();
        throw e;
      }
      if (!staged) throw new AppError('VALIDATION_FAILED', { field: 'file', message: '缺少上传文件' });
      return reply.status(201).send(await materials.attach(actor, req.params.id, fields.slot, staged, fileName));
    },
  );

  r.get(
    '/claims/:id/materials/:materialId',
    {
      config: { auth: 'claim.read' },
      schema: { tags, params: IdParam.extend({ materialId: z.string().min(1).max(64) }) },
    },
    async (req, reply) => {
      const { material, stream } = await materials.open(actorOf(req), req.params.id, req.params.materialId);
      return reply
        .header('content-type', material.mimeType)
        .header('content-length', material.sizeBytes)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(material.originalName)}`)
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );
}
