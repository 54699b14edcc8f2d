import type { Insertable } from 'kysely';
import type { OrgScope } from '../access/policy.ts';
import type { OutreachEventTable, TrainingSessionTable } from '../db/outreach-tables.ts';
import type { Db } from '../db/tables.ts';
import { containsText } from '../db/text-match.ts';

/**
 * Trainings and outreach events: office staff see all of their office's, agency staff their agency's own (the
 * office's own sessions, with no agency, are the office's).
 */
export interface OutreachFilter {
  from?: string;
  to?: string;
  agencyId?: string;
  q?: string;
  kind?: string;
}

export const outreachRepository = {
  insertTraining: (db: Db, row: Insertable<TrainingSessionTable>) =>
    db.insertInto('training_session').values(row).execute(),
  insertEvent: (db: Db, row: Insertable<OutreachEventTable>) => db.insertInto('outreach_event').values(row).execute(),

  async trainings(db: Db, scope: OrgScope, f: OutreachFilter, page: number, pageSize: number) {
    const base = db
      .selectFrom('training_session')
      .leftJoin('agency', 'agency.id', 'training_session.agency_id')
      .where('training_session.office_id', '=', scope.officeId)
      .$if(scope.agencyId !== null, (q) => q.where('training_session.agency_id', '=', scope.agencyId!))
      .$if(f.agencyId !== undefined, (q) => q.where('training_session.agency_id', '=', f.agencyId!))
      .$if(f.from !== undefined, (q) => q.where('training_session.held_on', '>=', f.from!))
      .$if(f.to !== undefined, (q) => q.where('training_session.held_on', '<=', f.to!))
      .$if(!!f.q, (q) =>
        q.where((eb) =>
          eb.or([
            containsText(eb.ref('training_session.topic'), f.q!),
            containsText(eb.ref('training_session.place'), f.q!),
            containsText(eb.ref('training_session.organiser'), f.q!),
          ]),
        ),
      );
    const [items, n] = await Promise.all([
      base
        .selectAll('training_session')
        .select('agency.name as agency_name')
        .orderBy('training_session.held_on', 'desc')
        .orderBy('training_session.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(n.n) };
  },

  async events(db: Db, scope: OrgScope, f: OutreachFilter, page: number, pageSize: number) {
    const base = db
      .selectFrom('outreach_event')
      .leftJoin('agency', 'agency.id', 'outreach_event.agency_id')
      .leftJoin('channel', 'channel.id', 'outreach_event.channel_id')
      .where('outreach_event.office_id', '=', scope.officeId)
      .$if(scope.agencyId !== null, (q) => q.where('outreach_event.agency_id', '=', scope.agencyId!))
      .$if(f.agencyId !== undefined, (q) => q.where('outreach_event.agency_id', '=', f.agencyId!))
      .$if(f.from !== undefined, (q) => q.where('outreach_event.held_on', '>=', f.from!))
      .$if(f.to !== undefined, (q) => q.where('outreach_event.held_on', '<=', f.to!))
      .$if(f.kind !== undefined, (q) => q.where('outreach_event.kind', '=', f.kind!))
      .$if(!!f.q, (q) =>
        q.where((eb) =>
          eb.or([
            containsText(eb.ref('outreach_event.title'), f.q!),
            containsText(eb.ref('outreach_event.place'), f.q!),
          ]),
        ),
      );
    const [items, n] = await Promise.all([
      base
        .selectAll('outreach_event')
        .select(['agency.name as agency_name', 'channel.code as channel_code', 'channel.name as channel_name'])
        .orderBy('outreach_event.held_on', 'desc')
        .orderBy('outreach_event.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(n.n) };
  },

  trainingInScope: (db: Db, scope: OrgScope, id: string) =>
    db
      .selectFrom('training_session')
      .selectAll()
      .where('office_id', '=', scope.officeId)
      .where('id', '=', id)
      .$if(scope.agencyId !== null, (q) => q.where('agency_id', '=', scope.agencyId!))
      .executeTakeFirst(),
  eventInScope: (db: Db, scope: OrgScope, id: string) =>
    db
      .selectFrom('outreach_event')
      .selectAll()
      .where('office_id', '=', scope.officeId)
      .where('id', '=', id)
      .$if(scope.agencyId !== null, (q) => q.where('agency_id', '=', scope.agencyId!))
      .executeTakeFirst(),
  deleteTraining: (db: Db, id: string) => db.deleteFrom('training_session').where('id', '=', id).execute(),
  deleteEvent: (db: Db, id: string) => db.deleteFrom('outreach_event').where('id', '=', id).execute(),

  /** The report's figures for a year: per agency and per month, and enrolments through the events' channels. */
  async reportFigures(db: Db, officeId: string, from: string, to: string, agencyId: string | null, windowDays: number) {
    const trainings = await db
      .selectFrom('training_session')
      .select((eb) => [
        'agency_id',
        eb.fn<string>('substr', ['held_on', eb.val(6), eb.val(2)]).as('month'),
        eb.fn.countAll<number>().as('sessions'),
        eb.fn.sum<number>('attendees').as('person_times'),
      ])
      .where('office_id', '=', officeId)
      .where('held_on', '>=', from)
      .where('held_on', '<=', to)
      .$if(agencyId !== null, (q) => q.where('agency_id', '=', agencyId!))
      .groupBy(['agency_id', 'month'])
      .execute();
    const events = await db
      .selectFrom('outreach_event')
      .select(['id', 'agency_id', 'held_on', 'attendees', 'consultations', 'channel_id'])
      .where('office_id', '=', officeId)
      .where('held_on', '>=', from)
      .where('held_on', '<=', to)
      .$if(agencyId !== null, (q) => q.where('agency_id', '=', agencyId!))
      .execute();
    // Enrolments per event: paid orders through its channel from the event's China midnight for windowDays days.
    const enrolments = new Map<string, number>();
    for (const e of events) {
      if (!e.channel_id) continue;
      const start = new Date(`${e.held_on}T00:00:00+08:00`);
      const end = new Date(start.getTime() + windowDays * 86_400_000);
      const r = await db
        .selectFrom('gig_enrolment')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('office_id', '=', officeId)
        .where('channel_id', '=', e.channel_id)
        .where('paid_at', '>=', start.toISOString())
        .where('paid_at', '<', end.toISOString())
        .where('status', '=', 'effective')
        .executeTakeFirstOrThrow();
      enrolments.set(e.id, Number(r.n));
    }
    return {
      trainings: trainings.map((t) => ({
        agencyId: t.agency_id ?? '',
        month: Number(t.month),
        sessions: Number(t.sessions),
        personTimes: Number(t.person_times ?? 0),
      })),
      events: events.map((e) => ({
        agencyId: e.agency_id ?? '',
        month: Number(e.held_on.slice(5, 7)),
        attendees: Number(e.attendees),
        consultations: Number(e.consultations),
        enrolments: enrolments.get(e.id) ?? 0,
      })),
    };
  },
};
