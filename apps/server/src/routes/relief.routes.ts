import {
  CategoryParam,
  FileReliefBody,
  HardshipBody,
  HardshipFile,
  HardshipListQuery,
  HardshipPage,
  HardshipReviewBody,
  IdParam,
  PublishReliefCategoryBody,
  ReasonBody,
  ReliefApplication,
  ReliefBatch,
  ReliefBatchBody,
  ReliefBatchDecisionBody,
  ReliefBatchListQuery,
  ReliefBatchPage,
  ReliefCategoryList,
  ReliefDecisionBody,
  ReliefEstimate,
  ReliefEstimateBody,
  ReliefListQuery,
  ReliefPage,
  ReliefReport,
  ReliefReportQuery,
  ReliefReviewBody,
  ReliefSettingsBody,
} from '@huzhu/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { StagedFile } from '../adapters/file-storage.ts';
import { AppError } from '../errors.ts';
import { MATERIAL_MAX_BYTES } from '../services/claim-materials.service.ts';
import { sendWorkbook } from './report.routes.ts';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

const tags = ['relief'];

/** Relief and condolence (api.md "Relief, outreach and the national view"). */
export function reliefRoutes(app: FastifyInstance, { services }: RouteDeps) {
  const r = typed(app);
  const relief = services.relief;
  const admin = services.reliefAdmin;

  r.post(
    '/relief',
    { config: { auth: 'relief.create' }, schema: { tags, body: FileReliefBody, response: { 201: ReliefApplication } } },
    async (req, reply) => reply.status(201).send(await relief.file(actorOf(req), req.body)),
  );
  r.post(
    '/relief/estimate',
    {
      config: { auth: 'relief.create' },
      schema: { tags, body: ReliefEstimateBody, response: { 200: ReliefEstimate } },
    },
    (req) => relief.estimate(actorOf(req), req.body.memberId, req.body.claim),
  );
  r.get(
    '/relief',
    { config: { auth: 'relief.read' }, schema: { tags, querystring: ReliefListQuery, response: { 200: ReliefPage } } },
    (req) => relief.list(actorOf(req), req.query),
  );
  r.get(
    '/relief/:id',
    { config: { auth: 'relief.read' }, schema: { tags, params: IdParam, response: { 200: ReliefApplication } } },
    (req) => relief.get(actorOf(req), req.params.id),
  );
  r.post(
    '/relief/:id/review',
    {
      config: { auth: 'relief.review' },
      schema: { tags, params: IdParam, body: ReliefReviewBody, response: { 200: ReliefApplication } },
    },
    (req) => relief.review(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/relief/:id/decision',
    {
      config: { auth: 'relief.decide' },
      schema: { tags, params: IdParam, body: ReliefDecisionBody, response: { 200: ReliefApplication } },
    },
    (req) => relief.decide(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/relief/:id/resubmit',
    { config: { auth: 'relief.create' }, schema: { tags, params: IdParam, response: { 200: ReliefApplication } } },
    (req) => relief.resubmit(actorOf(req), req.params.id),
  );
  r.post(
    '/relief/:id/confirm',
    { config: { auth: 'relief.review' }, schema: { tags, params: IdParam, response: { 200: ReliefApplication } } },
    (req) => relief.confirm(actorOf(req), req.params.id),
  );
  r.post(
    '/relief/:id/dismiss',
    {
      config: { auth: 'relief.review' },
      schema: { tags, params: IdParam, body: ReasonBody, response: { 200: ReliefApplication } },
    },
    (req) => relief.dismiss(actorOf(req), req.params.id, req.body.reason),
  );
  r.get(
    '/claims/:id/relief',
    {
      config: { auth: 'claim.read' },
      schema: {
        tags,
        params: IdParam,
        response: {
          200: z.array(z.object({ id: z.string(), number: z.string(), status: z.string(), category: z.string() })),
        },
      },
    },
    (req) => relief.ofClaim(actorOf(req), req.params.id),
  );

  // ---------- materials (shared with the one-stop claims) ----------
  const ReliefMaterialAnswer = z.object({
    slot: z.number().int(),
    mimeType: z.string(),
    sizeBytes: z.number().int(),
    originalName: z.string(),
    uploadedAt: z.string(),
    claimIds: z.array(z.string()),
  });
  r.post(
    '/relief/:id/materials',
    {
      config: { auth: 'relief.create' },
      schema: { tags, params: IdParam, consumes: ['multipart/form-data'], response: { 201: ReliefMaterialAnswer } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const materials = services.reliefMaterials;
      await materials.checkUpload(actor, req.params.id);
      if (!req.isMultipart())
        throw new AppError('VALIDATION_FAILED', { field: 'file', message: '请以 multipart/form-data 上传文件' });
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
    '/relief/:id/materials',
    {
      config: { auth: 'relief.read' },
      schema: {
        tags,
        params: IdParam,
        response: { 200: z.array(ReliefMaterialAnswer.omit({ claimIds: true }).extend({ id: z.string() })) },
      },
    },
    (req) => services.reliefMaterials.list(actorOf(req), req.params.id),
  );

  // ---------- categories ----------
  r.get(
    '/relief-categories',
    { config: { auth: 'relief.read' }, schema: { tags, response: { 200: ReliefCategoryList } } },
    (req) => admin.categories(actorOf(req)),
  );
  r.put(
    '/relief-categories/:code',
    {
      config: { auth: 'relief.manage' },
      schema: { tags, params: CategoryParam, body: PublishReliefCategoryBody, response: { 200: ReliefCategoryList } },
    },
    (req) => admin.publishCategory(actorOf(req), req.params.code, req.body),
  );
  r.put(
    '/relief-settings',
    {
      config: { auth: 'relief.manage' },
      schema: { tags, body: ReliefSettingsBody, response: { 200: ReliefCategoryList } },
    },
    (req) => admin.setYearCap(actorOf(req), req.body.yearCapFen),
  );

  // ---------- holiday batches ----------
  r.post(
    '/relief-batches',
    { config: { auth: 'relief.manage' }, schema: { tags, body: ReliefBatchBody, response: { 201: ReliefBatch } } },
    async (req, reply) => reply.status(201).send(await admin.createBatch(actorOf(req), req.body)),
  );
  r.get(
    '/relief-batches',
    {
      config: { auth: 'relief.read' },
      schema: { tags, querystring: ReliefBatchListQuery, response: { 200: ReliefBatchPage } },
    },
    (req) => admin.batches(actorOf(req), req.query.page, req.query.pageSize, req.query.q),
  );
  r.post(
    '/relief-batches/:id/decision',
    {
      config: { auth: 'relief.decide' },
      schema: { tags, params: IdParam, body: ReliefBatchDecisionBody, response: { 200: ReliefBatch } },
    },
    (req) => admin.decideBatch(actorOf(req), req.params.id, req.body.decision, req.body.reason),
  );

  // ---------- hardship files ----------
  r.post(
    '/hardship-files',
    { config: { auth: 'relief.review' }, schema: { tags, body: HardshipBody, response: { 201: HardshipFile } } },
    async (req, reply) => reply.status(201).send(await admin.openHardship(actorOf(req), req.body)),
  );
  r.get(
    '/hardship-files',
    {
      config: { auth: 'relief.read' },
      schema: { tags, querystring: HardshipListQuery, response: { 200: HardshipPage } },
    },
    (req) => admin.hardshipFiles(actorOf(req), req.query),
  );
  r.post(
    '/hardship-files/:id/review',
    {
      config: { auth: 'relief.review' },
      schema: { tags, params: IdParam, body: HardshipReviewBody, response: { 200: HardshipFile } },
    },
    (req) => admin.reviewHardship(actorOf(req), req.params.id, req.body),
  );

  // ---------- report ----------
  r.get(
    '/reports/relief',
    {
      config: { auth: 'report.read' },
      schema: { tags: ['reports'], querystring: ReliefReportQuery, response: { 200: ReliefReport } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (req.query.format === 'xlsx')
        return sendWorkbook(reply, await services.reliefReport.workbook(actor, req.query));
      return services.reliefReport.report(actor, req.query);
    },
  );
}
