import { SEARCH_COUNT_CAP } from '@huzhu/core';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { memberInScope, type OrgScope } from '../access/policy.ts';
import type { Database, Db, NewMember } from '../db/tables.ts';
import { pageTotal } from '../db/page-total.ts';
import { inByteOrder, isPostgresDb, startsWithRange } from '../db/text-match.ts';

export interface MemberFilter {
  idNumberHash?: string;
  /** Exact mobile number. */
  mobile?: string;
  /** Name prefix, case as written. */
  name?: string;
  unitId?: string;
}

/** Where a page starts: after this (name, id) in name order (the `next` of the page before). */
export interface MemberCursor {
  name: string;
  id: string;
}

export const memberRepository = {
  /**
   * Members in scope in name order. Each search is one range of an index that leads with the office (0020): name
   * prefix on (office, name, id, unit), within a unit on (office, unit, name, id), mobile and ID number exact. The
   * count stops at SEARCH_COUNT_CAP; `after` pages on by keyset, as fast on page 1,000 as on page 1.
   */
  async list(db: Db, scope: OrgScope, f: MemberFilter, page: number, pageSize: number, after?: MemberCursor) {
    const pg = isPostgresDb(db);
    const name = (eb: ExpressionBuilder<Database, 'member'>) => inByteOrder(eb.ref('member.name'), pg);
    const base = db.selectFrom('member').where((eb) => {
      const parts: Expression<SqlBool>[] = [memberInScope(eb, scope)];
      if (f.idNumberHash) parts.push(eb('member.id_number_hash', '=', f.idNumberHash));
      if (f.mobile) parts.push(eb('member.mobile', '=', f.mobile));
      if (f.unitId) parts.push(eb('member.unit_id', '=', f.unitId));
      if (f.name) parts.push(startsWithRange(eb.ref('member.name'), f.name, pg));
      return eb.and(parts);
    });
    const listed = after
      ? base.where((eb) => sql<SqlBool>`(${name(eb)}, ${eb.ref('member.id')}) > (${after.name}, ${after.id})`)
      : base;
    const offset = after ? 0 : (page - 1) * pageSize;
    const withUnit = <T extends typeof base>(q: T) =>
      q
        .leftJoin('unit', 'unit.id', 'member.unit_id')
        .selectAll('member')
        .select('unit.name as unit_name')
        .orderBy((eb) => name(eb))
        .orderBy('member.id');
    // Deep pages take their ids from the index alone first (name, id and unit are in it): the offset then steps over
    // index entries, not whole rows, and only the page's rows are read.
    const items =
      offset === 0
        ? await withUnit(listed).limit(pageSize).execute()
        : await withUnit(
            db
              .selectFrom('member')
              .where('member.office_id', '=', scope.officeId)
              .where(
                'member.id',
                'in',
                listed
                  .select('member.id')
                  .orderBy((eb) => name(eb))
                  .orderBy('member.id')
                  .limit(pageSize)
                  .offset(offset),
              ),
          ).execute();
    const total = await pageTotal(items.length, after ? null : offset, pageSize, SEARCH_COUNT_CAP, async (upTo) =>
      Number(
        (
          await db
            .selectFrom(base.select(sql<number>`1`.as('one')).limit(upTo).as('capped'))
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );
    return { items, ...total };
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
