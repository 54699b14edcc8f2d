import os from 'node:os';
import path from 'node:path';
import {
  GiftCampaign,
  GiftCampaignBody,
  GiftCampaignList,
  GiftCampaignListQuery,
  GiftCampaignPatch,
  GiftGrantResult,
  IdParam,
} from '@huzhu/core';
import type { FastifyInstance } from 'fastify';
import { writeWorkbook } from '../adapters/spreadsheet.ts';
import { withImportUpload } from '../http/upload.ts';
import { giftRosterColumns } from '../services/gift-campaign.service.ts';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

const tags = ['gift campaigns'];

/**
 * Gift cover campaigns (api.md `POST /gift-campaigns`, `GET /gift-campaigns/:id`, `POST /gift-campaigns/:id/grants`):
 * the office manages them (`gift.manage`); the office and agency staff read them and grant gifts from a roster
 * (`gift.grant`). Workers claim in the member app through `POST /m/enrolments` with `giftCampaignId`.
 */
export function giftCampaignRoutes(app: FastifyInstance, { services }: RouteDeps, opts: { tmpDir?: string } = {}) {
  const r = typed(app);
  const tmpDir = opts.tmpDir ?? path.join(os.tmpdir(), 'huzhu-uploads');

  r.post(
    '/gift-campaigns',
    { config: { auth: 'gift.manage' }, schema: { tags, body: GiftCampaignBody, response: { 201: GiftCampaign } } },
    async (req, reply) => reply.status(201).send(await services.giftCampaigns.create(actorOf(req), req.body)),
  );
  r.get(
    '/gift-campaigns',
    {
      config: { auth: 'gift.grant' },
      schema: { tags, querystring: GiftCampaignListQuery, response: { 200: GiftCampaignList } },
    },
    (req) => services.giftCampaigns.list(actorOf(req), req.query),
  );
  r.get(
    '/gift-campaigns/grant-template',
    { config: { auth: 'gift.grant' }, schema: { tags, description: 'The xlsx roster template for bulk gifts' } },
    async (_req, reply) => {
      const body = await writeWorkbook('赠险名单', Object.values(giftRosterColumns), [], { textColumns: [2, 3] });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('赠险名单模板.xlsx')}`)
        .send(body);
    },
  );
  r.get(
    '/gift-campaigns/:id',
    { config: { auth: 'gift.grant' }, schema: { tags, params: IdParam, response: { 200: GiftCampaign } } },
    (req) => services.giftCampaigns.get(actorOf(req), req.params.id),
  );
  r.patch(
    '/gift-campaigns/:id',
    {
      config: { auth: 'gift.manage' },
      schema: { tags, params: IdParam, body: GiftCampaignPatch, response: { 200: GiftCampaign } },
    },
    (req) => services.giftCampaigns.update(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/gift-campaigns/:id/close',
    { config: { auth: 'gift.manage' }, schema: { tags, params: IdParam, response: { 200: GiftCampaign } } },
    (req) => services.giftCampaigns.close(actorOf(req), req.params.id),
  );
  r.post(
    '/gift-campaigns/:id/grants',
    {
      config: { auth: 'gift.grant' },
      schema: {
        tags,
        params: IdParam,
        consumes: ['multipart/form-data'],
        response: { 201: GiftGrantResult },
        description: 'multipart: file (xlsx/csv: 姓名, 身份证号, 手机号?, 职业?), agencyId? (office only)',
      },
    },
    async (req, reply) => {
      // The client hanging up stops the grants between rows (each row granted is whole); the temp file goes.
      const result = await withImportUpload(req, reply, tmpDir, (upload) =>
        services.giftCampaigns.grantRoster(
          actorOf(req),
          req.params.id,
          upload.file,
          upload.fileName,
          upload.fields,
          upload.gone,
        ),
      );
      return reply.status(201).send(result);
    },
  );
}
