import type { Expression, SqlBool } from 'kysely';
import { memberInScope, type OrgScope } from '../access/policy.ts';
import type { Db, NewMember } from '../db/tables.ts';
import { startsWithText } from '../db/text-match.ts';

export interface MemberFilter {
  idNumberHash?: string;
  q?: string;
  unitId?: string;
}

export const memberRepository = {
  async list(db: Db, scope: OrgScope, f: MemberFilter, page: number, pageSize: number) {
    const base = db.selectFrom('member').where((eb) => {
      const parts: Expression<SqlBool>[] = [memberInScope(eb, scope)];
      if (f.idNumberHash) parts.push(eb('member.id_number_hash', '=', f.idNumberHash));
      if (f.unitId) parts.push(eb('member.unit_id', '=', f.unitId));
      // Name prefix (index-friendly at millions of rows) or an exact mobile number.
      if (f.q) parts.push(eb.or([startsWithText(eb.ref('member.name'), f.q), eb('member.mobile', '=', f.q)]));
      return eb.and(parts);
    });
    const [items, count] = await Promise.all([
      base
        .leftJoin('unit', 'unit.id', 'member.unit_id')
        .selectAll('member')
        .select('unit.name as unit_name')
        .orderBy('member.name')
        .orderBy('member.id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },

  findInScope: (db: Db, scope: OrgScope, id: string) =>
    db
      .selectFrom('member')
      .leftJoin('unit', 'unit.id', 'member.unit_id')
      .selectAll('member')
      .select('unit.name as unit_name')
      .where((eb) => eb.and([eb('member.id', '=', id), memberInScope(eb, scope)]))
      .executeTakeFirst(),

  findByHash: (db: Db, officeId: string, hash: string) =>
    db
      .selectFrom('member')
      .select(['id', 'unit_id'])
      .where('office_id', '=', officeId)
      .where('id_number_hash', '=', hash)
      .executeTakeFirst(),

  unitHistory: (db: Db, officeId: string, memberId: string) =>
    db
      .selectFrom('member_unit')
      .innerJoin('unit', 'unit.id', 'member_unit.unit_id')
      .select(['member_unit.unit_id', 'unit.name as unit_name', 'member_unit.from_date', 'member_unit.to_date'])
      .where('member_unit.office_id', '=', officeId)
      .where('member_unit.member_id', '=', memberId)
      .orderBy('member_unit.from_date', 'desc')
      .execute(),

  /** The member's current unit link (the one without an end date), if any. */
  openUnitLink: (db: Db, officeId: string, memberId: string) =>
    db
      .selectFrom('member_unit')
      .select(['unit_id', 'from_date'])
      .where('office_id', '=', officeId)
      .where('member_id', '=', memberId)
      .where('to_date', 'is', null)
      .executeTakeFirst(),

  insert: (db: Db, row: NewMember) => db.insertInto('member').values(row).execute(),
};
