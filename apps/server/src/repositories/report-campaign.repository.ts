import type { Campaign, UnitTerm } from '@huzhu/core';
import type { CampaignRow, CampaignTable } from '../db/analytics-tables.ts';
import type { Db } from '../db/tables.ts';
import { containsText } from '../db/text-match.ts';

const IN_CHUNK = 1_000;

export function toCampaign(r: CampaignRow): Campaign {
  return {
    id: r.id,
    name: r.name,
    startDate: r.start_date,
    endDate: r.end_date,
    agencyIds: JSON.parse(r.agency_ids_json) as string[],
    targets: {
      units: Number(r.target_units),
      members: Number(r.target_members),
      contributionsFen: Number(r.target_contributions_fen),
    },
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Campaign definitions, and the unit terms the report reads (cov_unit_term: one small row per unit term). */
export const campaignRepository = {
  /**
   * A page of the office's campaigns, newest start first (then name, id); `agencyId` keeps those of every agency or
   * naming that one (in the query, so the page and the total are what the agency sees); `q` matches the name.
   */
  async page(
    db: Db,
    officeId: string,
    f: { q?: string; agencyId: string | null; page: number; pageSize: number },
  ): Promise<{ items: CampaignRow[]; total: number }> {
    let base = db.selectFrom('campaign').where('office_id', '=', officeId);
    const { agencyId, q } = f;
    if (agencyId)
      base = base.where((eb) =>
        eb.or([eb('agency_ids_json', '=', '[]'), containsText(eb.ref('agency_ids_json'), JSON.stringify(agencyId))]),
      );
    if (q) base = base.where((eb) => containsText(eb.ref('name'), q));
    const [items, count] = await Promise.all([
      base
        .selectAll()
        .orderBy('start_date', 'desc')
        .orderBy('name')
        .orderBy('id')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },

  async find(db: Db, officeId: string, id: string): Promise<CampaignRow | undefined> {
    return db
      .selectFrom('campaign')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('id', '=', id)
      .executeTakeFirst();
  },

  async nameTaken(db: Db, officeId: string, name: string, exceptId: string | null): Promise<boolean> {
    const row = await db
      .selectFrom('campaign')
      .select('id')
      .where('office_id', '=', officeId)
      .where('name', '=', name)
      .$if(exceptId !== null, (q) => q.where('id', '!=', exceptId!))
      .executeTakeFirst();
    return row !== undefined;
  },

  async insert(db: Db, row: CampaignTable): Promise<void> {
    await db.insertInto('campaign').values(row).execute();
  },

  async update(db: Db, officeId: string, id: string, set: Partial<CampaignTable>): Promise<void> {
    await db.updateTable('campaign').set(set).where('office_id', '=', officeId).where('id', '=', id).execute();
  },

  /** Which of these ids are agencies of the office. */
  async knownAgencies(db: Db, officeId: string, ids: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < ids.length; i += IN_CHUNK) {
      const rows = await db
        .selectFrom('agency')
        .select('id')
        .where('office_id', '=', officeId)
        .where('id', 'in', ids.slice(i, i + IN_CHUNK))
        .execute();
      for (const r of rows) out.add(r.id);
    }
    return out;
  },

  /**
   * Terms of the units (of these agencies) that have a term starting in [from, to]: every term of theirs that
   * started by `to`, all products — the period's and the history it is compared with.
   */
  async unitTerms(db: Db, officeId: string, from: string, to: string, agencyIds: readonly string[]) {
    const units = (
      await db
        .selectFrom('cov_unit_term')
        .innerJoin('unit', 'unit.id', 'cov_unit_term.unit_id')
        .select('cov_unit_term.unit_id')
        .distinct()
        .where('cov_unit_term.office_id', '=', officeId)
        .where('cov_unit_term.product_code', '=', '*')
        .where('cov_unit_term.start_day', '>=', from)
        .where('cov_unit_term.start_day', '<=', to)
        .where('unit.agency_id', 'in', agencyIds)
        .execute()
    ).map((r) => r.unit_id);
    const terms: UnitTerm[] = [];
    for (let i = 0; i < units.length; i += IN_CHUNK) {
      const rows = await db
        .selectFrom('cov_unit_term')
        .innerJoin('unit', 'unit.id', 'cov_unit_term.unit_id')
        .select([
          'cov_unit_term.unit_id',
          'unit.agency_id',
          'cov_unit_term.product_code',
          'cov_unit_term.start_day',
          'cov_unit_term.end_day',
          'cov_unit_term.members',
          'cov_unit_term.shares',
          'cov_unit_term.fee_fen',
        ])
        .where('cov_unit_term.office_id', '=', officeId)
        .where('cov_unit_term.unit_id', 'in', units.slice(i, i + IN_CHUNK))
        .where('cov_unit_term.start_day', '<=', to)
        .execute();
      for (const r of rows)
        terms.push({
          unitId: r.unit_id,
          agencyId: r.agency_id,
          productCode: r.product_code,
          startDay: r.start_day,
          endDay: r.end_day,
          members: Number(r.members),
          shares: Number(r.shares),
          feeFen: Number(r.fee_fen),
        });
    }
    return terms;
  },
};
