import type { UnitSnapshot } from '@huzhu/core';
import type { Insertable } from 'kysely';
import type { OrgScope } from '../access/policy.ts';
import type { ExpansionContactTable, ExpansionTargetTable } from '../db/outreach-tables.ts';
import type { Db } from '../db/tables.ts';
import { containsText } from '../db/text-match.ts';

const IN_CHUNK = 500;

/** Targeted expansion: target units (seen through their agency), their contact log, and units' terms on a day. */
export const expansionRepository = {
  /**
   * Each unit's term on `day` from the small cov_unit_term summary: members of the whole term ('*'), shares summed
   * over its products, and how many products.
   */
  async snapshots(db: Db, officeId: string, unitIds: readonly string[], day: string) {
    const out = new Map<string, UnitSnapshot>();
    for (let i = 0; i < unitIds.length; i += IN_CHUNK) {
      const rows = await db
        .selectFrom('cov_unit_term')
        .select(['unit_id', 'product_code', 'members', 'shares'])
        .where('office_id', '=', officeId)
        .where('unit_id', 'in', unitIds.slice(i, i + IN_CHUNK))
        .where('start_day', '<=', day)
        .where('end_day', '>=', day)
        .execute();
      const products = new Map<string, Set<string>>();
      for (const r of rows) {
        const s = out.get(r.unit_id) ?? { members: 0, shares: 0, products: 0 };
        if (r.product_code === '*') s.members = Math.max(s.members, Number(r.members));
        else {
          s.shares += Number(r.shares);
          const set = products.get(r.unit_id) ?? new Set<string>();
          set.add(r.product_code);
          products.set(r.unit_id, set);
          s.products = set.size;
        }
        out.set(r.unit_id, s);
      }
    }
    return out;
  },

  /** Units of the scope with their agency, biggest headcount first; `enrolledOn` filters by enrolment that day. */
  async units(
    db: Db,
    scope: OrgScope,
    f: { agencyId?: string; q?: string; enrolledOn: string; enrolled: boolean; limit: number; offset: number },
  ) {
    const base = db
      .selectFrom('unit')
      .innerJoin('agency', 'agency.id', 'unit.agency_id')
      .where('unit.office_id', '=', scope.officeId)
      .$if(scope.agencyId !== null, (q) => q.where('unit.agency_id', '=', scope.agencyId!))
      .$if(f.agencyId !== undefined, (q) => q.where('unit.agency_id', '=', f.agencyId!))
      .$if(!!f.q, (q) => q.where((eb) => containsText(eb.ref('unit.name'), f.q!)))
      .where((eb) => {
        const inForce = eb.exists(
          eb
            .selectFrom('cov_unit_span')
            .select('cov_unit_span.unit_id')
            .whereRef('cov_unit_span.unit_id', '=', 'unit.id')
            .where('cov_unit_span.office_id', '=', scope.officeId)
            .where('cov_unit_span.from_day', '<=', f.enrolledOn)
            .where('cov_unit_span.to_day', '>=', f.enrolledOn),
        );
        return f.enrolled ? inForce : eb.not(inForce);
      });
    const [items, n] = await Promise.all([
      base
        .select([
          'unit.id',
          'unit.name',
          'unit.agency_id',
          'agency.name as agency_name',
          'unit.category',
          'unit.headcount',
        ])
        .orderBy('unit.headcount', 'desc')
        .orderBy('unit.id')
        .limit(f.limit)
        .offset(f.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(n.n) };
  },

  targetsOfUnits: (db: Db, officeId: string, unitIds: readonly string[]) =>
    unitIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('expansion_target')
          .select(['id', 'unit_id'])
          .where('office_id', '=', officeId)
          .where('unit_id', 'in', [...unitIds])
          .execute(),

  insertTarget: (db: Db, row: Insertable<ExpansionTargetTable>) =>
    db.insertInto('expansion_target').values(row).execute(),
  insertContact: (db: Db, row: Insertable<ExpansionContactTable>) =>
    db.insertInto('expansion_contact').values(row).execute(),

  targetBase: (db: Db, scope: OrgScope) =>
    db
      .selectFrom('expansion_target')
      .innerJoin('unit', 'unit.id', 'expansion_target.unit_id')
      .innerJoin('agency', 'agency.id', 'expansion_target.agency_id')
      .leftJoin('app_user', 'app_user.id', 'expansion_target.assignee_id')
      .where('expansion_target.office_id', '=', scope.officeId)
      .$if(scope.agencyId !== null, (q) => q.where('expansion_target.agency_id', '=', scope.agencyId!)),

  async targets(
    db: Db,
    scope: OrgScope,
    f: { status?: string; agencyId?: string; assigneeId?: string; q?: string },
    page: number,
    pageSize: number,
  ) {
    const base = expansionRepository
      .targetBase(db, scope)
      .$if(f.status !== undefined, (q) => q.where('expansion_target.status', '=', f.status!))
      .$if(f.agencyId !== undefined, (q) => q.where('expansion_target.agency_id', '=', f.agencyId!))
      .$if(f.assigneeId !== undefined, (q) => q.where('expansion_target.assignee_id', '=', f.assigneeId!))
      .$if(!!f.q, (q) => q.where((eb) => containsText(eb.ref('unit.name'), f.q!)));
    const [items, n] = await Promise.all([
      base
        .selectAll('expansion_target')
        .select([
          'unit.name as unit_name',
          'unit.headcount',
          'agency.name as agency_name',
          'app_user.display_name as assignee_name',
        ])
        .orderBy('expansion_target.assigned_on', 'desc')
        .orderBy('expansion_target.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(n.n) };
  },

  targetInScope: (db: Db, scope: OrgScope, id: string) =>
    expansionRepository
      .targetBase(db, scope)
      .selectAll('expansion_target')
      .select([
        'unit.name as unit_name',
        'unit.headcount',
        'agency.name as agency_name',
        'app_user.display_name as assignee_name',
      ])
      .where('expansion_target.id', '=', id)
      .executeTakeFirst(),

  contactsOf: (db: Db, officeId: string, targetId: string) =>
    db
      .selectFrom('expansion_contact')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('target_id', '=', targetId)
      .orderBy('contacted_on', 'desc')
      .orderBy('created_at', 'desc')
      .execute(),

  /** Targets assigned in a period (for the report), with their baselines. */
  targetsAssigned: (db: Db, officeId: string, from: string, to: string, agencyId: string | null) =>
    db
      .selectFrom('expansion_target')
      .select([
        'id',
        'unit_id',
        'agency_id',
        'status',
        'contacts',
        'baseline_members',
        'baseline_shares',
        'baseline_products',
      ])
      .where('office_id', '=', officeId)
      .where('assigned_on', '>=', from)
      .where('assigned_on', '<=', to)
      .$if(agencyId !== null, (q) => q.where('agency_id', '=', agencyId!))
      .execute(),
};
