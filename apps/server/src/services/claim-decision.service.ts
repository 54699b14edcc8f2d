import {
  chinaDate,
  type ClaimDecisionBody,
  type ClaimFlag,
  type ClaimStatus,
  can,
  claimTransition,
  fenToYuanText,
  planDecision,
  workingDaysBetween,
} from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { requirePermission, scopeOf } from '../access/policy.ts';
import type { ServiceDeps } from './service-deps.ts';
import type { Db } from '../db/tables.ts';
import { AppError, unwrap } from '../errors.ts';
import { claimAssessmentRepository as assessments } from '../repositories/claim-assessment.repository.ts';
import { assessClaimPolicies, engineFacts } from './claim-assessment.service.ts';
import { loadClaimDetail } from './claim-query.service.ts';
import { moveClaim, requireClaim } from './claim-transition.service.ts';
import type { NotificationService } from './notification.service.ts';

const invalid = (field: string, message: string) => new AppError('VALIDATION_FAILED', { field, message });

/** The office decision: approve (possibly another amount, with a reason), reject (with a reason) or return. */
export function createClaimDecisionService({ db, clock, audit, config }: ServiceDeps, notify: NotificationService) {
  async function approve(
    trx: Db,
    actor: Actor,
    claim: Awaited<ReturnType<typeof requireClaim>>,
    body: ClaimDecisionBody,
  ) {
    unwrap(claimTransition(claim.status as ClaimStatus, 'approve'));
    const now = clock.iso();
    const current = await assessments.forClaim(trx, claim.office_id, claim.id);
    const policyIds = current.map((a) => a.policy_id);
    // Re-assessed under lock: a claim approved meanwhile on the same policy may have used the term cap.
    await assessments.lockPolicies(trx, claim.office_id, policyIds);
    const { rows, ceilings } = await assessClaimPolicies(
      trx,
      { id: claim.id, officeId: claim.office_id, memberId: claim.member_id, facts: engineFacts(claim) },
      { policyIds },
      now,
    );
    const flags = JSON.parse(claim.flags_json) as ClaimFlag[];
    const duplicate = flags.find((f) => f.code === 'DUPLICATE_INVOICE');
    const planned = planDecision({
      lines: rows.map((r) => ({
        policyId: r.policy_id,
        payable: r.payable === 1,
        amountFen: r.amount_fen,
        hasRule: r.rule_kind !== null,
        ceilingFen: ceilings.get(r.policy_id) ?? 0,
      })),
      amountFen: body.amountFen,
      reason: body.reason,
      allocations: body.allocations,
      canOverride: can(actor.role, 'claim.override'),
      override: body.override,
      duplicateInvoice: duplicate ? { details: duplicate.details } : undefined,
      officeLimitFen: config.maxApprovalFen,
    });
    if (!planned.ok) {
      const { code, details } = planned.error;
      const message =
        code === 'APPROVAL_CEILING_EXCEEDED' || code === 'FORBIDDEN'
          ? (details as { message?: string }).message
          : undefined;
      throw new AppError(code, details, message);
    }
    const { amountFen, assessedFen: assessed, allocations } = planned.value;
    for (const [i, r] of rows.entries()) r.approved_amount_fen = allocations[i]!.amountFen;

    await moveClaim(
      trx,
      audit,
      actor,
      claim,
      'approve',
      {
        approved_amount_fen: amountFen,
        assessed_amount_fen: assessed,
        decided_at: now,
        decided_by: actor.id,
        decision_working_days: decisionWorkingDays(claim.accepted_at, now),
        decision_reason: body.reason ?? null,
        override_reason: body.override ? (body.reason ?? null) : null,
        updated_at: now,
      },
      {
        amountFen,
        assessedAmountFen: assessed,
        reason: body.reason,
        override: body.override ? 'DUPLICATE_INVOICE' : undefined,
        aboveAssessment: planned.value.aboveAssessment || undefined,
        allocations: rows.map((r) => ({ policyId: r.policy_id, amountFen: r.approved_amount_fen })),
      },
    );
    await assessments.replace(trx, claim.office_id, claim.id, rows);
    // A lump sum pays once per policy: the policy ends with the approval (a coverage change, audited).
    for (const r of rows) {
      if (r.rule_kind !== 'lump_sum' || !r.approved_amount_fen) continue;
      if (await assessments.markPaidOut(trx, claim.office_id, r.policy_id))
        await audit.record(trx, actor, {
          action: 'policy.paid_out',
          objectType: 'policy',
          objectId: r.policy_id,
          before: { state: 'in_force' },
          after: { state: 'paid_out', claimId: claim.id, amountFen: r.approved_amount_fen },
        });
    }
    return amountFen;
  }

  return {
    async decide(actor: Actor, id: string, body: ClaimDecisionBody) {
      requirePermission(actor, 'claim.decide');
      if (body.decision !== 'approve' && !body.reason)
        throw invalid('reason', body.decision === 'reject' ? '不予给付须填写理由' : '退回须说明需要补充的信息');
      if (body.override) {
        requirePermission(actor, 'claim.override');
        if (!body.reason) throw invalid('reason', '越过重复发票提示核准，须填写理由');
      }
      let amountFen = 0;
      await db.transaction().execute(async (trx) => {
        const claim = await requireClaim(trx, scopeOf(actor), id);
        const now = clock.iso();
        if (body.decision === 'approve') amountFen = await approve(trx, actor, claim, body);
        else if (body.decision === 'reject')
          await moveClaim(
            trx,
            audit,
            actor,
            claim,
            'reject',
            {
              decided_at: now,
              decided_by: actor.id,
              decision_working_days: decisionWorkingDays(claim.accepted_at, now),
              decision_reason: body.reason!,
              updated_at: now,
            },
            { reason: body.reason },
          );
        else
          await moveClaim(
            trx,
            audit,
            actor,
            claim,
            'return',
            { return_reason: body.reason!, due_date: null, updated_at: now },
            { reason: body.reason },
          );
      });
      await notify.claims([
        body.decision === 'approve'
          ? { claimId: id, template: 'claim_approved', params: { amount: fenToYuanText(amountFen) } }
          : {
              claimId: id,
              template: body.decision === 'reject' ? 'claim_rejected' : 'claim_returned',
              params: { reason: body.reason! },
            },
      ]);
      return loadClaimDetail(db, scopeOf(actor), id, clock.today());
    },
  };
}

/** Working days from acceptance to decision on the official calendar, China dates (the 5-working-day promise). */
function decisionWorkingDays(acceptedAt: string | null, decidedAt: string): number | null {
  if (!acceptedAt) return null;
  return workingDaysBetween(chinaDate(new Date(acceptedAt)), chinaDate(new Date(decidedAt)));
}
