import { type BenefitRule, decisionDueDate, materialSlots, missingSlots, requiredSlots } from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { requirePermission, scopeOf } from '../access/policy.ts';
import type { ServiceDeps } from './service-deps.ts';
import { AppError } from '../errors.ts';
import { claimAssessmentRepository } from '../repositories/claim-assessment.repository.ts';
import { claimRepository } from '../repositories/claim.repository.ts';
import { assessClaimPolicies, assessedTotal, engineFacts } from './claim-assessment.service.ts';
import { loadClaimDetail } from './claim-query.service.ts';
import { moveClaim, requireClaim } from './claim-transition.service.ts';
import type { NotificationService } from './notification.service.ts';

/** The steps before the office decides: agency pre-check, acceptance (the SLA clock starts), return, resubmission. */
export function createClaimWorkflowService({ db, clock, audit }: ServiceDeps, notify: NotificationService) {
  const detail = (actor: Actor, id: string) => loadClaimDetail(db, scopeOf(actor), id, clock.today());

  return {
    async precheck(actor: Actor, id: string, note?: string) {
      requirePermission(actor, 'claim.precheck');
      await db.transaction().execute(async (trx) => {
        const claim = await requireClaim(trx, scopeOf(actor), id);
        const now = clock.iso();
        await moveClaim(trx, audit, actor, claim, 'precheck', { prechecked_at: now, updated_at: now }, { note });
      });
      return detail(actor, id);
    },

    /** Accepts a claim with complete materials; the decision is due 5 working days later on the official calendar. */
    async accept(actor: Actor, id: string) {
      requirePermission(actor, 'claim.accept');
      const today = clock.today();
      const dueDate = decisionDueDate(today);
      await db.transaction().execute(async (trx) => {
        const claim = await requireClaim(trx, scopeOf(actor), id);
        const [assessments, materials] = await Promise.all([
          claimAssessmentRepository.forClaim(trx, claim.office_id, id),
          claimRepository.materials(trx, claim.office_id, id),
        ]);
        const required = requiredSlots(
          assessments.flatMap((a) => (a.rule_kind ? [a.rule_kind as BenefitRule['kind']] : [])),
        );
        // Only a legal move is worth a materials check; an illegal one answers INVALID_TRANSITION first.
        if (['submitted', 'prechecked'].includes(claim.status)) {
          const missing = missingSlots(
            required,
            materials.map((m) => m.slot),
          );
          if (missing.length > 0)
            throw new AppError(
              'MATERIALS_INCOMPLETE',
              { missingSlots: missing, labels: missing.map((s) => materialSlots[s]) },
              `申领材料不齐全，缺少：${missing.map((s) => materialSlots[s]).join('；')}`,
            );
        }
        const now = clock.iso();
        await moveClaim(
          trx,
          audit,
          actor,
          claim,
          'accept',
          { accepted_at: now, due_date: dueDate, updated_at: now },
          { dueDate },
        );
      });
      await notify.claims([{ claimId: id, template: 'claim_accepted', params: { dueDate } }]);
      return detail(actor, id);
    },

    /** Sends a claim back to the unit before acceptance (after acceptance the reviewer returns it by a decision). */
    async return(actor: Actor, id: string, reason: string) {
      requirePermission(actor, 'claim.accept');
      await db.transaction().execute(async (trx) => {
        const claim = await requireClaim(trx, scopeOf(actor), id);
        if (!['submitted', 'prechecked'].includes(claim.status))
          throw new AppError('INVALID_TRANSITION', { from: claim.status, command: 'return' });
        const now = clock.iso();
        await moveClaim(trx, audit, actor, claim, 'return', { return_reason: reason, updated_at: now }, { reason });
      });
      await notify.claims([{ claimId: id, template: 'claim_returned', params: { reason } }]);
      return detail(actor, id);
    },

    /** The unit sends a returned claim again; it is assessed afresh (other claims may have used the caps meanwhile). */
    async resubmit(actor: Actor, id: string, note?: string) {
      requirePermission(actor, 'claim.create');
      await db.transaction().execute(async (trx) => {
        const claim = await requireClaim(trx, scopeOf(actor), id);
        const now = clock.iso();
        const current = await claimAssessmentRepository.forClaim(trx, claim.office_id, id);
        const { rows } = await assessClaimPolicies(
          trx,
          { id, officeId: claim.office_id, memberId: claim.member_id, facts: engineFacts(claim) },
          { policyIds: current.map((a) => a.policy_id) },
          now,
        );
        const total = assessedTotal(rows as { payable: number; amount_fen: number }[]);
        await moveClaim(
          trx,
          audit,
          actor,
          claim,
          'resubmit',
          { assessed_amount_fen: total, due_date: null, updated_at: now },
          { note, assessedAmountFen: total },
        );
        await claimAssessmentRepository.replace(trx, claim.office_id, id, rows);
      });
      return detail(actor, id);
    },
  };
}
