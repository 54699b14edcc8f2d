import { type ErrorCode, errorMessages } from '../errors.ts';
import type { ProductVersion } from '../products/product.schema.ts';
import { addDays, addMonths, ageOn, diffDays, type IsoDate } from '../time/dates.ts';

/** A policy's covered period: [startDate, endDate], both inclusive (12 months from 2025-01-01 ends 2025-12-31). */
export function termEnd(term: ProductVersion['term'], startDate: IsoDate): IsoDate {
  // A roster asks the same question once per row: the last answer is kept.
  if (lastTermEnd.unit === term.unit && lastTermEnd.length === term.length && lastTermEnd.start === startDate)
    return lastTermEnd.end;
  const end = computeTermEnd(term, startDate);
  lastTermEnd = { unit: term.unit, length: term.length, start: startDate, end };
  return end;
}

let lastTermEnd = { unit: '', length: 0, start: '', end: '' };

function computeTermEnd(term: ProductVersion['term'], startDate: IsoDate): IsoDate {
  if (term.unit === 'days') return addDays(startDate, term.length - 1);
  const anniversary = addMonths(startDate, term.length);
  // When the start day does not exist in the target month (29 Feb → 2025), the anniversary rolls over to the 1st of
  // the next month, so the term ends on the target month's last day (clamped) rather than a day earlier.
  const clamped = anniversary.slice(8) !== startDate.slice(8);
  return clamped ? anniversary : addDays(anniversary, -1);
}

/**
 * The last day of the waiting period, or null when there is none. An event is in the waiting period when
 * `eventDate < startDate + waitingDays` (start 2025-01-01, 90 days → last waiting day 2025-03-31).
 */
export function waitingEnd(startDate: IsoDate, waitingDays: number, continuous: boolean): IsoDate | null {
  if (continuous || waitingDays <= 0) return null;
  return addDays(startDate, waitingDays - 1);
}

/** An existing policy of the member, as eligibility needs it. */
export interface HeldPolicy {
  productCode: string;
  exclusiveGroup: string | null;
  startDate: IsoDate;
  endDate: IsoDate;
  cancelled?: boolean;
}

/** Same product, or the same exclusive group: policies that compete for one member. */
const competes = (p: HeldPolicy, product: ProductVersion) =>
  p.productCode === product.code || (product.exclusiveGroup !== null && p.exclusiveGroup === product.exclusiveGroup);

/**
 * Continuous renewal: a competing policy ended before the new start, with at most `graceDays` uncovered days in
 * between (ended 2025-12-31, grace 30: a start on 2026-01-31 is continuous, on 2026-02-01 it is not).
 */
export function isContinuousRenewal(product: ProductVersion, startDate: IsoDate, held: HeldPolicy[]): boolean {
  return held.some(
    (p) =>
      !p.cancelled &&
      competes(p, product) &&
      p.endDate < startDate &&
      diffDays(p.endDate, startDate) - 1 <= product.graceDays,
  );
}

export interface Candidate {
  birthDate: IsoDate;
  sex: 'male' | 'female';
  hasMedicalInsurance: boolean;
  shares: number;
}

export interface EligibilityIssue {
  code: ErrorCode;
  field: 'birthDate' | 'sex' | 'shares' | 'medicalInsurance' | 'policy';
  message: string;
}

export interface CoverageTerms {
  startDate: IsoDate;
  endDate: IsoDate;
  waitingEndDate: IsoDate | null;
  /** The waiting period for illness applies only on first enrolment; accidents have their own. */
  accidentWaitingEndDate: IsoDate | null;
  continuous: boolean;
  feeFen: number;
}

const problem = (code: ErrorCode, field: EligibilityIssue['field'], detail?: string): EligibilityIssue => ({
  code,
  field,
  message: detail ? `${errorMessages[code]}（${detail}）` : errorMessages[code],
});

