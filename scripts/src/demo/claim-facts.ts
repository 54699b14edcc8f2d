import { addDays, type ClaimFacts, type ClaimKind, diffDays } from '@huzhu/core';
import type { BulkRow } from '@huzhu/server';
import type { DemoProduct } from './policy-issue.ts';
import { type Rng, WeightedPicker } from './prng.ts';

// What members claim for under each product, with the cause and a weight: accidents for the gig products, stays
// in hospital for the inpatient ones, a diagnosis for the lump sums.
type Scenario = [ClaimKind, 'illness' | 'accident' | 'either', number];
const accidentScenarios = new WeightedPicker<Scenario>(
  [
    ['accident_medical', 'accident', 985],
    ['disability', 'accident', 12],
    ['death', 'accident', 3],
  ],
  ([, , w]) => w,
);
const scenarios: Record<string, WeightedPicker<Scenario>> = {
  CI_A: new WeightedPicker<Scenario>([['critical_illness', 'illness', 1]], () => 1),
  CI_B: new WeightedPicker<Scenario>([['critical_illness', 'illness', 1]], () => 1),
  FEM: new WeightedPicker<Scenario>([['female_disease', 'illness', 1]], () => 1),
  ALW: new WeightedPicker<Scenario>([['inpatient', 'either', 1]], () => 1),
  MED: new WeightedPicker<Scenario>(
    [
      ['inpatient', 'either', 780],
      ['accident_medical', 'accident', 200],
      ['disability', 'accident', 15],
      ['death', 'either', 5],
    ],
    ([, , w]) => w,
  ),
  GIG: accidentScenarios,
  GIG_GIFT: accidentScenarios,
  SHORT_ACC: accidentScenarios,
};

export interface Draft {
  policy: BulkRow<'policy'>;
  facts: ClaimFacts;
  stored: Record<string, unknown>;
  invoices: string[];
}

/** Facts that fit the policy's product: an event in its term, filed a few days to weeks later. */
export function draftClaim(rng: Rng, policy: BulkRow<'policy'>, product: DemoProduct, today: string): Draft | null {
  const last = policy.end_date < today ? policy.end_date : addDays(today, -3);
  if (last < policy.start_date) return null;
  const span = diffDays(policy.start_date, last);
  let event = addDays(policy.start_date, rng.int(0, span));
  // Most members claim after the waiting period; some do not know about it and are refused.
  if (policy.waiting_end_date && event <= policy.waiting_end_date && rng.chance(0.7)) {
    const after = addDays(policy.waiting_end_date, 1);
    if (after <= last) event = addDays(after, rng.int(0, diffDays(after, last)));
  }
  const [kind, causeHint] = scenarios[policy.product_code]!.pick(rng);
  const cause = causeHint === 'either' ? (rng.chance(0.8) ? 'illness' : 'accident') : causeHint;
  const filedOn = [addDays(event, rng.int(2, 45)), today].sort()[0]!;
  const stored: Record<string, unknown> = {};
  const invoices: string[] = [];
  const diseases = product.version.diseases;
  if (kind === 'critical_illness' || kind === 'female_disease') {
    stored.diseaseCode = diseases.length > 0 && rng.chance(0.95) ? rng.pick(diseases).code : 'X99';
    if (kind === 'female_disease' && rng.chance(0.2)) stored.inSitu = true;
  } else if (kind === 'inpatient' || kind === 'accident_medical') {
    const discharge = [addDays(event, rng.int(1, 20)), filedOn].sort()[0]!;
    const small = policy.product_code !== 'MED' && kind === 'accident_medical';
    // Most accidents cost a few hundred to a thousand or two yuan; a stay in hospital mostly 3,000–20,000.
    const total =
      (small ? smallAccident(rng) : rng.chance(0.85) ? rng.int(3_000, 20_000) : rng.int(20_000, 60_000)) * 100;
    stored.admissionDate = event;
    stored.dischargeDate = discharge;
    stored.totalExpensesFen = total;
    stored.selfPaidFen = Math.floor(total * (0.3 + 0.4 * rng.next()));
    invoices.push(`${rng.int(10_000_000, 99_999_999)}${rng.int(10_000_000, 99_999_999)}`);
  } else if (kind === 'disability') {
    stored.disabilityGrade = rng.int(1, 10);
  }
  return { policy, facts: { ...stored, kind, cause, eventDate: event, filedOn } as ClaimFacts, stored, invoices };
}

function smallAccident(rng: Rng): number {
  const r = rng.next();
  return r < 0.7 ? rng.int(200, 1_500) : r < 0.95 ? rng.int(1_500, 5_000) : rng.int(5_000, 15_000);
}
