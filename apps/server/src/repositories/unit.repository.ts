import { SEARCH_COUNT_CAP } from '@huzhu/core';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { type OrgScope, unitInScope } from '../access/policy.ts';
import type { Database, Db, NewUnit, UnitRow, UnitUpdate } from '../db/tables.ts';
import { pageTotal } from '../db/page-total.ts';
import { containsText, isPostgresDb, startsWithRange } from '../db/text-match.ts';

/** The two-character pieces of a search text as `unit_name_gram` holds them (lower case, each once). */
export function namePieces(text: string): string[] {
  const chars = [...text.toLowerCase()];
  if (chars.length < 2) return chars;
  return [...new Set(chars.slice(0, -1).map((c, i) => c + chars[i + 1]))];
}

/** The ids of the office's units whose name holds every piece of the text (a superset: the text is checked after). */
function unitsWithPieces(eb: ExpressionBuilder<Database, 'unit'>, officeId: string, text: string, pg: boolean) {
  const pieces = namePieces(text);
  const grams = eb
    .selectFrom('unit_name_gram')
    .select('unit_name_gram.unit_id')
    .where('unit_name_gram.office_id', '=', officeId);
  if (pieces.length === 1 && [...pieces[0]!].length === 1)
    // One character: the pieces that start with it (every character of a name starts one; the last stands alone).
    return grams.where((g) => startsWithRange(g.ref('unit_name_gram.gram'), pieces[0]!, pg)).distinct();
  return grams
    .where('unit_name_gram.gram', 'in', pieces)
    .groupBy('unit_name_gram.unit_id')
    .having((g) => g.fn.countAll(), '=', pieces.length);
}

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

  /**
   * Units in scope, largest first. `q` finds units whose name contains it (through `unit_name_gram`, migration 0020:
   * the units holding every two-character piece of it, then the text itself checked; one character ranges over the
   * pieces that start with it) or whose credit code starts with it. The count stops at SEARCH_COUNT_CAP.
   */
  async list(db: Db, scope: OrgScope, f: UnitFilter, page: number, pageSize: number) {
    const pg = isPostgresDb(db);
    const base = db.selectFrom('unit').where((eb) => {
      const parts: Expression<SqlBool>[] = [unitInScope(eb, scope)];
      if (f.agencyId) parts.push(eb('unit.agency_id', '=', f.agencyId));
      if (f.category) parts.push(eb('unit.category', '=', f.category));
      if (f.enrolled === true) parts.push(eb('unit.covered_until', '>=', f.today));
      if (f.enrolled === false)
        parts.push(eb.or([eb('unit.covered_until', 'is', null), eb('unit.covered_until', '<', f.today)]));
      if (f.q) {
        const text = f.q;
        const named = eb.and([
          eb('unit.id', 'in', unitsWithPieces(eb, scope.officeId, text, pg)),
          containsText(eb.ref('unit.name'), text),
        ]);
        parts.push(
          /^[0-9A-Za-z]+$/.test(text)
            ? eb.or([named, startsWithRange(eb.ref('unit.credit_code'), text.toUpperCase(), pg)])
            : named,
        );
      }
      return eb.and(parts);
    });
    const offset = (page - 1) * pageSize;
    const items = await base
      .innerJoin('agency', 'agency.id', 'unit.agency_id')
      .selectAll('unit')
      .select('agency.name as agency_name')
      .orderBy('unit.headcount', 'desc')
      .orderBy('unit.id')
      .limit(pageSize)
      .offset(offset)
      .execute();
    const total = await pageTotal(items.length, offset, pageSize, SEARCH_COUNT_CAP, async (upTo) =>
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
