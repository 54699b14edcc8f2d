import { fenToYuanText } from '../money.ts';
import type { BenefitRule } from '../products/product.schema.ts';
import { err, ok, type Result } from '../result.ts';
import type { PriorPayment } from './benefit-engine.ts';

/**
 * The office decision on a claim's amount, pure (issue 15 item 1): what the approved total is, how it splits over
 * the claim's policies, and which approvals are refused — an amount above the assessment without the override
 * permission or a reason, and any amount above the ceiling: the least of what the policies can still pay in their
 * term (product term caps) and the office's approval limit.
 */

/** The office approval limit when none is configured: ¥500,000. */
export const DEFAULT_MAX_APPROVAL_FEN = 50_000_000;

/** Most a rule can pay on one policy of `shares` shares in one term, before anything is paid. */
export function ruleTermCapFen(rule: BenefitRule, shares: number): number {
  switch (rule.kind) {
    case 'lump_sum': {
      const perShare = Math.max(
        rule.amountPerShareFen,
        rule.inSituAmountPerShareFen ?? 0,
        ...(rule.stages ?? []).flatMap((s) => [s.amountPerShareFen, s.inSituAmountPerShareFen ?? 0]),
      );
      return perShare * shares;
    }
    case 'daily_allowance':
      return rule.amountPerShareFen * shares * rule.maxDaysPerTerm;
    case 'banded_reimbursement':
    case 'deductible_ratio':
      return rule.termCapFen;
    case 'death_disability':
      return rule.sumFen;
  }
}

/** What the rule can still pay on the policy in this term: its term cap less what earlier claims were granted. */
export function termCeilingFen(rule: BenefitRule, shares: number, prior: PriorPayment[]): number {
  const paid = prior.filter((p) => p.ruleKind === rule.kind).reduce((s, p) => s + p.amountFen, 0);
  return Math.max(0, ruleTermCapFen(rule, shares) - paid);
}

/** One policy's line of the claim's assessment, as the decision sees it. */
export interface DecisionLine {
  policyId: string;
  /** The engine pays on this policy (its amount counts in the assessed total). */
  payable: boolean;
  amountFen: number;
  /** The policy's product has a rule for the claim's kind (only such a policy can be granted anything). */
  hasRule: boolean;
  /** What this policy can still pay in its term (0 when it has no rule). */
  ceilingFen: number;
}

export interface DecisionInput {
  lines: DecisionLine[];
  /** The approved total asked for; absent = the assessed total. */
  amountFen?: number;
  reason?: string;
  allocations?: { policyId: string; amountFen: number }[];
  /** The reviewer holds `claim.override` (needed for an amount above the assessment, or past a duplicate flag). */
  canOverride: boolean;
  /** Approve despite a DUPLICATE_INVOICE flag. */
  override?: boolean;
  /** The claim's DUPLICATE_INVOICE flag (with its details), when it carries one. */
  duplicateInvoice?: { details?: unknown };
  /** The office approval limit (HUZHU_MAX_APPROVAL_FEN). */
  officeLimitFen: number;
}

export interface DecisionPlan {
  amountFen: number;
  assessedFen: number;
  /** The approved total differs from the assessed one. */
  changed: boolean;
  /** The approved total is above the assessed one (an override). */
  aboveAssessment: boolean;
  /** The highest total this claim could be approved at. */
  ceilingFen: number;
  /** Granted per policy, one entry per line in the lines' order. */
  allocations: { policyId: string; amountFen: number }[];
}

const invalid = (field: string, message: string) => err('VALIDATION_FAILED', { field, message });
const yuan = (fen: number) => `${fenToYuanText(fen)} 元`;

