import {
  assessClaim,
  type BenefitRule,
  type ClaimFacts,
  type ClaimFactsInput,
  type ClaimKind,
  type PriorPayment,
  termCeilingFen,
} from '@huzhu/core';
import type { Insertable } from 'kysely';
import type { ClaimAssessmentTable, ClaimRow, Db, PolicyRow } from '../db/tables.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { claimAssessmentRepository as assessments } from '../repositories/claim-assessment.repository.ts';
import { loadVersion, type StoredVersion } from './product.service.ts';

/** The facts stored with a claim besides its kind, cause, event date and invoices. */
export type StoredFacts = Omit<ClaimFactsInput, 'kind' | 'cause' | 'eventDate' | 'invoiceNumbers'>;

export const engineFacts = (
  c: Pick<ClaimRow, 'kind' | 'cause' | 'event_date' | 'filed_on' | 'facts_json'>,
): ClaimFacts => ({
  ...(JSON.parse(c.facts_json) as StoredFacts),
  kind: c.kind as ClaimKind,
  cause: c.cause as ClaimFacts['cause'],
  eventDate: c.event_date,
  filedOn: c.filed_on,
});

export interface Assessed {
  rows: Insertable<ClaimAssessmentTable>[];
  policies: PolicyRow[];
  /** Per policy: what its rule for the claim's kind can still pay in the term (0 without a rule). */
  ceilings: Map<string, number>;
}

const ruleFor = (product: StoredVersion, kind: ClaimKind): BenefitRule | undefined =>
  product.benefits.find((b) => b.claimKinds.includes(kind));

/**
 * Runs the benefit engine for a claim on each policy, with the rules the policy was sold under and what other claims
 * were already granted on it. `policyIds` fixes the policies (a re-assessment); otherwise the claim is matched:
 * the named policy, or every policy of the member whose product covers the kind — those in force on the event date,
 * or, when none is, all of them so the answer says why nothing pays.
 */
export async function assessClaimPolicies(
  db: Db,
  claim: { id: string; officeId: string; memberId: string; facts: ClaimFacts },
  match: { policyId?: string | null; policyIds?: string[] },
  assessedAt: string,
): Promise<Assessed> {
  const { facts } = claim;
  let policies: PolicyRow[];
  if (match.policyIds) {
    policies = await assessments.policiesByIds(db, claim.officeId, match.policyIds);
  } else {
    const found = await assessments.candidatePolicies(db, claim.officeId, claim.memberId, match.policyId ?? undefined);
    if (match.policyId && found.length === 0) throw new AppError('NOT_FOUND', { field: 'policyId' });
    policies = found;
    if (!match.policyId) {
      const covering: PolicyRow[] = [];
      for (const p of found)
        if (ruleFor(await loadVersion(db, claim.officeId, p.product_version_id), facts.kind)) covering.push(p);
      const onDate = covering.filter((p) => p.start_date <= facts.eventDate && facts.eventDate <= p.end_date);
      policies = onDate.length > 0 ? onDate : covering;
    }
    if (policies.length === 0)
      throw new AppError('NOT_ELIGIBLE', { field: 'memberId', message: '该会员没有保障此类事件的互助保障' });
  }

  const granted = await assessments.granted(
    db,
    claim.officeId,
    policies.map((p) => p.id),
    claim.id,
  );
  const rows: Insertable<ClaimAssessmentTable>[] = [];
  const ceilings = new Map<string, number>();
  for (const p of policies) {
    const product = await loadVersion(db, claim.officeId, p.product_version_id);
    const prior: PriorPayment[] = granted
      .filter((g) => g.policy_id === p.id && g.rule_kind)
      .map((g) => ({
        ruleKind: g.rule_kind as BenefitRule['kind'],
        amountFen: g.approved_amount_fen ?? 0,
        ...(g.days === null ? {} : { days: g.days }),
      }));
    const a = assessClaim(
      product,
      {
        id: p.id,
        shares: p.shares,
        startDate: p.start_date,
        endDate: p.end_date,
        waitingEndDate: p.waiting_end_date,
        accidentWaitingEndDate: p.accident_waiting_end_date,
        state: p.state as 'in_force' | 'paid_out' | 'cancelled',
      },
      facts,
      prior,
    );
    const rule = ruleFor(product, facts.kind);
    ceilings.set(p.id, rule ? termCeilingFen(rule, p.shares, prior) : 0);
    rows.push({
      id: newId(),
      office_id: claim.officeId,
      claim_id: claim.id,
      policy_id: p.id,
      payable: a.payable ? 1 : 0,
      amount_fen: a.amountFen,
      approved_amount_fen: null,
      code: a.payable ? null : a.code,
      rule_kind: a.payable ? a.ruleKind : (ruleFor(product, facts.kind)?.kind ?? null),
      days: a.payable ? (a.days ?? null) : null,
      ends_policy: a.payable && a.endsPolicy ? 1 : 0,
      lines_json: JSON.stringify(a.lines),
      assessed_at: assessedAt,
    });
  }
  return { rows, policies, ceilings };
}

export const assessedTotal = (rows: { payable: number; amount_fen: number }[]) =>
  rows.reduce((sum, r) => sum + (r.payable === 1 ? r.amount_fen : 0), 0);
