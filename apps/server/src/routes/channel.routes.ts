import {
  ChannelBody,
  ChannelCode,
  ChannelLanding,
  ChannelList,
  ChannelListQuery,
  ChannelReport,
  ChannelReportQuery,
  ChannelRow,
  channelReportSheets,
  IdParam,
} from '@huzhu/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { writeReportWorkbook } from '../adapters/report-workbook.ts';
import { sendWorkbook } from './report.routes.ts';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

const tags = ['channels'];
const auth = 'channel.manage' as const;

/** QR channels (api.md "Member app and gig enrolment"): staff manage them, anyone opens a code's landing page. */
export function channelRoutes(app: FastifyInstance, { services }: RouteDeps) {
  const r = typed(app);
  const origin = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

  r.post(
    '/channels',
    {
      config: { auth },
      schema: {
        tags,
        body: ChannelBody,
        response: { 201: z.object({ id: z.string(), code: z.string(), url: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await services.channels.create(actorOf(req), req.body, origin(req))),
  );
  r.get(
    '/channels',
    { config: { auth }, schema: { tags, querystring: ChannelListQuery, response: { 200: ChannelList } } },
    (req) => services.channels.list(actorOf(req), req.query, origin(req)),
  );
  r.get(
    '/channels/:id',
    { config: { auth }, schema: { tags, params: IdParam, response: { 200: ChannelRow } } },
    (req) => services.channels.get(actorOf(req), req.params.id, origin(req)),
  );
  r.post(
    '/channels/:id/close',
    { config: { auth }, schema: { tags, params: IdParam, response: { 200: ChannelRow } } },
    (req) => services.channels.close(actorOf(req), req.params.id, origin(req)),
  );
  r.get(
    '/channels/:id/poster',
    {
      config: { auth },
      schema: { tags, params: IdParam, description: 'A4 PDF: the QR code of the channel URL, its name and products' },
    },
    async (req, reply) => {
      const { pdf, code } = await services.channels.poster(actorOf(req), req.params.id, origin(req));
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="channel-${code}.pdf"`)
        .send(pdf);
    },
  );

  r.get(
    '/m/channels/:code',
    {
      config: { auth: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: { tags, params: z.object({ code: ChannelCode }), response: { 200: ChannelLanding } },
    },
    (req) => services.channels.landing(req.params.code),
  );
  r.post(
    '/m/me/channel',
    {
      config: { auth: 'member' },
      schema: { tags, body: z.object({ code: ChannelCode }), response: { 200: z.object({ channelCode: z.string() }) } },
    },
    (req) => services.channels.attribute(actorOf(req), req.body.code),
  );

  r.get(
    '/reports/channels',
    {
      config: { auth: 'report.read' },
      schema: {
        tags,
        querystring: ChannelReportQuery,
        response: { 200: ChannelReport },
        description: 'format=xlsx answers the same rows as a workbook',
      },
    },
    async (req, reply) => {
      const report = await services.channels.report(actorOf(req), req.query);
      if (req.query.format === 'xlsx')
        return sendWorkbook(reply, {
          name: `渠道分析-${report.from}至${report.to}.xlsx`,
          body: await writeReportWorkbook(channelReportSheets(report)),
        });
      return report;
    },
  );
}