export function planDecision(input: DecisionInput): Result<DecisionPlan> {
  const { lines } = input;
  const assessedFen = lines.reduce((s, l) => s + (l.payable ? l.amountFen : 0), 0);
  const amountFen = input.amountFen ?? assessedFen;
  if (amountFen <= 0) return invalid('amountFen', '测算没有可给付金额；如确需给付，请填写核准金额和理由');
  const changed = amountFen !== assessedFen;
  const reason = input.reason?.trim() || undefined;
  if (changed && !reason)
    return invalid('reason', `核准金额 ${yuan(amountFen)}与测算金额 ${yuan(assessedFen)}不同，须填写理由`);
  const aboveAssessment = amountFen > assessedFen;
  if (aboveAssessment && !input.canOverride)
    return err('FORBIDDEN', {
      field: 'amountFen',
      message: `核准金额高于测算金额 ${yuan(assessedFen)}，须由有越权核准权限的审核人员办理`,
    });
  if (input.override && !input.canOverride) return err('FORBIDDEN', { field: 'override' });
  if (input.override && !reason) return invalid('reason', '越过重复发票提示核准，须填写理由');
  if (input.duplicateInvoice && !input.override) return err('DUPLICATE_INVOICE', input.duplicateInvoice.details);

  const termCeiling = lines.filter((l) => l.hasRule).reduce((s, l) => s + l.ceilingFen, 0);
  const ceilingFen = Math.min(termCeiling, input.officeLimitFen);
  if (amountFen > ceilingFen) {
    const which =
      ceilingFen === input.officeLimitFen && input.officeLimitFen < termCeiling
        ? `本办事处单笔核准上限 ${yuan(input.officeLimitFen)}`
        : `保障本期剩余给付额度 ${yuan(termCeiling)}`;
    return err('APPROVAL_CEILING_EXCEEDED', {
      field: 'amountFen',
      ceilingFen,
      message: `核准金额 ${yuan(amountFen)}超过上限：${which}`,
    });
  }

  const split = allocate(lines, amountFen, changed, input.allocations);
  if (!split.ok) return split;
  for (const a of split.value) {
    const line = lines.find((l) => l.policyId === a.policyId)!;
    if (a.amountFen > line.ceilingFen)
      return err('APPROVAL_CEILING_EXCEEDED', {
        field: 'allocations',
        policyId: a.policyId,
        ceilingFen: line.ceilingFen,
        message: `分配给该保障的 ${yuan(a.amountFen)}超过其本期剩余给付额度 ${yuan(line.ceilingFen)}`,
      });
  }
  return ok({ amountFen, assessedFen, changed, aboveAssessment, ceilingFen, allocations: split.value });
}

/**
 * Splits the approved total over the claim's policies: as the engine assessed when the total is unchanged; otherwise
 * by the reviewer's allocations, or wholly to the one policy that has a rule for the claim.
 */
function allocate(
  lines: DecisionLine[],
  amountFen: number,
  changed: boolean,
  given: DecisionInput['allocations'],
): Result<{ policyId: string; amountFen: number }[]> {
  const grantable = lines.filter((l) => l.hasRule);
  let byPolicy: Map<string, number>;
  if (given) {
    const ids = given.map((g) => g.policyId);
    if (new Set(ids).size !== ids.length || ids.some((id) => !grantable.some((l) => l.policyId === id)))
      return invalid('allocations', '分配的保障须是本申领测算过、且有对应给付责任的保障，且不得重复');
    if (given.reduce((s, g) => s + g.amountFen, 0) !== amountFen)
      return invalid('allocations', '各项分配金额之和须等于核准金额');
    byPolicy = new Map(given.map((g) => [g.policyId, g.amountFen]));
  } else if (!changed) {
    byPolicy = new Map(lines.map((l) => [l.policyId, l.payable ? l.amountFen : 0]));
  } else if (grantable.length === 1) {
    byPolicy = new Map([[grantable[0]!.policyId, amountFen]]);
  } else {
    return invalid('allocations', '本申领涉及多项保障，核准金额与测算金额不同时须逐项分配');
  }
  return ok(lines.map((l) => ({ policyId: l.policyId, amountFen: byPolicy.get(l.policyId) ?? 0 })));
}
