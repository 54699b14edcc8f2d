import { addDays, addMonths, termEnd } from '@huzhu/core';
import type { BulkRow } from '@huzhu/server';
import type { MemberBatchItem } from './member-stream.ts';
import {
  type CoverageEnv,
  coverageOf,
  instantOn,
  issuePolicy,
  LAPSED_SHARE,
  type MemberCoverage,
} from './policy-issue.ts';
import { type Rng, WeightedPicker } from './prng.ts';
import type { PlannedUnit } from './unit-planner.ts';

export interface UnitCoverage {
  batches: BulkRow<'enrolment_batch'>[];
  items: BulkRow<'enrolment_item'>[];
}

// Most units with members have enrolled at some time; a tenth of those let cover lapse (their last term ended).
const ENROLLED_SHARE = 0.75;
const YEARS = 4;
const criticalIllness = new WeightedPicker<[string | null, number]>(
  [
    ['CI_A', 55],
    ['CI_B', 30],
    [null, 15],
  ],
  ([, w]) => w,
);
const inpatient = new WeightedPicker<[string | null, number]>(
  [
    ['ALW', 14],
    ['MED', 11],
    [null, 75],
  ],
  ([, w]) => w,
);
const FEM_UNIT_SHARE = 0.3;
const sharesMix = new WeightedPicker<[number, number]>(
  [
    [1, 72],
    [2, 14],
    [3, 9],
    [4, 2],
    [5, 3],
  ],
  ([, w]) => w,
);

/**
 * One unit's enrolment history: a usual start (the 1st of a month) each year, one effective batch per product per
 * year (FEM every other year: its term is 24 months), members in and out by age and by when they joined the unit.
 */
export function planUnitCoverage(
  rng: Rng,
  unit: PlannedUnit,
  people: readonly MemberBatchItem[],
  env: CoverageEnv,
  store: Map<string, MemberCoverage>,
): UnitCoverage {
  const out: UnitCoverage = { batches: [], items: [] };
  if (people.length === 0 || unit.gigKind !== undefined || !rng.chance(ENROLLED_SHARE)) return out;
  const lapsed = rng.chance(LAPSED_SHARE);
  const month = String(rng.int(1, 12)).padStart(2, '0');
  let latest = `${env.today.slice(0, 4)}-${month}-01`;
  if (latest > env.today) latest = addMonths(latest, -12);
  const first = lapsed ? rng.int(0, YEARS - 2) : rng.int(0, YEARS - 1);
  const last = lapsed ? rng.int(first, YEARS - 2) : YEARS - 1;

  const lines: string[] = [];
  const ci = criticalIllness.pick(rng)[0];
  const inp = inpatient.pick(rng)[0];
  if (ci) lines.push(ci);
  if (inp) lines.push(inp);
  if (rng.chance(FEM_UNIT_SHARE) && people.some((p) => p.member.sex === 'female')) lines.push('FEM');
  if (lines.length === 0) lines.push('CI_A');

  // Who takes part in each line stays the same from year to year, with the same shares.
  const choices = lines.map((code) => {
    const participation = 0.4 + 0.4 * rng.next();
    return people.map((p) => {
      if (!rng.chance(participation)) return null;
      // MED needs basic medical insurance: the unit's members without it take the allowance instead.
      const actual = code === 'MED' && p.member.has_medical_insurance !== 1 ? 'ALW' : code;
      const v = env.products.get(actual)!.version;
      const shares = Math.min(v.maxShares, Math.max(v.minShares, sharesMix.pick(rng)[0]));
      return { code: actual, shares };
    });
  });
  const joined = people.map((p) => p.links[p.links.length - 1]?.from_date ?? env.today);

  let enrolledBefore = new Set<string>();
  for (let k = first; k <= last; k++) {
    const start = addMonths(latest, -12 * (YEARS - 1 - k));
    const paidOn = addDays(start, -rng.int(3, 20));
    const approvedOn = addDays(paidOn, -rng.int(1, 5));
    const submittedOn = addDays(approvedOn, -rng.int(1, 5));
    const createdOn = addDays(submittedOn, -rng.int(0, 3));
    const perProduct = new Map<string, { person: MemberBatchItem; shares: number }[]>();
    lines.forEach((code, li) => {
      // FEM runs 24 months: a unit enrols in it every other year.
      if (code === 'FEM' && (k - first) % 2 === 1) return;
      people.forEach((person, pi) => {
        const c = choices[li]![pi];
        if (!c || joined[pi]! > start) return;
        const list = perProduct.get(c.code) ?? [];
        list.push({ person, shares: c.shares });
        perProduct.set(c.code, list);
      });
    });
    const seen = new Set<string>();
    for (const [code, candidates] of perProduct) {
      const product = env.products.get(code)!;
      // A lapsed unit's last terms ended before today, FEM's 24 months included.
      if (lapsed && termEnd(product.version.term, start) >= env.today) continue;
      const batchId = env.newId();
      const kind = enrolledBefore.has(code) ? 'renewal' : 'roster';
      const createdAt = instantOn(paidOn, 3, rng.int(0, 59));
      let shares = 0;
      let fee = 0;
      const items: BulkRow<'enrolment_item'>[] = [];
      for (const { person, shares: n } of candidates) {
        const m = person.member;
        const cover = coverageOf(store, m.id);
        const policy = issuePolicy(env, cover, {
          product,
          member: m,
          shares: n,
          start,
          unitId: unit.row.id,
          agencyId: unit.row.agency_id,
          batchId,
          createdAt,
        });
        if (!policy) continue;
        items.push({
          id: env.newId(),
          office_id: env.officeId,
          batch_id: batchId,
          row_number: items.length + 2,
          member_id: m.id,
          name: m.name,
          id_number_enc: m.id_number_enc,
          id_number_hash: m.id_number_hash,
          id_number_masked: m.id_number_masked,
          sex: m.sex,
          birth_date: m.birth_date,
          mobile: m.mobile ?? null,
          employment_kind: m.employment_kind,
          has_medical_insurance: m.has_medical_insurance,
          shares: n,
          fee_fen: policy.fee_fen,
          continuous: policy.continuous,
          renewal_of: policy.renewal_of ?? null,
        });
        shares += n;
        fee += policy.fee_fen;
      }
      if (items.length === 0) continue;
      seen.add(code);
      out.items.push(...items);
      out.batches.push({
        id: batchId,
        office_id: env.officeId,
        unit_id: unit.row.id,
        agency_id: unit.row.agency_id,
        product_version_id: product.id,
        product_code: code,
        kind,
        requested_start: start,
        status: 'effective',
        file_name: kind === 'roster' ? `${unit.row.name}-${code}-${start.slice(0, 4)}年参保名单.xlsx` : null,
        total_rows: items.length,
        accepted_rows: items.length,
        rejected_rows: 0,
        total_shares: shares,
        total_fee_fen: fee,
        issues_json: '[]',
        issue_count: 0,
        rejected_rows_enc: null,
        idempotency_key: null,
        return_reason: null,
        note: null,
        paid_amount_fen: fee,
        paid_on: paidOn,
        bank_reference: `HZ${paidOn.replaceAll('-', '')}${String(rng.int(0, 999_999)).padStart(6, '0')}`,
        created_by: env.actorId,
        created_at: instantOn(createdOn, 2),
        updated_at: createdAt,
        submitted_at: instantOn(submittedOn, 5),
        approved_at: instantOn(approvedOn, 7),
        effective_at: createdAt,
      });
    }
    enrolledBefore = new Set([...enrolledBefore, ...seen]);
  }
  return out;
}
