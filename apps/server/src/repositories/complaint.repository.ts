import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import type { OrgScope } from '../access/policy.ts';
import type { Database, Db } from '../db/tables.ts';
import type { ComplaintTable } from '../db/outreach-tables.ts';
import type { Insertable } from 'kysely';

/**
 * Complaints are seen like claims: through the agency recorded at filing; one assigned to the office (no agency) is
 * seen by the office only; a member sees their own.
 */
export function complaintInScope(eb: ExpressionBuilder<Database, 'complaint'>, s: OrgScope): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [eb('complaint.office_id', '=', s.officeId)];
  if (s.memberId) parts.push(eb('complaint.member_id', '=', s.memberId));
  if (s.unitId) parts.push(eb('complaint.unit_id', '=', s.unitId));
  else if (s.agencyId) parts.push(eb('complaint.agency_id', '=', s.agencyId));
  return eb.and(parts);
}

export interface ComplaintFilter {
  status?: string;
  kind?: string;
  agencyId?: string;
  memberId?: string;
  /** Unanswered and past the due date as of this day. */
  overdueOn?: string;
  q?: string;
}

const withNames = (db: Db) =>
  db
    .selectFrom('complaint')
    .innerJoin('member', 'member.id', 'complaint.member_id')
    .leftJoin('agency', 'agency.id', 'complaint.agency_id')
    .selectAll('complaint')
    .select(['member.name as member_name', 'agency.name as agency_name']);

export type ComplaintWithNames = Awaited<ReturnType<ReturnType<typeof withNames>['executeTakeFirstOrThrow']>>;

export const complaintRepository = {
  insert: (db: Db, row: Insertable<ComplaintTable>) => db.insertInto('complaint').values(row).execute(),

  findInScope: (db: Db, scope: OrgScope, id: string) =>
    withNames(db)
      .where((eb) => eb.and([eb('complaint.id', '=', id), complaintInScope(eb, scope)]))
      .executeTakeFirst(),

  async list(db: Db, scope: OrgScope, f: ComplaintFilter, page: number, pageSize: number) {
    const base = db
      .selectFrom('complaint')
      .innerJoin('member', 'member.id', 'complaint.member_id')
      .leftJoin('agency', 'agency.id', 'complaint.agency_id')
      .where((eb) => complaintInScope(eb, scope))
      .$if(f.status !== undefined, (q) => q.where('complaint.status', '=', f.status!))
      .$if(f.kind !== undefined, (q) => q.where('complaint.kind', '=', f.kind!))
      .$if(f.agencyId !== undefined, (q) => q.where('complaint.agency_id', '=', f.agencyId!))
      .$if(f.memberId !== undefined, (q) => q.where('complaint.member_id', '=', f.memberId!))
      .$if(f.overdueOn !== undefined, (q) =>
        q.where('complaint.status', '!=', 'answered').where('complaint.due_date', '<', f.overdueOn!),
      )
      .$if(!!f.q, (q) =>
        q.where((eb) => eb.or([eb('complaint.number', '=', f.q!.toUpperCase()), eb('member.name', '=', f.q!)])),
      );
    const [items, count] = await Promise.all([
      base
        .selectAll('complaint')
        .select(['member.name as member_name', 'agency.name as agency_name'])
        .orderBy('complaint.filed_at', 'desc')
        .orderBy('complaint.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },

  /** Open complaints past their due date (the escalation job), oldest first. */
  dueForEscalation: (db: Db, today: string, limit: number) =>
    db
      .selectFrom('complaint')
      .select(['id', 'office_id', 'agency_id', 'number', 'due_date', 'status'])
      .where('status', '=', 'open')
      .where('due_date', '<', today)
      .orderBy('due_date')
      .orderBy('id')
      .limit(limit)
      .execute(),

  /** The claims-operations figures: filed in the period (received, answered, on time) per agency ('' = office). */
  async opsFigures(db: Db, officeId: string, from: string, to: string, today: string, agencyId: string | null) {
    const period = await db
      .selectFrom('complaint')
      .select((eb) => [
        'agency_id',
        eb.fn.countAll<number>().as('received'),
        eb.fn.count<number>('answered_at').as('answered'),
        eb.fn.sum<number>('on_time').as('on_time'),
      ])
      .where('office_id', '=', officeId)
      .where('filed_on', '>=', from)
      .where('filed_on', '<=', to)
      .$if(agencyId !== null, (q) => q.where('agency_id', '=', agencyId!))
      .groupBy('agency_id')
      .execute();
    const open = await db
      .selectFrom('complaint')
      .select((eb) => [
        'agency_id',
        eb.fn.countAll<number>().as('open'),
        eb.fn.sum<number>(eb.case().when('due_date', '<', today).then(1).else(0).end()).as('overdue'),
      ])
      .where('office_id', '=', officeId)
      .where('status', 'in', ['open', 'escalated'])
      .$if(agencyId !== null, (q) => q.where('agency_id', '=', agencyId!))
      .groupBy('agency_id')
      .execute();
    return {
      period: period.map((r) => ({
        agencyId: r.agency_id ?? '',
        received: Number(r.received),
        answered: Number(r.answered),
        onTime: Number(r.on_time ?? 0),
      })),
      open: open.map((r) => ({ agencyId: r.agency_id ?? '', open: Number(r.open), overdue: Number(r.overdue ?? 0) })),
    };
  },
};
