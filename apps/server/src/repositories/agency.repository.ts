import { agencyInScope, type OrgScope } from '../access/policy.ts';
import type { AgencyRow, Db } from '../db/tables.ts';
import { containsText } from '../db/text-match.ts';

export const agencyRepository = {
  /** A page of the agencies in scope by kind, code and id (a stable order); `q` matches the name or the code. */
  async pageInScope(
    db: Db,
    scope: OrgScope,
    f: { q?: string; kind?: AgencyRow['kind']; page: number; pageSize: number },
  ) {
    let base = db.selectFrom('agency').where((eb) => agencyInScope(eb, scope));
    if (f.kind) base = base.where('kind', '=', f.kind);
    const text = f.q;
    if (text)
      base = base.where((eb) => eb.or([containsText(eb.ref('name'), text), containsText(eb.ref('code'), text)]));
    const [items, count] = await Promise.all([
      base
        .selectAll()
        .orderBy('kind')
        .orderBy('code')
        .orderBy('id')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },

  findInOffice: (db: Db, officeId: string, id: string) =>
    db.selectFrom('agency').selectAll().where('office_id', '=', officeId).where('id', '=', id).executeTakeFirst(),

  listInOffice: (db: Db, officeId: string) =>
    db.selectFrom('agency').selectAll().where('office_id', '=', officeId).execute(),
};
