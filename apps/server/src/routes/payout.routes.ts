import os from 'node:os';
import path from 'node:path';
import {
  BankAccount,
  BankAccountBody,
  CreatePayoutBatchBody,
  IdParam,
  PayableClaimPage,
  PayableClaimQuery,
  PayoutBatch,
  PayoutBatchListQuery,
  PayoutFileQuery,
  PayoutItemPage,
  PayoutItemQuery,
  PayoutResultsBody,
  pageOf,
} from '@huzhu/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { withImportUpload } from '../http/upload.ts';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

const tags = ['payouts'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What a bank result file did: the batch after it, and each row's outcome (Excel row number, claim, payee). */
const PayoutResultFileAnswer = z.object({
  batch: PayoutBatch,
  rows: z.array(
    z.object({
      row: z.number().int(),
      claimId: z.string(),
      payeeName: z.string(),
      status: z.enum(['paid', 'failed']),
      reason: z.string().nullable(),
    }),
  ),
});

export function payoutRoutes(app: FastifyInstance, { services }: RouteDeps, opts: { tmpDir?: string } = {}) {
  const r = typed(app);
  const tmpDir = opts.tmpDir ?? path.join(os.tmpdir(), 'huzhu-uploads');

  r.post(
    '/payout-batches',
    {
      config: { auth: 'payout.manage' },
      schema: { tags, body: CreatePayoutBatchBody.optional(), response: { 201: PayoutBatch } },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await services.payoutBatches.create(actorOf(req), req.body?.claimIds, req.body?.reliefIds)),
  );
  r.get(
    '/payout-batches',
    {
      config: { auth: 'payout.manage' },
      schema: { tags, querystring: PayoutBatchListQuery, response: { 200: pageOf(PayoutBatch) } },
    },
    (req) => services.payoutBatches.list(actorOf(req), req.query.page, req.query.pageSize, req.query.q),
  );
  // Approved claims not yet in a batch, paged with totals; ?account=missing lists those waiting for a bank account.
  r.get(
    '/payout-claims',
    {
      config: { auth: 'payout.manage' },
      schema: { tags, querystring: PayableClaimQuery, response: { 200: PayableClaimPage } },
    },
    (req) => services.payoutBatches.payable(actorOf(req), req.query),
  );
  r.get(
    '/payout-batches/:id',
    { config: { auth: 'payout.manage' }, schema: { tags, params: IdParam, response: { 200: PayoutBatch } } },
    (req) => services.payoutBatches.get(actorOf(req), req.params.id),
  );
  // A batch's items paged (the batch itself still carries them all, for callers of the first version).
  r.get(
    '/payout-batches/:id/items',
    {
      config: { auth: 'payout.manage' },
      schema: { tags, params: IdParam, querystring: PayoutItemQuery, response: { 200: PayoutItemPage } },
    },
    (req) => services.payoutBatches.items(actorOf(req), req.params.id, req.query),
  );
  r.get(
    '/payout-batches/:id/file',
    { config: { auth: 'payout.manage' }, schema: { tags, params: IdParam, querystring: PayoutFileQuery } },
    async (req, reply) => {
      const file = await services.payoutBatches.exportFile(actorOf(req), req.params.id, req.query.format);
      return reply
        .header('content-type', req.query.format === 'xlsx' ? XLSX : 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('cache-control', 'private, no-store')
        .send(file.body);
    },
  );
  // The bank's result as JSON rows; multipart `file` is still read here too (answering the batch only) for callers of
  // the first version of this route.
  r.post(
    '/payout-batches/:id/results',
    {
      config: { auth: 'payout.manage' },
      schema: { tags, params: IdParam, body: PayoutResultsBody.nullish(), response: { 200: PayoutBatch } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (!req.isMultipart()) {
        if (!req.body) throw new AppError('VALIDATION_FAILED', { where: 'body', message: '缺少支付结果' });
        return services.payoutResults.apply(actor, req.params.id, req.body);
      }
      return (await resultFile(req, reply, actor, req.params.id)).batch;
    },
  );
  // The bank's result file (multipart `file`, xlsx/csv: 业务参考号, 结果 成功/失败, 原因): per-row outcome, or 400 with
  // every row's problems and nothing applied.
  r.post(
    '/payout-batches/:id/results-file',
    {
      config: { auth: 'payout.manage' },
      schema: { tags, params: IdParam, response: { 200: PayoutResultFileAnswer } },
    },
    (req, reply) => resultFile(req, reply, actorOf(req), req.params.id),
  );
  // A client that goes away before the answer cancels the import (nothing applied), as the roster import does.
  function resultFile(req: FastifyRequest, reply: FastifyReply, actor: ReturnType<typeof actorOf>, batchId: string) {
    return withImportUpload(req, reply, tmpDir, (upload) =>
      services.payoutResults.applyFile(actor, batchId, upload.file, upload.fileName, upload.gone),
    );
  }

  r.patch(
    '/members/:id/bank-account',
    {
      config: { auth: 'member.bank_account' },
      schema: { tags: ['members'], params: IdParam, body: BankAccountBody, response: { 200: BankAccount } },
    },
    (req) => services.payoutAccounts.set(actorOf(req), req.params.id, req.body),
  );
}
