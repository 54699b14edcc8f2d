import type { BulkRow, PiiCipher } from '@huzhu/server';
import { offices } from './agencies.data.ts';
import { type MemberBatchItem, memberStream } from './member-stream.ts';
import { substream } from './prng.ts';
import { type PlannedUnit, planUnits, type SeededAgency } from './unit-planner.ts';

export type OfficeKey = keyof typeof offices;

export interface OfficeSize {
  units: number;
  members: number;
}

export interface RowEnvironment {
  cipher: PiiCipher;
  /** ISO instant stamped on created_at / updated_at. */
  now: string;
  /** China date that ages are counted from. */
  today: string;
  newId(): string;
}

/** One office's rows: organisations and units up front (small), members as a stream (large). */
export interface OfficePlan {
  key: OfficeKey;
  officeId: string;
  office: BulkRow<'office'>;
  agencies: SeededAgency[];
  agencyRows: BulkRow<'agency'>[];
  units: PlannedUnit[];
  members(): Generator<MemberBatchItem>;
}

// About 8 % of members are gig workers: 3 points of them individuals without a unit, the rest with platform units.
const UNITLESS_GIG_SHARE = 0.03;
const PLATFORM_SHARE_OF_UNIT_MEMBERS = 0.05 / (1 - UNITLESS_GIG_SHARE);
/** The demo unit agent works for the first 江北区 unit, which therefore always has members. */
export const ANCHOR_AGENCY = 'D500105';
const SALTS: Record<OfficeKey, number> = { CQ: 1, GZ: 2 };

export function planOffice(key: OfficeKey, size: OfficeSize, seed: number, env: RowEnvironment): OfficePlan {
  const spec = offices[key];
  const officeId = env.newId();
  const agencies = spec.agencies.map((a) => ({ id: env.newId(), spec: a }));
  const unitless = Math.round(size.members * UNITLESS_GIG_SHARE);
  const units = planUnits(substream(seed, 100 + SALTS[key]), {
    officeId,
    office: spec,
    agencies,
    units: size.units,
    membersInUnits: size.members - unitless,
    platformShare: PLATFORM_SHARE_OF_UNIT_MEMBERS,
    anchorAgencyCode: key === 'CQ' ? ANCHOR_AGENCY : undefined,
    now: env.now,
    newId: env.newId,
  });
  return {
    key,
    officeId,
    office: { id: officeId, code: spec.code, name: spec.name, region_code: spec.regionCode, created_at: env.now },
    agencies,
    agencyRows: agencies.map((a) => ({
      id: a.id,
      office_id: officeId,
      code: a.spec.code,
      name: a.spec.name,
      kind: a.spec.kind,
      region_code: a.spec.regionCode,
      created_at: env.now,
    })),
    units,
    members: () =>
      memberStream(substream(seed, 200 + SALTS[key]), {
        officeId,
        office: spec,
        units,
        unitless,
        cipher: env.cipher,
        today: env.today,
        now: env.now,
        newId: env.newId,
      }),
  };
}
