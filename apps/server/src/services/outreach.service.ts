import {
  blankOutreachRow,
  EVENT_ENROLMENT_WINDOW_DAYS,
  type OutreachEvent,
  type OutreachEventBody,
  type OutreachEventKind,
  type OutreachListQuery,
  type OutreachReport,
  outreachSheets,
  type Training,
  type TrainingBody,
} from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import {
  agencyIdInScope,
  type OrgScope,
  reportAgency,
  reportScope,
  requirePermission,
  scopeOf,
} from '../access/policy.ts';
import { writeReportWorkbook } from '../adapters/report-workbook.ts';
import type { ServiceDeps } from './service-deps.ts';
import type { Db } from '../db/tables.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { outreachRepository as repo } from '../repositories/outreach.repository.ts';
import { reportRepository } from '../repositories/report.repository.ts';
import { requireReportAgency } from './report-claims.service.ts';

type Deps = Pick<ServiceDeps, 'db' | 'reader' | 'clock' | 'audit'>;

/** The agency a session or event is recorded for: agency staff their own; the office one it names (or none). */
async function agencyFor(db: Db, scope: OrgScope, asked: string | undefined): Promise<string | null> {
  if (asked && !agencyIdInScope(scope, asked)) throw new AppError('NOT_FOUND', { field: 'agencyId' });
  const agencyId = scope.agencyId ?? asked ?? null;
  if (agencyId) {
    const a = await db
      .selectFrom('agency')
      .select('id')
      .where('office_id', '=', scope.officeId)
      .where('id', '=', agencyId)
      .executeTakeFirst();
    if (!a) throw new AppError('NOT_FOUND', { field: 'agencyId' });
  }
  return agencyId;
}

const yearRange = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/**
 * Trainings (培训) and outreach events (宣讲、咨询台), product.md §8: the office and agencies record them; an event
 * may name one of the caller's QR channels, whose paid enrolments within 7 days of the event it counts. A record made
 * by mistake is deleted (audited with what it held). The outreach report totals a year per agency and month.
 */
