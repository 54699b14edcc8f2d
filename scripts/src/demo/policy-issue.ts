import crypto from 'node:crypto';
import { checkEligibility, coverageTerms, type HeldPolicy, type ProductVersion } from '@huzhu/core';
import type { BulkRow } from '@huzhu/server';

/** Issuing one policy as the services do: eligibility, coverage terms, continuity and a certificate code. */
export interface DemoProduct {
  id: string;
  version: ProductVersion;
}

export interface CoverageEnv {
  officeId: string;
  today: string;
  /** The office's current product versions by code. */
  products: ReadonlyMap<string, DemoProduct>;
  /** Who created and paid the batches (the office admin: the demo has no history of unit agents). */
  actorId: string;
  newId(): string;
}

/** A member's policies, oldest first, with the eligibility view of them. */
export interface MemberCoverage {
  policies: BulkRow<'policy'>[];
  held: HeldPolicy[];
}

/** Share of enrolled units, and of covered gig workers, whose cover has lapsed. */
export const LAPSED_SHARE = 0.1;

/** ISO instant at a China office hour of `date` (09:00–16:00 China time is 01:00–08:00 UTC, the same date). */
export const instantOn = (date: string, hourUtc: number, minute = 0) =>
  `${date}T${String(hourUtc).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;

// Certificate codes are random (a code must not be guessable from another), drawn from a pool refilled 4 KiB at a
// time: one call to the system's random source per policy was a noticeable share of a large load.
const CODE_BYTES = 12;
let pool = Buffer.alloc(0);
let at = 0;
export function certificateCode(): string {
  if (at + CODE_BYTES > pool.length) {
    pool = crypto.randomBytes(CODE_BYTES * 341);
    at = 0;
  }
  at += CODE_BYTES;
  return pool.subarray(at - CODE_BYTES, at).toString('base64url');
}

export const coverageOf = (store: Map<string, MemberCoverage>, memberId: string) => {
  let c = store.get(memberId);
  if (!c) {
    c = { policies: [], held: [] };
    store.set(memberId, c);
  }
  return c;
};

export interface PolicyInput {
  product: DemoProduct;
  member: BulkRow<'member'>;
  shares: number;
  start: string;
  unitId: string | null;
  agencyId: string | null;
  batchId: string | null;
  createdAt: string;
}

/** A policy as the services write it, or null when the member is not eligible from `start`. */
export function issuePolicy(env: CoverageEnv, cover: MemberCoverage, p: PolicyInput): BulkRow<'policy'> | null {
  const v = p.product.version;
  const m = p.member;
  const candidate = {
    birthDate: m.birth_date,
    sex: m.sex as 'male' | 'female',
    hasMedicalInsurance: m.has_medical_insurance === 1,
    shares: p.shares,
  };
  if (checkEligibility(v, candidate, p.start, cover.held).length > 0) return null;
  const terms = coverageTerms(
    v,
    p.shares,
    p.start,
    cover.held.filter((h) => h.endDate < p.start),
  );
  // The term it renews: the same product's last policy, when continuity holds.
  const previous = [...cover.policies].reverse().find((x) => x.product_code === v.code);
  const row: BulkRow<'policy'> = {
    id: env.newId(),
    office_id: env.officeId,
    member_id: m.id,
    unit_id: p.unitId,
    agency_id: p.agencyId,
    batch_id: p.batchId,
    product_version_id: p.product.id,
    product_code: v.code,
    exclusive_group: v.exclusiveGroup,
    channel: v.channel,
    shares: p.shares,
    fee_fen: terms.feeFen,
    start_date: terms.startDate,
    end_date: terms.endDate,
    waiting_end_date: terms.waitingEndDate,
    accident_waiting_end_date: terms.accidentWaitingEndDate,
    continuous: terms.continuous ? 1 : 0,
    renewal_of: terms.continuous && previous ? previous.id : null,
    state: 'in_force',
    certificate_code: certificateCode(),
    created_at: p.createdAt,
  };
  cover.policies.push(row);
  cover.held.push({
    productCode: v.code,
    exclusiveGroup: v.exclusiveGroup,
    startDate: terms.startDate,
    endDate: terms.endDate,
  });
  return row;
}
