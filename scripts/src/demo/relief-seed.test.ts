import { demoReliefCategories } from '@huzhu/core';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from './prng.ts';
import {
  CLAIM_FOLLOWING_PART,
  claimReliefPlanner,
  type PaidClaimFacts,
  RELIEF_SHARE_OF_CLAIMS,
} from './relief-seed.ts';

/**
 * The demo relief's proportions (issue 13, item 11): on a stream of paid claims shaped like the seed's (mostly
 * inpatient stays, some accidents, critical illnesses and deaths), the relief that follows the claims stays within its
 * share of the claims paid, reaches it to within one relief, and keeps every member's limits.
 */
function claimStream(n: number, seed: number): PaidClaimFacts[] {
  const rng = mulberry32(seed);
  const rnd = () => rng.next();
  const out: PaidClaimFacts[] = [];
  for (let i = 0; i < n; i++) {
    const year = 2020 + Math.floor((i / n) * 6);
    const eventDate = `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-10`;
    const memberId = `m${Math.floor(rnd() * (n / 3))}`;
    const r = rnd();
    if (r < 0.06)
      out.push({
        memberId,
        kind: 'critical_illness',
        cause: 'illness',
        eventDate,
        approvedAmountFen: 2_000_000 + Math.floor(rnd() * 3_000_000),
        facts: { diseaseCode: 'C01' },
      });
    else if (r < 0.08)
      out.push({ memberId, kind: 'death', cause: 'illness', eventDate, approvedAmountFen: 3_000_000, facts: {} });
    else {
      const days = 2 + Math.floor(rnd() * 14);
      out.push({
        memberId,
        kind: 'inpatient',
        cause: r < 0.25 ? 'accident' : 'illness',
        eventDate,
        approvedAmountFen: 100_000 + Math.floor(rnd() * 400_000),
        facts: {
          admissionDate: eventDate,
          dischargeDate: `${eventDate.slice(0, 8)}${String(10 + Math.min(days, 18)).padStart(2, '0')}`,
          selfPaidFen: 200_000 + Math.floor(rnd() * 1_200_000),
        },
      });
    }
  }
  return out;
}

describe('demo relief proportions', () => {
  const share = RELIEF_SHARE_OF_CLAIMS * CLAIM_FOLLOWING_PART;
  const largest = Math.max(...demoReliefCategories.map((c) => c.amountFen));

  for (const [n, seed] of [
    [5_000, 1],
    [40_000, 2],
  ] as const) {
    it(`${n.toLocaleString()} paid claims: relief ≈ ${(share * 100).toFixed(2)} % of claims paid, every category, limits kept`, () => {
      const planner = claimReliefPlanner();
      const given: { memberId: string; year: string; code: string }[] = [];
      const stream = claimStream(n, seed);
      for (const c of stream) {
        const code = planner.consider(c);
        if (code) given.push({ memberId: c.memberId, year: c.eventDate.slice(0, 4), code });
      }
      const { claimSum, reliefSum } = planner.totals();
      expect(reliefSum).toBeLessThanOrEqual(claimSum * share);
      expect(reliefSum).toBeGreaterThan(claimSum * share - largest);
      // the full demo share (6–7 %) with the hardship and holiday part the seed adds from the other 15 %
      expect(reliefSum / CLAIM_FOLLOWING_PART / claimSum).toBeGreaterThan(0.06);
      expect(reliefSum / CLAIM_FOLLOWING_PART / claimSum).toBeLessThanOrEqual(0.07);
      expect(new Set(given.map((g) => g.code))).toEqual(new Set(['critical_illness', 'death', 'illness', 'accident']));
      // relief over the years, not bunched at the start or the end
      expect(new Set(given.map((g) => g.year)).size).toBe(6);
      // one per category per member per calendar year
      const keys = given.map((g) => `${g.memberId}|${g.year}|${g.code}`);
      expect(new Set(keys).size).toBe(keys.length);
    });
  }
});