/** Every rule a candidate must meet to be enrolled in `product` from `startDate`; an empty list means eligible. */
export function checkEligibility(
  product: ProductVersion,
  candidate: Candidate,
  startDate: IsoDate,
  held: HeldPolicy[],
): EligibilityIssue[] {
  const issues: EligibilityIssue[] = [];
  const age = ageOn(candidate.birthDate, startDate);
  if (age < product.minAge || age > product.maxAge)
    issues.push(
      problem('AGE_OUT_OF_RANGE', 'birthDate', `参保开始日 ${age} 周岁，须 ${product.minAge}–${product.maxAge} 周岁`),
    );
  if (product.sex !== 'any' && candidate.sex !== product.sex) issues.push(problem('SEX_NOT_ELIGIBLE', 'sex'));
  if (
    !Number.isInteger(candidate.shares) ||
    candidate.shares < product.minShares ||
    candidate.shares > product.maxShares
  )
    issues.push(problem('SHARES_OUT_OF_RANGE', 'shares', `须 ${product.minShares}–${product.maxShares} 份`));
  if (product.requiresMedicalInsurance && !candidate.hasMedicalInsurance)
    issues.push(problem('MEDICAL_INSURANCE_REQUIRED', 'medicalInsurance'));
  const endDate = termEnd(product.term, startDate);
  for (const p of held) {
    if (p.cancelled || !competes(p, product)) continue;
    const overlaps = p.startDate <= endDate && startDate <= p.endDate;
    if (!overlaps) continue;
    issues.push(
      p.productCode === product.code
        ? problem('ALREADY_COVERED', 'policy', `已有保障 ${p.startDate} 至 ${p.endDate}`)
        : problem('EXCLUSIVE_GROUP_CONFLICT', 'policy', `已参加 ${p.productCode}，${p.startDate} 至 ${p.endDate}`),
    );
    break;
  }
  return issues;
}

/** The dates and fee of a new policy (call after checkEligibility found nothing). */
export function coverageTerms(
  product: ProductVersion,
  shares: number,
  startDate: IsoDate,
  held: HeldPolicy[],
): CoverageTerms {
  const continuous = isContinuousRenewal(product, startDate, held);
  return {
    startDate,
    endDate: termEnd(product.term, startDate),
    waitingEndDate: waitingEnd(startDate, product.waitingDays.illness, continuous),
    accidentWaitingEndDate: waitingEnd(startDate, product.waitingDays.accident, continuous),
    continuous,
    feeFen: product.feePerShareFen * shares,
  };
}

/**
 * Unit participation: enrolled ÷ headcount (female headcount for a female-only product) against the product minimum.
 * Returns null when the product has no minimum or the unit declared no headcount.
 */
export function participationShortfall(
  product: ProductVersion,
  enrolled: number,
  unit: { headcount: number; femaleHeadcount: number | null },
): { ratioBp: number; minimumBp: number } | null {
  if (product.minParticipationBp === null) return null;
  const base = product.sex === 'female' ? (unit.femaleHeadcount ?? 0) : unit.headcount;
  if (base <= 0) return null;
  const ratioBp = Math.floor((enrolled * 10_000) / base);
  return ratioBp < product.minParticipationBp ? { ratioBp, minimumBp: product.minParticipationBp } : null;
}

/**
 * A policy's start: the requested date, or the day after payment was confirmed if that is later.
 */
export function effectiveStart(requestedStart: IsoDate, paidOn: IsoDate): IsoDate {
  const dayAfter = addDays(paidOn, 1);
  return dayAfter > requestedStart ? dayAfter : requestedStart;
}

export const policyStatuses = ['pending', 'waiting', 'active', 'expired', 'paid_out', 'cancelled'] as const;
export type PolicyStatus = (typeof policyStatuses)[number];
export const policyStatusLabels: Record<PolicyStatus, string> = {
  pending: '未起保',
  waiting: '等待期',
  active: '保障中',
  expired: '已到期',
  paid_out: '已给付终止',
  cancelled: '已撤销',
};

/** What a policy is on `today`: its stored state (paid out, cancelled) first, then its dates. */
export function policyStatus(
  p: { state: string; startDate: IsoDate; endDate: IsoDate; waitingEndDate: IsoDate | null },
  today: IsoDate,
): PolicyStatus {
  if (p.state === 'paid_out') return 'paid_out';
  if (p.state === 'cancelled') return 'cancelled';
  if (today < p.startDate) return 'pending';
  if (today > p.endDate) return 'expired';
  if (p.waitingEndDate && today <= p.waitingEndDate) return 'waiting';
  return 'active';
}
