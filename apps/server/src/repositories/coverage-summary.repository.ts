import {
  type CoverageContribution,
  type CoveragePolicy,
  INDIVIDUAL_CATEGORY,
  mergeSpans,
  NO_AGENCY,
  type Span,
} from '@huzhu/core';
import type { Db } from '../db/tables.ts';

const IN_CHUNK = 1_000;
/** Rows per upsert statement: 11 columns × 2,500 stays under both dialects' bound-parameter limits. */
const UPSERT_CHUNK = 2_500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The live policies of these members with their report keys: the unit's agency and category as they are now. */
const policyRows = (db: Db, officeId: string) =>
  db
    .selectFrom('policy')
    .innerJoin('member', 'member.id', 'policy.member_id')
    .leftJoin('unit', 'unit.id', 'policy.unit_id')
    .select([
      'policy.member_id',
      'policy.unit_id',
      'policy.agency_id as policy_agency_id',
      'unit.agency_id as unit_agency_id',
      'unit.category',
      'policy.product_code',
      'policy.shares',
      'policy.fee_fen',
      'policy.start_date',
      'policy.end_date',
      'policy.continuous',
      'member.employment_kind',
    ])
    .where('policy.office_id', '=', officeId)
    .where('policy.state', '!=', 'cancelled');

type PolicyFactRow = Awaited<ReturnType<ReturnType<typeof policyRows>['execute']>>[number];

function toCoveragePolicy(r: PolicyFactRow): CoveragePolicy {
  return {
    memberId: r.member_id,
    unitId: r.unit_id,
    agencyId: r.unit_id ? (r.unit_agency_id ?? NO_AGENCY) : (r.policy_agency_id ?? NO_AGENCY),
    category: r.unit_id ? (r.category ?? INDIVIDUAL_CATEGORY) : INDIVIDUAL_CATEGORY,
    productCode: r.product_code,
    shares: Number(r.shares),
    feeFen: Number(r.fee_fen),
    startDate: r.start_date,
    endDate: r.end_date,
    continuous: Number(r.continuous) === 1,
    employmentKind: r.employment_kind,
  };
}

