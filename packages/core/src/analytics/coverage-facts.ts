import { addDays, type IsoDate } from '../time/dates.ts';

/**
 * What one member's policies contribute to the report summaries (product.md §7), as day-keyed deltas.
 *
 * Every "on a date" figure is a running sum: a policy adds +1 on its start day and −1 the day after its end, so the
 * figure on D is the sum of the deltas up to D. Distinct counts (members) come from the member's merged spans —
 * overlapping or back-to-back policies of one scope merge into one span — so a member holding two products counts
 * once. The server keeps these sums under every write by subtracting a member's contribution before the write and
 * adding it back after (apps/server/src/reports/coverage-summary.ts); the same function rebuilds them from scratch.
 */

/** Report row key of a policy: the unit's current agency and category, or the individual channel. */
export interface PolicyGroup {
  agencyId: string;
  category: string;
}

export interface CoveragePolicy extends PolicyGroup {
  memberId: string;
  unitId: string | null;
  productCode: string;
  shares: number;
  feeFen: number;
  startDate: IsoDate;
  endDate: IsoDate;
  continuous: boolean;
  employmentKind: string;
}

/**
 * Report category of policies sold to individuals directly (gig workers enrolling on their phone, gifts granted to
 * them), which belong to no unit: the summary and the enrolment-structure table count them per agency as `gig`
 * (migration 0015 re-keyed the summaries that still said `individual`).
 */
export const GIG_CATEGORY = 'gig';
export const INDIVIDUAL_CATEGORY = GIG_CATEGORY;
/** Agency key of individual policies sold outside any agency. */
export const NO_AGENCY = '';

/** Distinct-member scopes: the office, one agency, one report row (agency × category). */
export const memberScope = {
  office: () => 'o',
  agency: (agencyId: string) => `a:${agencyId}`,
  group: (g: PolicyGroup) => `g:${g.agencyId}:${g.category}`,
};

export interface MemberDelta {
  active: number;
  ever: number;
}
export interface PolicyDelta {
  policies: number;
  shares: number;
  feeFen: number;
  startedPolicies: number;
  startedShares: number;
  startedFeeFen: number;
}
export interface RenewalDelta {
  ending: number;
  renewed: number;
}

/** Summed contributions, keyed by the summary tables' natural keys joined with '|'. */
export interface CoverageContribution {
  /** scope|day */
  members: Map<string, MemberDelta>;
  /** agencyId|category|productCode|day */
  policies: Map<string, PolicyDelta>;
  /** agencyId|category|productCode|employmentKind|endDay */
  renewals: Map<string, RenewalDelta>;
}

export function emptyContribution(): CoverageContribution {
  return { members: new Map(), policies: new Map(), renewals: new Map() };
}

export interface Span {
  from: IsoDate;
  to: IsoDate;
}

/** Merges date ranges that overlap or touch (to + 1 day = next from) into disjoint spans, sorted. */
export function mergeSpans(ranges: readonly Span[]): Span[] {
  const sorted = [...ranges].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const out: Span[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r.from <= addDays(last.to, 1)) {
      if (r.to > last.to) last.to = r.to;
    } else out.push({ from: r.from, to: r.to });
  }
  return out;
}

function bump<T extends object>(map: Map<string, T>, key: string, zero: () => T, add: Partial<T>, sign: number) {
  let row = map.get(key);
  if (!row) {
    row = zero();
    map.set(key, row);
  }
  const target = row as Record<string, number>;
  for (const [k, v] of Object.entries(add) as [string, number][]) target[k] = (target[k] ?? 0) + sign * v;
}

const zeroMember = (): MemberDelta => ({ active: 0, ever: 0 });
const zeroPolicy = (): PolicyDelta => ({
  policies: 0,
  shares: 0,
  feeFen: 0,
  startedPolicies: 0,
  startedShares: 0,
  startedFeeFen: 0,
});
const zeroRenewal = (): RenewalDelta => ({ ending: 0, renewed: 0 });

/**
 * A policy is renewed when the member's next policy of the same product (by start) is a continuous one: it started
 * within the product's grace days after this one ended, which is what the enrolment rules mark as continuous.
 */
export function renewedPolicies<P extends CoveragePolicy>(policies: readonly P[]): Set<P> {
  const renewed = new Set<P>();
  const byProduct = new Map<string, P[]>();
  for (const p of policies) {
    const key = `${p.memberId}|${p.productCode}`;
    const list = byProduct.get(key);
    if (list) list.push(p);
    else byProduct.set(key, [p]);
  }
  for (const list of byProduct.values()) {
    list.sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
    for (const p of list) {
      const next = list.find((q) => q.startDate > p.endDate);
      if (next?.continuous) renewed.add(p);
    }
  }
  return renewed;
}

/**
 * Adds (sign +1) or removes (sign −1) what these policies contribute. The policies must be all the live (not
 * cancelled) policies of each member they mention: member spans are only right over a member's whole set.
 */
export function addContribution(
  into: CoverageContribution,
  policies: readonly CoveragePolicy[],
  sign: 1 | -1 = 1,
): CoverageContribution {
  const byMember = new Map<string, CoveragePolicy[]>();
  for (const p of policies) {
    const list = byMember.get(p.memberId);
    if (list) list.push(p);
    else byMember.set(p.memberId, [p]);
    const group = `${p.agencyId}|${p.category}|${p.productCode}`;
    bump(
      into.policies,
      `${group}|${p.startDate}`,
      zeroPolicy,
      {
        policies: 1,
        shares: p.shares,
        feeFen: p.feeFen,
        startedPolicies: 1,
        startedShares: p.shares,
        startedFeeFen: p.feeFen,
      },
      sign,
    );
    bump(
      into.policies,
      `${group}|${addDays(p.endDate, 1)}`,
      zeroPolicy,
      { policies: -1, shares: -p.shares, feeFen: -p.feeFen },
      sign,
    );
  }
  const renewed = renewedPolicies(policies);
  for (const p of policies) {
    bump(
      into.renewals,
      `${p.agencyId}|${p.category}|${p.productCode}|${p.employmentKind}|${p.endDate}`,
      zeroRenewal,
      { ending: 1, renewed: renewed.has(p) ? 1 : 0 },
      sign,
    );
  }
  for (const own of byMember.values()) {
    const scopes = new Map<string, Span[]>();
    const addScope = (scope: string, p: CoveragePolicy) => {
      const list = scopes.get(scope);
      const span = { from: p.startDate, to: p.endDate };
      if (list) list.push(span);
      else scopes.set(scope, [span]);
    };
    for (const p of own) {
      addScope(memberScope.office(), p);
      addScope(memberScope.agency(p.agencyId), p);
      addScope(memberScope.group(p), p);
    }
    for (const [scope, ranges] of scopes) {
      const spans = mergeSpans(ranges);
      bump(into.members, `${scope}|${spans[0]!.from}`, zeroMember, { ever: 1 }, sign);
      for (const s of spans) {
        bump(into.members, `${scope}|${s.from}`, zeroMember, { active: 1 }, sign);
        bump(into.members, `${scope}|${addDays(s.to, 1)}`, zeroMember, { active: -1 }, sign);
      }
    }
  }
  return into;
}

const isZero = (row: object) => Object.values(row).every((v) => v === 0);

/** Drops entries whose deltas cancelled out (a write that changed nothing for a key writes nothing for it). */
export function pruneContribution(c: CoverageContribution): CoverageContribution {
  for (const map of [c.members, c.policies, c.renewals] as Map<string, object>[])
    for (const [k, v] of map) if (isZero(v)) map.delete(k);
  return c;
}
