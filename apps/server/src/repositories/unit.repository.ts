import type { Expression, SqlBool } from 'kysely';
import { type OrgScope, unitInScope } from '../access/policy.ts';
import type { Db, NewUnit, UnitRow, UnitUpdate } from '../db/tables.ts';
import { containsText } from '../db/text-match.ts';

export interface UnitFilter {
  agencyId?: string;
  category?: string;
  enrolled?: boolean;
  q?: string;
  today: string;
}

export const unitRepository = {
  findInScope: (db: Db, scope: OrgScope, id: string) =>
    db
      .selectFrom('unit')
      .innerJoin('agency', 'agency.id', 'unit.agency_id')
      .selectAll('unit')
      .select('agency.name as agency_name')
      .where((eb) => eb.and([eb('unit.id', '=', id), unitInScope(eb, scope)]))
      .executeTakeFirst(),

  async list(db: Db, scope: OrgScope, f: UnitFilter, page: number, pageSize: number) {
    const base = db.selectFrom('unit').where((eb) => {
      const parts: Expression<SqlBool>[] = [unitInScope(eb, scope)];
      if (f.agencyId) parts.push(eb('unit.agency_id', '=', f.agencyId));
      if (f.category) parts.push(eb('unit.category', '=', f.category));
      if (f.enrolled === true) parts.push(eb('unit.covered_until', '>=', f.today));
      if (f.enrolled === false)
        parts.push(eb.or([eb('unit.covered_until', 'is', null), eb('unit.covered_until', '<', f.today)]));
      if (f.q)
        parts.push(eb.or([containsText(eb.ref('unit.name'), f.q), eb('unit.credit_code', '=', f.q.toUpperCase())]));
      return eb.and(parts);
    });
    const [items, count] = await Promise.all([
      base
        .innerJoin('agency', 'agency.id', 'unit.agency_id')
        .selectAll('unit')
        .select('agency.name as agency_name')
        .orderBy('unit.headcount', 'desc')
        .orderBy('unit.id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },

  findByCreditCodes: (db: Db, officeId: string, codes: string[]) =>
    codes.length === 0
      ? Promise.resolve([] as UnitRow[])
      : db.selectFrom('unit').selectAll().where('office_id', '=', officeId).where('credit_code', 'in', codes).execute(),

  insert: (db: Db, row: NewUnit) => db.insertInto('unit').values(row).execute(),

  update: (db: Db, officeId: string, id: string, patch: UnitUpdate) =>
    db.updateTable('unit').set(patch).where('office_id', '=', officeId).where('id', '=', id).execute(),

  memberCount: async (db: Db, officeId: string, unitId: string) =>
    Number(
      (
        await db
          .selectFrom('member')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('office_id', '=', officeId)
          .where('unit_id', '=', unitId)
          .executeTakeFirstOrThrow()
      ).n,
    ),
};