export const coverageSummaryRepository = {
  async memberPolicies(db: Db, officeId: string, memberIds: readonly string[]): Promise<CoveragePolicy[]> {
    const out: CoveragePolicy[] = [];
    for (const ids of chunks([...new Set(memberIds)], IN_CHUNK)) {
      const rows = await policyRows(db, officeId).where('policy.member_id', 'in', ids).execute();
      for (const r of rows) out.push(toCoveragePolicy(r));
    }
    return out;
  },

  /** Policies of the members whose ids fall in [first, last]: the rebuild walks members in id order. */
  async memberRangePolicies(db: Db, officeId: string, first: string, last: string): Promise<CoveragePolicy[]> {
    const rows = await policyRows(db, officeId)
      .where('policy.member_id', '>=', first)
      .where('policy.member_id', '<=', last)
      .execute();
    return rows.map(toCoveragePolicy);
  },

  /**
   * The next `limit` members after `after`, in id order: a plain walk of the member key. (Walking DISTINCT policy
   * holders instead made PostgreSQL aggregate every remaining policy on each step — quadratic over a full rebuild.)
   */
  async nextMembers(db: Db, officeId: string, after: string, limit: number): Promise<string[]> {
    const rows = await db
      .selectFrom('member')
      .select('id')
      .where('office_id', '=', officeId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  },

  /** Adds the deltas to the stored sums (insert, or add to the row already there). */
  async addDeltas(db: Db, officeId: string, c: CoverageContribution): Promise<void> {
    const members = [...c.members].map(([key, d]) => {
      const cut = key.lastIndexOf('|');
      return { office_id: officeId, scope: key.slice(0, cut), day: key.slice(cut + 1), active: d.active, ever: d.ever };
    });
    for (const rows of chunks(members, UPSERT_CHUNK))
      await db
        .insertInto('cov_member_delta')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['office_id', 'scope', 'day']).doUpdateSet((eb) => ({
            active: eb('cov_member_delta.active', '+', eb.ref('excluded.active')),
            ever: eb('cov_member_delta.ever', '+', eb.ref('excluded.ever')),
          })),
        )
        .execute();
    const policies = [...c.policies].map(([key, d]) => {
      const [agency_id, category, product_code, day] = key.split('|') as [string, string, string, string];
      return {
        office_id: officeId,
        agency_id,
        category,
        product_code,
        day,
        policies: d.policies,
        shares: d.shares,
        fee_fen: d.feeFen,
        started_policies: d.startedPolicies,
        started_shares: d.startedShares,
        started_fee_fen: d.startedFeeFen,
      };
    });
    for (const rows of chunks(policies, UPSERT_CHUNK))
      await db
        .insertInto('cov_policy_delta')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['office_id', 'agency_id', 'category', 'product_code', 'day']).doUpdateSet((eb) => ({
            policies: eb('cov_policy_delta.policies', '+', eb.ref('excluded.policies')),
            shares: eb('cov_policy_delta.shares', '+', eb.ref('excluded.shares')),
            fee_fen: eb('cov_policy_delta.fee_fen', '+', eb.ref('excluded.fee_fen')),
            started_policies: eb('cov_policy_delta.started_policies', '+', eb.ref('excluded.started_policies')),
            started_shares: eb('cov_policy_delta.started_shares', '+', eb.ref('excluded.started_shares')),
            started_fee_fen: eb('cov_policy_delta.started_fee_fen', '+', eb.ref('excluded.started_fee_fen')),
          })),
        )
        .execute();
    const renewals = [...c.renewals].map(([key, d]) => {
      const [agency_id, category, product_code, employment_kind, end_day] = key.split('|') as [
        string,
        string,
        string,
        string,
        string,
      ];
      return {
        office_id: officeId,
        agency_id,
        category,
        product_code,
        employment_kind,
        end_day,
        ending: d.ending,
        renewed: d.renewed,
      };
    });
    for (const rows of chunks(renewals, UPSERT_CHUNK))
      await db
        .insertInto('cov_renewal')
        .values(rows)
        .onConflict((oc) =>
          oc
            .columns(['office_id', 'agency_id', 'category', 'product_code', 'employment_kind', 'end_day'])
            .doUpdateSet((eb) => ({
              ending: eb('cov_renewal.ending', '+', eb.ref('excluded.ending')),
              renewed: eb('cov_renewal.renewed', '+', eb.ref('excluded.renewed')),
            })),
        )
        .execute();
  },

  /** Recomputes these units' merged in-force spans and their terms from their policies. */
  async refreshUnitSummaries(db: Db, officeId: string, unitIds: readonly string[]): Promise<void> {
    for (const ids of chunks([...new Set(unitIds)], IN_CHUNK)) {
      const rows = await db
        .selectFrom('policy')
        .select(['unit_id', 'member_id', 'product_code', 'channel', 'shares', 'fee_fen', 'start_date', 'end_date'])
        .where('office_id', '=', officeId)
        .where('unit_id', 'in', ids)
        .where('state', '!=', 'cancelled')
        .execute();
      const byUnit = new Map<string, Span[]>();
      const terms = new Map<string, { members: Set<string> | number; shares: number; fee: number }>();
      for (const r of rows) {
        const list = byUnit.get(r.unit_id!);
        const span = { from: r.start_date, to: r.end_date };
        if (list) list.push(span);
        else byUnit.set(r.unit_id!, [span]);
        // A unit's terms are what it enrolled through its batches (unit-channel products); a gig worker's own
        // purchase is not a term of the platform unit, and would make a row per person.
        if (r.channel !== 'unit') continue;
        for (const product of [r.product_code, '*']) {
          const key = `${r.unit_id}|${product}|${r.start_date}|${r.end_date}`;
          let t = terms.get(key);
          if (!t) {
            t = { members: product === '*' ? new Set<string>() : 0, shares: 0, fee: 0 };
            terms.set(key, t);
          }
          if (typeof t.members === 'number') t.members += 1;
          else t.members.add(r.member_id);
          t.shares += Number(r.shares);
          t.fee += Number(r.fee_fen);
        }
      }
      await db.deleteFrom('cov_unit_span').where('office_id', '=', officeId).where('unit_id', 'in', ids).execute();
      await db.deleteFrom('cov_unit_term').where('office_id', '=', officeId).where('unit_id', 'in', ids).execute();
      const spans = [...byUnit].flatMap(([unitId, ranges]) =>
        mergeSpans(ranges).map((s) => ({ office_id: officeId, unit_id: unitId, from_day: s.from, to_day: s.to })),
      );
      for (const part of chunks(spans, UPSERT_CHUNK)) await db.insertInto('cov_unit_span').values(part).execute();
      const termRows = [...terms].map(([key, t]) => {
        const [unit_id, product_code, start_day, end_day] = key.split('|') as [string, string, string, string];
        return {
          office_id: officeId,
          unit_id,
          product_code,
          start_day,
          end_day,
          members: typeof t.members === 'number' ? t.members : t.members.size,
          shares: t.shares,
          fee_fen: t.fee,
        };
      });
      for (const part of chunks(termRows, UPSERT_CHUNK)) await db.insertInto('cov_unit_term').values(part).execute();
    }
  },

  async unitIds(db: Db, officeId: string): Promise<string[]> {
    return (await db.selectFrom('unit').select('id').where('office_id', '=', officeId).orderBy('id').execute()).map(
      (r) => r.id,
    );
  },

  /** Members holding policies sold through these units (a unit that changed agency or category re-keys them). */
  async holdersOfUnits(db: Db, officeId: string, unitIds: readonly string[]): Promise<string[]> {
    const out = new Set<string>();
    for (const ids of chunks([...new Set(unitIds)], IN_CHUNK)) {
      const rows = await db
        .selectFrom('policy')
        .select('member_id')
        .distinct()
        .where('office_id', '=', officeId)
        .where('unit_id', 'in', ids)
        .execute();
      for (const r of rows) out.add(r.member_id);
    }
    return [...out];
  },

  async clearCoverage(db: Db, officeId: string): Promise<void> {
    for (const t of ['cov_member_delta', 'cov_policy_delta', 'cov_renewal', 'cov_unit_span', 'cov_unit_term'] as const)
      await db.deleteFrom(t).where('office_id', '=', officeId).execute();
  },
};
