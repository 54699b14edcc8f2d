import { agencyInScope, type OrgScope } from '../access/policy.ts';
import type { Db } from '../db/tables.ts';

export const agencyRepository = {
  listInScope: (db: Db, scope: OrgScope) =>
    db
      .selectFrom('agency')
      .selectAll()
      .where((eb) => agencyInScope(eb, scope))
      .orderBy('kind')
      .orderBy('code')
      .execute(),

  findInOffice: (db: Db, officeId: string, id: string) =>
    db.selectFrom('agency').selectAll().where('office_id', '=', officeId).where('id', '=', id).executeTakeFirst(),

  listInOffice: (db: Db, officeId: string) =>
    db.selectFrom('agency').selectAll().where('office_id', '=', officeId).execute(),
};
