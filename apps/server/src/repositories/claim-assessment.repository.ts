import type { Insertable } from 'kysely';
import { insertMany } from '../db/insert-many.ts';
import type { ClaimAssessmentTable, Db } from '../db/tables.ts';

/** Claim statuses whose granted amounts count against a policy's caps and once-only benefits. */
export const GRANTED_STATUSES = ['approved', 'paid', 'payout_failed'] as const;

export const claimAssessmentRepository = {
  /** The member's policies a claim may be matched to (one, when the filer named it); cancelled ones never pay. */
  candidatePolicies: (db: Db, officeId: string, memberId: string, policyId?: string) =>
    db
      .selectFrom('policy')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('member_id', '=', memberId)
      .where('state', '!=', 'cancelled')
      .$if(!!policyId, (q) => q.where('id', '=', policyId!))
      .orderBy('start_date')
      .execute(),

  policiesByIds: (db: Db, officeId: string, ids: string[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : db.selectFrom('policy').selectAll().where('office_id', '=', officeId).where('id', 'in', ids).execute(),

  /**
   * Takes the write lock on these policies (a no-op update): two decisions on claims of the same policy then run one
   * after the other, so a term cap cannot be spent twice. SQLite has one writer anyway; PostgreSQL locks the rows.
   */
  lockPolicies: (db: Db, officeId: string, ids: string[]) =>
    ids.length === 0
      ? Promise.resolve()
      : db
          .updateTable('policy')
          .set((eb) => ({ state: eb.ref('state') }))
          .where('office_id', '=', officeId)
          .where('id', 'in', ids)
          .execute()
          .then(() => undefined),

  /** What other claims were granted on these policies: the engine's PriorPayment input. */
  granted: (db: Db, officeId: string, policyIds: string[], exceptClaimId: string) =>
    policyIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('claim_assessment')
          .innerJoin('claim', 'claim.id', 'claim_assessment.claim_id')
          .select([
            'claim_assessment.policy_id',
            'claim_assessment.rule_kind',
            'claim_assessment.approved_amount_fen',
            'claim_assessment.days',
          ])
          .where('claim_assessment.office_id', '=', officeId)
          .where('claim_assessment.policy_id', 'in', policyIds)
          .where('claim_assessment.claim_id', '!=', exceptClaimId)
          .where('claim_assessment.approved_amount_fen', '>', 0)
          .where('claim.status', 'in', [...GRANTED_STATUSES])
          .execute(),

  /** A claim's assessments with what the reviewer needs beside them: product and policy term. */
  forClaim: (db: Db, officeId: string, claimId: string) =>
    db
      .selectFrom('claim_assessment')
      .innerJoin('policy', 'policy.id', 'claim_assessment.policy_id')
      .innerJoin('product_version', 'product_version.id', 'policy.product_version_id')
      .selectAll('claim_assessment')
      .select(['policy.product_code', 'product_version.name as product_name', 'policy.start_date', 'policy.end_date'])
      .where('claim_assessment.office_id', '=', officeId)
      .where('claim_assessment.claim_id', '=', claimId)
      .orderBy('policy.start_date')
      .orderBy('claim_assessment.policy_id')
      .execute(),

  /** Replaces a claim's assessments (a re-assessment after resubmission or before a decision). */
  async replace(db: Db, officeId: string, claimId: string, rows: Insertable<ClaimAssessmentTable>[]) {
    await db.deleteFrom('claim_assessment').where('office_id', '=', officeId).where('claim_id', '=', claimId).execute();
    await insertMany(db, 'claim_assessment', rows);
  },

  setApproved: (db: Db, id: string, amountFen: number) =>
    db.updateTable('claim_assessment').set({ approved_amount_fen: amountFen }).where('id', '=', id).execute(),

  /** Marks a policy paid out (a lump sum ended it), only from in force; true when it changed. */
  async markPaidOut(db: Db, officeId: string, policyId: string) {
    const res = await db
      .updateTable('policy')
      .set({ state: 'paid_out' })
      .where('office_id', '=', officeId)
      .where('id', '=', policyId)
      .where('state', '=', 'in_force')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
};
