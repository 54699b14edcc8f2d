import { addDays, maskIdNumber } from '@huzhu/core';
import type { BulkRow, PiiCipher } from '@huzhu/server';
import type { OfficeSpec } from './agencies.data.ts';
import { IdNumberFactory, MIN_AGE } from './identifiers.ts';
import { mobile, personName } from './person-names.data.ts';
import { type Rng, WeightedPicker } from './prng.ts';
import type { PlannedUnit } from './unit-planner.ts';
import type { GigKind } from './unit-templates.data.ts';

export interface MemberBatchItem {
  member: BulkRow<'member'>;
  /** Unit history, oldest first; empty for an individual gig worker. */
  links: BulkRow<'member_unit'>[];
}

export interface MemberStreamInput {
  officeId: string;
  office: OfficeSpec;
  units: readonly PlannedUnit[];
  /** Individual gig workers with no unit. */
  unitless: number;
  cipher: PiiCipher;
  today: string;
  now: string;
  newId(): string;
}

const TRANSFER_SHARE = 0.02;
const MISSING_MOBILE = 0.03;
// Where people live is mostly where they work; some commute in from elsewhere in the city.
const HOME_DISTRICT_SHARE = 0.85;
const HISTORY_DAYS = 12 * 365;
const GIG_KINDS: readonly [GigKind, number][] = [
  ['rider', 35],
  ['courier', 25],
  ['ride_hailing', 20],
  ['trucker', 12],
  ['other', 8],
];

/**
 * Members of one office, one at a time (never the whole office in memory): unit by unit, then the individual
 * gig workers. Each comes with its unit history (two rows for the ~2 % who changed unit).
 */
export function* memberStream(rng: Rng, input: MemberStreamInput): Generator<MemberBatchItem> {
  const ids = new IdNumberFactory(input.today);
  const officeRegions = new WeightedPicker(input.office.regions, (r) => r.weight);
  const gigKinds = new WeightedPicker(GIG_KINDS, ([, w]) => w);
  const joinDates = Array.from({ length: HISTORY_DAYS }, (_, i) => addDays(input.today, -(30 + i)));
  const byAgency = new Map<string, PlannedUnit[]>();
  for (const u of input.units) {
    const list = byAgency.get(u.agency.id) ?? [];
    list.push(u);
    byAgency.set(u.agency.id, list);
  }

  const make = (unit: PlannedUnit | null): MemberBatchItem => {
    const gigKind = unit ? unit.gigKind : gigKinds.pick(rng)[0];
    const gig = gigKind !== undefined;
    const female = gig ? rng.chance(gigKind === 'other' ? 0.6 : 0.08) : rng.chance(unit!.femaleShare);
    const sex = female ? 'female' : 'male';
    // Ages: staff spread over a working life with most in their thirties and forties; gig workers younger.
    const age = gig
      ? rng.chance(0.9)
        ? MIN_AGE + Math.floor(((rng.next() + rng.next()) / 2) * 30)
        : rng.int(48, 62)
      : MIN_AGE + Math.floor(((rng.next() + rng.next()) / 2) * 45);
    const homes = unit?.agency.spec.homeRegions ?? [];
    const region = homes.length > 0 && rng.chance(HOME_DISTRICT_SHARE) ? rng.pick(homes) : officeRegions.pick(rng).code;
    const idNumber = ids.make(rng, region, age, sex);
    const memberId = input.newId();
    const member: BulkRow<'member'> = {
      id: memberId,
      office_id: input.officeId,
      name: personName(rng, sex),
      id_number_enc: input.cipher.encrypt(idNumber),
      id_number_hash: input.cipher.blindIndex(idNumber),
      id_number_masked: maskIdNumber(idNumber),
      sex,
      birth_date: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
      mobile: !gig && rng.chance(MISSING_MOBILE / 0.92) ? null : mobile(rng),
      employment_kind: gig ? 'gig' : 'employee',
      gig_kind: gigKind ?? null,
      household: rng.chance(gig ? 0.55 : 0.3) ? 'rural' : 'urban',
      has_medical_insurance: rng.chance(gig ? 0.72 : 0.94) ? 1 : 0,
      bank_name: null,
      bank_account_enc: null,
      bank_account_last4: null,
      unit_id: unit?.row.id ?? null,
      created_at: input.now,
      updated_at: input.now,
    };
    return { member, links: unit ? history(unit, memberId) : [] };
  };

  const history = (unit: PlannedUnit, memberId: string): BulkRow<'member_unit'>[] => {
    const link = (unitId: string, from: string, to: string | null): BulkRow<'member_unit'> => ({
      id: input.newId(),
      office_id: input.officeId,
      member_id: memberId,
      unit_id: unitId,
      from_date: from,
      to_date: to,
      created_at: input.now,
    });
    const a = rng.int(0, HISTORY_DAYS - 1);
    if (!rng.chance(TRANSFER_SHARE)) return [link(unit.row.id, joinDates[a]!, null)];
    // A transfer keeps the member: the earlier unit's row ends the day the current one starts.
    const siblings = byAgency.get(unit.agency.id)!;
    const pool = siblings.length > 1 ? siblings : input.units;
    let previous = rng.pick(pool);
    if (previous === unit) previous = pool[(pool.indexOf(unit) + 1) % pool.length]!;
    if (previous === unit) return [link(unit.row.id, joinDates[a]!, null)];
    const b = rng.int(0, HISTORY_DAYS - 2);
    const newer = Math.min(a, b);
    const older = Math.max(a, b) + (a === b ? 1 : 0);
    return [link(previous.row.id, joinDates[older]!, joinDates[newer]!), link(unit.row.id, joinDates[newer]!, null)];
  };

  for (const unit of input.units) {
    for (let k = 0; k < unit.members; k++) yield make(unit);
  }
  for (let k = 0; k < input.unitless; k++) yield make(null);
}