export function createOutreachService({ db, reader, clock, audit }: Deps) {
  const manage = (actor: Actor) => {
    requirePermission(actor, 'outreach.manage');
    return scopeOf(actor);
  };
  const notFuture = (date: string) => {
    if (date > clock.today())
      throw new AppError('VALIDATION_FAILED', { field: 'date', message: '日期不能晚于今天（请在活动举办后登记）' });
  };

  return {
    async createTraining(actor: Actor, body: TrainingBody): Promise<Training> {
      const scope = manage(actor);
      notFuture(body.date);
      const agencyId = await agencyFor(db, scope, body.agencyId);
      const row = {
        id: newId(),
        office_id: scope.officeId,
        agency_id: agencyId,
        held_on: body.date,
        place: body.place,
        organiser: body.organiser,
        topic: body.topic,
        attendees: body.attendees,
        created_by: actor.id,
        created_at: clock.iso(),
      };
      await db.transaction().execute(async (trx) => {
        await repo.insertTraining(trx, row);
        await audit.record(trx, actor, {
          action: 'training.create',
          objectType: 'training_session',
          objectId: row.id,
          after: { date: row.held_on, topic: row.topic, attendees: row.attendees, agencyId },
        });
      });
      const { items } = await repo.trainings(db, scope, { from: row.held_on, to: row.held_on }, 1, 500);
      return toTraining(items.find((t) => t.id === row.id)!);
    },

    async trainings(actor: Actor, q: OutreachListQuery) {
      const scope = manage(actor);
      if (q.agencyId && !agencyIdInScope(scope, q.agencyId)) throw new AppError('NOT_FOUND', { agencyId: q.agencyId });
      const { items, total } = await repo.trainings(
        reader,
        scope,
        { ...(q.year ? yearRange(q.year) : {}), agencyId: q.agencyId, q: q.q },
        q.page,
        q.pageSize,
      );
      return { items: items.map(toTraining), total, page: q.page, pageSize: q.pageSize };
    },

    async deleteTraining(actor: Actor, id: string) {
      const scope = manage(actor);
      await db.transaction().execute(async (trx) => {
        const t = await repo.trainingInScope(trx, scope, id);
        if (!t) throw new AppError('NOT_FOUND');
        await repo.deleteTraining(trx, id);
        await audit.record(trx, actor, {
          action: 'training.delete',
          objectType: 'training_session',
          objectId: id,
          before: { date: t.held_on, topic: t.topic, place: t.place, attendees: t.attendees, agencyId: t.agency_id },
        });
      });
    },

    async createEvent(actor: Actor, body: OutreachEventBody): Promise<OutreachEvent> {
      const scope = manage(actor);
      notFuture(body.date);
      const agencyId = await agencyFor(db, scope, body.agencyId);
      let channelId: string | null = null;
      if (body.channelCode) {
        const c = await db
          .selectFrom('channel')
          .select(['id', 'agency_id'])
          .where('office_id', '=', scope.officeId)
          .where('code', '=', body.channelCode)
          .executeTakeFirst();
        // Agency staff name their own agency's channels; the office any of its office's.
        if (!c || (scope.agencyId !== null && c.agency_id !== scope.agencyId))
          throw new AppError('NOT_FOUND', { field: 'channelCode' }, `未找到渠道码 ${body.channelCode}`);
        channelId = c.id;
      }
      if (body.consultations > body.attendees && body.kind === 'talk')
        throw new AppError('VALIDATION_FAILED', {
          field: 'consultations',
          message: '宣讲的咨询人次不能多于参加人数',
        });
      const row = {
        id: newId(),
        office_id: scope.officeId,
        agency_id: agencyId,
        held_on: body.date,
        place: body.place,
        kind: body.kind,
        title: body.topic ?? '',
        attendees: body.attendees,
        consultations: body.consultations,
        channel_id: channelId,
        created_by: actor.id,
        created_at: clock.iso(),
      };
      await db.transaction().execute(async (trx) => {
        await repo.insertEvent(trx, row);
        await audit.record(trx, actor, {
          action: 'outreach_event.create',
          objectType: 'outreach_event',
          objectId: row.id,
          after: {
            date: row.held_on,
            kind: row.kind,
            attendees: row.attendees,
            consultations: row.consultations,
            channelId,
            agencyId,
          },
        });
      });
      const { items } = await repo.events(db, scope, { from: row.held_on, to: row.held_on }, 1, 500);
      return toEvent(items.find((e) => e.id === row.id)!);
    },

    async events(actor: Actor, q: OutreachListQuery) {
      const scope = manage(actor);
      if (q.agencyId && !agencyIdInScope(scope, q.agencyId)) throw new AppError('NOT_FOUND', { agencyId: q.agencyId });
      const { items, total } = await repo.events(
        reader,
        scope,
        { ...(q.year ? yearRange(q.year) : {}), agencyId: q.agencyId, q: q.q, kind: q.kind },
        q.page,
        q.pageSize,
      );
      return { items: items.map(toEvent), total, page: q.page, pageSize: q.pageSize };
    },

    async deleteEvent(actor: Actor, id: string) {
      const scope = manage(actor);
      await db.transaction().execute(async (trx) => {
        const e = await repo.eventInScope(trx, scope, id);
        if (!e) throw new AppError('NOT_FOUND');
        await repo.deleteEvent(trx, id);
        await audit.record(trx, actor, {
          action: 'outreach_event.delete',
          objectType: 'outreach_event',
          objectId: id,
          before: { date: e.held_on, kind: e.kind, place: e.place, attendees: e.attendees, agencyId: e.agency_id },
        });
      });
    },

    /** `GET /reports/outreach`: a year per agency ('' = the office's own) and per month. */
    async report(actor: Actor, q: { year?: number; agencyId?: string }): Promise<OutreachReport> {
      const scope = reportScope(actor);
      const agencyId = reportAgency(scope, q.agencyId);
      await requireReportAgency(reader, scope.officeId, agencyId);
      const year = q.year ?? Number(clock.today().slice(0, 4));
      const { from, to } = yearRange(year);
      const [f, names] = await Promise.all([
        repo.reportFigures(reader, scope.officeId, from, to, agencyId, EVENT_ENROLMENT_WINDOW_DAYS),
        reportRepository.agencyNames(reader, scope.officeId),
      ]);
      const rows = new Map<string, ReturnType<typeof blankOutreachRow>>();
      const rowOf = (id: string) => {
        let r = rows.get(id);
        if (!r) {
          r = blankOutreachRow(id, id === '' ? '办事处（直接组织）' : (names.get(id) ?? ''));
          rows.set(id, r);
        }
        return r;
      };
      if (agencyId !== null) rowOf(agencyId);
      else for (const id of names.keys()) if (id !== '') rowOf(id);
      const months = Array.from({ length: 12 }, (_, i) => ({
        month: i + 1,
        sessions: 0,
        personTimes: 0,
        events: 0,
        attendees: 0,
      }));
      for (const t of f.trainings) {
        const r = rowOf(t.agencyId);
        r.sessions += t.sessions;
        r.personTimes += t.personTimes;
        months[t.month - 1]!.sessions += t.sessions;
        months[t.month - 1]!.personTimes += t.personTimes;
      }
      for (const e of f.events) {
        const r = rowOf(e.agencyId);
        r.events += 1;
        r.eventAttendees += e.attendees;
        r.consultations += e.consultations;
        r.enrolments += e.enrolments;
        months[e.month - 1]!.events += 1;
        months[e.month - 1]!.attendees += e.attendees;
      }
      const list = [...rows.values()].sort((a, b) =>
        a.agencyId === '' ? 1 : b.agencyId === '' ? -1 : a.agencyName.localeCompare(b.agencyName, 'zh'),
      );
      const total = blankOutreachRow('', '合计');
      for (const r of list)
        for (const k of ['sessions', 'personTimes', 'events', 'eventAttendees', 'consultations', 'enrolments'] as const)
          total[k] += r[k];
      return {
        year,
        agencyId,
        trainings: { sessions: total.sessions, personTimes: total.personTimes },
        events: {
          count: total.events,
          attendees: total.eventAttendees,
          consultations: total.consultations,
          enrolments: total.enrolments,
        },
        rows: list,
        total,
        months,
      };
    },

    async reportWorkbook(actor: Actor, q: { year?: number; agencyId?: string }) {
      const r = await this.report(actor, q);
      const who = r.agencyId ? (r.rows[0]?.agencyName ?? '') : '全市';
      return { name: `培训与宣讲统计-${who}-${r.year}.xlsx`, body: await writeReportWorkbook(outreachSheets(r)) };
    },
  };
}

type TrainingDb = Awaited<ReturnType<typeof repo.trainings>>['items'][number];
type EventDb = Awaited<ReturnType<typeof repo.events>>['items'][number];
const toTraining = (t: TrainingDb): Training => ({
  id: t.id,
  date: t.held_on,
  place: t.place,
  organiser: t.organiser,
  topic: t.topic,
  attendees: Number(t.attendees),
  agencyId: t.agency_id,
  agencyName: t.agency_name,
  createdAt: t.created_at,
});
const toEvent = (e: EventDb): OutreachEvent => ({
  id: e.id,
  date: e.held_on,
  place: e.place,
  kind: e.kind as OutreachEventKind,
  topic: e.title || null,
  attendees: Number(e.attendees),
  consultations: Number(e.consultations),
  channelId: e.channel_id,
  channelCode: e.channel_code,
  channelName: e.channel_name,
  agencyId: e.agency_id,
  agencyName: e.agency_name,
  createdAt: e.created_at,
});
export type OutreachService = ReturnType<typeof createOutreachService>;
