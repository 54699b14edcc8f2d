import { formatFen } from '../money.ts';
import { err, ok, type Result } from '../result.ts';
import { diffDays, type IsoDate } from '../time/dates.ts';
import type { ReliefCategoryCode, ReliefCategoryParams } from './relief-category.ts';

/** The facts of a relief event (medical facts are personal data: the server stores them encrypted). */
export interface ReliefFacts {
  eventDate: IsoDate;
  diseaseCode?: string;
  admissionDate?: IsoDate;
  dischargeDate?: IsoDate;
  selfPaidFen?: number;
  /** A hardship file in force on the event date (hardship relief). */
  hardshipFileInForce?: boolean;
}

/** One earlier relief of the member that still counts against the limits (not rejected, returned for good or dismissed). */
export interface PriorRelief {
  category: ReliefCategoryCode;
  eventDate: IsoDate;
  amountFen: number;
}

/** The calendar year a relief counts in: the year of its event date (31 Dec and 1 Jan fall in different years). */
export const reliefYear = (eventDate: IsoDate): number => Number(eventDate.slice(0, 4));

/** What is left of the member's yearly cap in the event's year. */
export function remainingAllowance(prior: readonly PriorRelief[], year: number, capFen: number): number {
  const used = prior.filter((p) => reliefYear(p.eventDate) === year).reduce((s, p) => s + p.amountFen, 0);
  return Math.max(0, capFen - used);
}

/**
 * Limits (product.md §6): at most `perMemberPerYear` of the category per member per calendar year, and no more than
 * the yearly cap per member over every category. The refusal says what is left.
 */
export function checkReliefLimits(
  category: Pick<ReliefCategoryParams, 'code' | 'name' | 'perMemberPerYear'>,
  amountFen: number,
  eventDate: IsoDate,
  prior: readonly PriorRelief[],
  capFen: number,
): Result<{ remainingAfterFen: number }> {
  const year = reliefYear(eventDate);
  const sameCategory = prior.filter((p) => p.category === category.code && reliefYear(p.eventDate) === year).length;
  const remaining = remainingAllowance(prior, year, capFen);
  if (sameCategory >= category.perMemberPerYear)
    return err('RELIEF_LIMIT_REACHED', {
      reason: 'category',
      year,
      remainingFen: remaining,
      message: `该会员 ${year} 年已享受过${category.name}（每年限 ${category.perMemberPerYear} 次）；本年度剩余额度 ${formatFen(remaining)}`,
    });
  if (amountFen > remaining)
    return err('RELIEF_LIMIT_REACHED', {
      reason: 'cap',
      year,
      remainingFen: remaining,
      message: `该会员 ${year} 年救助慰问累计上限 ${formatFen(capFen)}，本年度剩余额度 ${formatFen(remaining)}，不足本次 ${formatFen(amountFen)}`,
    });
  return ok({ remainingAfterFen: remaining - amountFen });
}

/** Stay days as the claims count them: discharge − admission. */
export const stayDays = (f: Pick<ReliefFacts, 'admissionDate' | 'dischargeDate'>): number | null =>
  f.admissionDate && f.dischargeDate ? diffDays(f.admissionDate, f.dischargeDate) : null;

/** Whether the event meets the category's own rule (besides cover on the event date, which the server checks). */
export function checkReliefEligibility(category: ReliefCategoryParams, facts: ReliefFacts): Result<true> {
  const e = category.eligibility;
  if (!category.active) return err('NOT_ELIGIBLE', { message: `${category.name}已停用` });
  if (e.requiresDiagnosis && !facts.diseaseCode)
    return err('NOT_ELIGIBLE', { field: 'diseaseCode', message: `${category.name}需填写确诊的疾病` });
  if (e.requiresHardshipFile && !facts.hardshipFileInForce)
    return err('NOT_ELIGIBLE', { message: '事件发生日该会员没有有效的困难职工档案' });
  if (e.minStayDays !== undefined || e.minSelfPaidFen !== undefined) {
    const days = stayDays(facts);
    const byStay = e.minStayDays !== undefined && days !== null && days >= e.minStayDays;
    const bySelfPaid =
      e.minSelfPaidFen !== undefined && facts.selfPaidFen !== undefined && facts.selfPaidFen >= e.minSelfPaidFen;
    if (!byStay && !bySelfPaid) {
      const wants = [
        e.minStayDays !== undefined ? `住院 ${e.minStayDays} 天及以上` : null,
        e.minSelfPaidFen !== undefined ? `个人自付 ${formatFen(e.minSelfPaidFen)}及以上` : null,
      ].filter(Boolean);
      return err('NOT_ELIGIBLE', { message: `${category.name}须满足${wants.join('或')}` });
    }
  }
  return ok(true);
}

/**
 * Proactive relief (回头望): the category a paid claim qualifies the member for, if any — a critical illness, or an
 * illness/accident stay or self-paid amount meeting the illness rule. Null when no category's rule is met.
 */
export function proposedCategoryForClaim(
  claim: {
    kind: string;
    cause: string;
    eventDate: IsoDate;
    diseaseCode?: string;
    admissionDate?: IsoDate;
    dischargeDate?: IsoDate;
    selfPaidFen?: number;
  },
  categories: readonly ReliefCategoryParams[],
): ReliefCategoryCode | null {
  const by = (code: ReliefCategoryCode) => categories.find((c) => c.code === code && c.active && !c.batchOnly);
  const critical = by('critical_illness');
  if (claim.kind === 'critical_illness' && critical && checkReliefEligibility(critical, claim).ok)
    return 'critical_illness';
  if (claim.kind === 'death' && by('death')) return 'death';
  const illness = by('illness');
  if (illness && (claim.kind === 'inpatient' || claim.kind === 'female_disease' || claim.kind === 'accident_medical')) {
    if (claim.cause === 'accident' && by('accident')) return 'accident';
    if (checkReliefEligibility(illness, claim).ok) return 'illness';
  }
  if (claim.kind === 'disability' && by('accident')) return 'accident';
  return null;
}
