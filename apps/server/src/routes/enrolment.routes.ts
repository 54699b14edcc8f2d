import os from 'node:os';
import path from 'node:path';
import {
  ApproveBatchBody,
  Batch,
  BatchIssuePage,
  BatchItemPage,
  BatchListQuery,
  BatchPage,
  Certificate,
  CertificateCheck,
  CoverageQuery,
  IdParam,
  Paging,
  PaymentBody,
  Policy,
  PolicyPage,
  RenewalBody,
  ReturnBatchBody,
  RosterImportFields,
  UnitCoverage,
} from '@huzhu/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { withImportUpload } from '../http/upload.ts';
import { toBatch } from '../services/enrolment-batch.service.ts';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

/** A member's policies answered as one array (api.md): one per product and year, far below this. */
const MEMBER_POLICIES_MAX = 500;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
const idempotencyKey = (h: unknown) => (typeof h === 'string' && h.length > 0 && h.length <= 100 ? h : undefined);

export function enrolmentRoutes(app: FastifyInstance, { services }: RouteDeps, opts: { tmpDir?: string } = {}) {
  const r = typed(app);
  const tmpDir = opts.tmpDir ?? path.join(os.tmpdir(), 'huzhu-uploads');

  r.get(
    '/roster-imports/template',
    { config: { auth: 'batch.create' }, schema: { tags: ['enrolment'] } },
    async (_req, reply) =>
      reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment('参保花名册模板.xlsx'))
        .send(await services.rosters.template()),
  );

  r.post(
    '/units/:id/roster-imports',
    {
      config: { auth: 'batch.create' },
      schema: { tags: ['enrolment'], params: IdParam, consumes: ['multipart/form-data'], response: { 201: Batch } },
    },
    async (req, reply) => {
      // A client that goes away before the answer cancels the import (its worker stops, nothing is stored).
      return withImportUpload(req, reply, tmpDir, async (upload) => {
        const fields = RosterImportFields.safeParse(upload.fields);
        if (!fields.success)
          throw new AppError(
            'VALIDATION_FAILED',
            fields.error.issues.map((i) => ({ where: 'body', path: i.path.join('.'), message: i.message })),
          );
        const batch = await services.rosters.importRoster(actorOf(req), {
          unitId: req.params.id,
          ...fields.data,
          file: upload.file,
          fileName: upload.fileName,
          idempotencyKey: idempotencyKey(req.headers['idempotency-key']),
          signal: upload.gone,
        });
        return reply.status(201).send(toBatch(batch));
      });
    },
  );

  r.get(
    '/enrolment-batches',
    {
      config: { auth: 'batch.read' },
      schema: { tags: ['enrolment'], querystring: BatchListQuery, response: { 200: BatchPage } },
    },
    (req) => services.batches.list(actorOf(req), req.query),
  );
  r.get(
    '/enrolment-batches/:id',
    { config: { auth: 'batch.read' }, schema: { tags: ['enrolment'], params: IdParam, response: { 200: Batch } } },
    (req) => services.batches.get(actorOf(req), req.params.id),
  );
  r.get(
    '/enrolment-batches/:id/items',
    {
      config: { auth: 'batch.read' },
      schema: { tags: ['enrolment'], params: IdParam, querystring: Paging, response: { 200: BatchItemPage } },
    },
    (req) => services.batches.items(actorOf(req), req.params.id, req.query.page, req.query.pageSize),
  );
  r.get(
    '/enrolment-batches/:id/issues',
    {
      config: { auth: 'batch.read' },
      schema: { tags: ['enrolment'], params: IdParam, querystring: Paging, response: { 200: BatchIssuePage } },
    },
    (req) => services.batches.issues(actorOf(req), req.params.id, req.query.page, req.query.pageSize),
  );
  r.get(
    '/enrolment-batches/:id/errors.xlsx',
    { config: { auth: 'batch.read' }, schema: { tags: ['enrolment'], params: IdParam } },
    async (req, reply) => {
      const batch = await services.batches.getRow(actorOf(req), req.params.id);
      // Names and ID numbers of the refused rows: never kept by a browser or proxy cache.
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment(`花名册错误明细-${batch.id.slice(-6)}.xlsx`))
        .header('cache-control', 'private, no-store')
        .send(await services.rosters.errorReport(batch));
    },
  );
  r.post(
    '/enrolment-batches/:id/submit',
    { config: { auth: 'batch.create' }, schema: { tags: ['enrolment'], params: IdParam, response: { 200: Batch } } },
    (req) => services.batches.submit(actorOf(req), req.params.id),
  );
  r.post(
    '/enrolment-batches/:id/approve',
    {
      config: { auth: 'batch.approve' },
      schema: { tags: ['enrolment'], params: IdParam, body: ApproveBatchBody.optional(), response: { 200: Batch } },
    },
    (req) => services.batches.approve(actorOf(req), req.params.id, req.body?.note),
  );
  r.post(
    '/enrolment-batches/:id/return',
    {
      config: { auth: 'batch.approve' },
      schema: { tags: ['enrolment'], params: IdParam, body: ReturnBatchBody, response: { 200: Batch } },
    },
    (req) => services.batches.return(actorOf(req), req.params.id, req.body.reason),
  );
  r.post(
    '/enrolment-batches/:id/payments',
    {
      config: { auth: 'batch.pay' },
      schema: { tags: ['enrolment'], params: IdParam, body: PaymentBody, response: { 200: Batch } },
    },
    (req) => services.batches.pay(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/units/:id/renewals',
    {
      config: { auth: 'batch.create' },
      schema: { tags: ['enrolment'], params: IdParam, body: RenewalBody, response: { 201: Batch } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await services.renewals.renew(
        actor,
        req.params.id,
        req.body.productCode,
        idempotencyKey(req.headers['idempotency-key']),
      );
      return reply.status(201).send(await services.batches.get(actor, id));
    },
  );

  r.get(
    '/units/:id/coverage',
    {
      config: { auth: 'policy.read' },
      schema: { tags: ['enrolment'], params: IdParam, querystring: CoverageQuery, response: { 200: UnitCoverage } },
    },
    (req) => services.policies.unitCoverage(actorOf(req), req.params.id, req.query),
  );
  r.get(
    '/policies/:id/certificate',
    {
      config: { auth: 'policy.read' },
      schema: { tags: ['enrolment'], params: IdParam, response: { 200: Certificate } },
    },
    (req) => services.policies.certificate(actorOf(req), req.params.id, `${req.protocol}://${req.host}`),
  );
  r.get(
    '/public/certificates/:code',
    {
      config: { auth: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['enrolment'],
        params: z.object({ code: z.string().min(1).max(64) }),
        response: { 200: CertificateCheck },
      },
    },
    (req) => services.policies.verify(req.params.code),
  );
  r.get(
    '/members/:id/policies',
    {
      config: { auth: 'member.read' },
      schema: {
        tags: ['members'],
        params: IdParam,
        querystring: Paging,
        response: { 200: z.union([z.array(Policy), PolicyPage]) },
        description:
          'Without page/pageSize: the array api.md documents (every policy of the member, at most 500 — a member holds one per product and year); with either: a page { items, total, page, pageSize }.',
      },
    },
    async (req) => {
      const query = new URLSearchParams(req.raw.url?.split('?')[1] ?? '');
      const paged = query.has('page') || query.has('pageSize');
      const result = await services.policies.forMember(
        actorOf(req),
        req.params.id,
        paged ? req.query : { page: 1, pageSize: MEMBER_POLICIES_MAX },
      );
      return paged ? result : result.items;
    },
  );
}
