import { addDays, addMonths } from '@huzhu/core';
import {
  type CoverageEnv,
  coverageOf,
  instantOn,
  issuePolicy,
  LAPSED_SHARE,
  type MemberCoverage,
} from './policy-issue.ts';
import type { MemberBatchItem } from './member-stream.ts';
import type { Rng } from './prng.ts';
import type { PlannedUnit } from './unit-planner.ts';

const GIG_COVERED = 0.75;
const GIG_GIFT_SHARE = 0.45;
const SHORT_ACC_SHARE = 0.15;

/**
 * A gig worker's own cover, created directly (no batch): GIG bought individually or GIG_GIFT from a sponsor, renewed
 * yearly for some; and for some, 30-day SHORT_ACC terms.
 */
export function planGigCoverage(
  rng: Rng,
  person: MemberBatchItem,
  unit: PlannedUnit | null,
  env: CoverageEnv,
  store: Map<string, MemberCoverage>,
): void {
  const m = person.member;
  if (m.employment_kind !== 'gig') return;
  const issue = (code: string, start: string) => {
    if (start > env.today) return;
    const created = addDays(start, -rng.int(0, 5));
    issuePolicy(env, coverageOf(store, m.id), {
      product: env.products.get(code)!,
      member: m,
      shares: 1,
      start,
      unitId: unit?.row.id ?? null,
      agencyId: unit?.row.agency_id ?? null,
      batchId: null,
      createdAt: instantOn(created, 4, rng.int(0, 59)),
    });
  };
  if (rng.chance(GIG_COVERED)) {
    const code = rng.chance(GIG_GIFT_SHARE) ? 'GIG_GIFT' : 'GIG';
    const terms = rng.int(1, 3);
    const latest = rng.chance(LAPSED_SHARE)
      ? addDays(env.today, -rng.int(366, 700))
      : addDays(env.today, -rng.int(0, 364));
    for (let i = terms - 1; i >= 0; i--) issue(code, addMonths(latest, -12 * i));
  }
  if (rng.chance(SHORT_ACC_SHARE)) {
    const terms = rng.int(1, 3);
    const latest = addDays(env.today, -rng.int(0, 59));
    for (let i = terms - 1; i >= 0; i--) issue('SHORT_ACC', addDays(latest, -30 * i));
  }
}
