import { EnrolmentStructure, StructureQuery, SummaryAnswer, SummaryQuery, TrendQuery, Trends } from '@huzhu/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

const tags = ['reports'];
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a report workbook as a download (private: reports hold unit names and figures). */
export function sendWorkbook(reply: FastifyReply, file: { name: string; body: Buffer }) {
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .header('cache-control', 'private, no-store')
    .send(file.body);
}

export function reportRoutes(app: FastifyInstance, { services }: RouteDeps) {
  const r = typed(app);
  r.get(
    '/reports/summary',
    {
      // Permission checked in the service: report.read for an office's summary, report.national for scope=national.
      config: { auth: 'signed-in' },
      schema: {
        tags,
        querystring: SummaryQuery,
        response: { 200: SummaryAnswer },
        description:
          'format=xlsx answers the same summary as a workbook (scope=national: one line per office and the total)',
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (req.query.format === 'xlsx')
        return sendWorkbook(reply, await services.reports.summaryWorkbook(actor, req.query));
      return req.query.scope === 'national'
        ? services.reports.nationalSummary(actor, req.query.asOf)
        : services.reports.summary(actor, req.query.asOf);
    },
  );
  r.get(
    '/reports/enrolment-structure',
    {
      config: { auth: 'report.read' },
      schema: {
        tags,
        querystring: StructureQuery,
        response: { 200: EnrolmentStructure },
        description: 'format=xlsx answers the same report as a workbook (table, by product, all not-enrolled units)',
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (req.query.format === 'xlsx')
        return sendWorkbook(reply, await services.reports.structureWorkbook(actor, req.query));
      return services.reports.structure(actor, req.query);
    },
  );
  r.get(
    '/reports/trends',
    {
      config: { auth: 'report.read' },
      schema: { tags, querystring: TrendQuery, response: { 200: Trends } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (req.query.format === 'xlsx')
        return sendWorkbook(reply, await services.reports.trendsWorkbook(actor, req.query));
      return services.reports.trends(actor, req.query);
    },
  );
}
