import type { Insertable } from 'kysely';
import { addDays, checkEligibility, coverageTerms, type RowIssue } from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { requirePermission, scopeOf } from '../access/policy.ts';
import type { ServiceDeps } from './service-deps.ts';
import { insertMany } from '../db/insert-many.ts';
import type { EnrolmentItemTable } from '../db/tables.ts';
import { batchIssueRepository, ISSUE_PREVIEW } from '../repositories/batch-issue.repository.ts';
import { isIdempotencyKeyViolation } from '../db/unique-violation.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { batchRepository } from '../repositories/batch.repository.ts';
import { heldPoliciesByHash } from '../repositories/policy.repository.ts';
import { unitRepository } from '../repositories/unit.repository.ts';
import { currentVersion } from './product.service.ts';

const RENEWAL_WINDOW_DAYS = 60;

/**
 * "Renew last term" (product.md §4): a draft batch of the unit's members whose policies of this product end within
 * the next 60 days and who are still in the unit, under the product's current version, starting the day after the
 * latest of those policies ends — so every renewal is continuous and carries no waiting period.
 */
export function createEnrolmentRenewalService({ db, clock, audit }: ServiceDeps) {
  return {
    async renew(actor: Actor, unitId: string, productCode: string, idempotencyKey?: string) {
      requirePermission(actor, 'batch.create');
      const scope = scopeOf(actor);
      const unit = await unitRepository.findInScope(db, scope, unitId);
      if (!unit) throw new AppError('NOT_FOUND');
      if (idempotencyKey) {
        const done = await batchRepository.findByIdempotencyKey(db, scope.officeId, idempotencyKey);
        if (done) return done.id;
      }
      const product = await currentVersion(db, scope.officeId, productCode);
      const today = clock.today();
      const ending = await db
        .selectFrom('policy')
        .innerJoin('member', 'member.id', 'policy.member_id')
        .select([
          'policy.id as policy_id',
          'policy.shares',
          'policy.end_date',
          'member.id as member_id',
          'member.name',
          'member.id_number_enc',
          'member.id_number_hash',
          'member.id_number_masked',
          'member.sex',
          'member.birth_date',
          'member.mobile',
          'member.employment_kind',
          'member.has_medical_insurance',
        ])
        .where('policy.office_id', '=', scope.officeId)
        .where('policy.unit_id', '=', unit.id)
        .where('policy.product_code', '=', productCode)
        .where('policy.state', '!=', 'cancelled')
        .where('policy.end_date', '>=', today)
        .where('policy.end_date', '<=', addDays(today, RENEWAL_WINDOW_DAYS))
        .where('member.unit_id', '=', unit.id)
        .orderBy('member.name')
        .execute();
      if (ending.length === 0)
        throw new AppError('VALIDATION_FAILED', {
          message: `本单位没有 ${RENEWAL_WINDOW_DAYS} 天内到期、仍在本单位的该产品保障`,
        });
      const latestEnd = ending.map((p) => p.end_date).sort()[ending.length - 1]!;
      const startDate = addDays(latestEnd, 1);
      const held = await heldPoliciesByHash(
        db,
        scope.officeId,
        ending.map((p) => p.id_number_hash),
      );
      const batchId = newId();
      const now = clock.iso();
      const issues: RowIssue[] = [];
      const items: Insertable<EnrolmentItemTable>[] = [];
      let fee = 0;
      let shares = 0;
      for (const [i, p] of ending.entries()) {
        const row = i + 1;
        const mine = held.get(p.id_number_hash) ?? [];
        const candidate = {
          birthDate: p.birth_date,
          sex: p.sex,
          hasMedicalInsurance: p.has_medical_insurance === 1,
          shares: Math.min(Math.max(p.shares, product.minShares), product.maxShares),
        };
        const problems = checkEligibility(product, candidate, startDate, mine);
        if (problems.length) {
          for (const pr of problems)
            issues.push({
              row,
              column: `${p.name}（${p.id_number_masked}）`,
              code: pr.code,
              severity: 'error',
              message: pr.message,
            });
          continue;
        }
        const terms = coverageTerms(product, candidate.shares, startDate, mine);
        fee += terms.feeFen;
        shares += candidate.shares;
        items.push({
          id: newId(),
          office_id: scope.officeId,
          batch_id: batchId,
          row_number: row,
          member_id: p.member_id,
          name: p.name,
          id_number_enc: p.id_number_enc,
          id_number_hash: p.id_number_hash,
          id_number_masked: p.id_number_masked,
          sex: p.sex,
          birth_date: p.birth_date,
          mobile: p.mobile,
          employment_kind: p.employment_kind,
          has_medical_insurance: p.has_medical_insurance,
          shares: candidate.shares,
          fee_fen: terms.feeFen,
          continuous: terms.continuous ? 1 : 0,
          renewal_of: p.policy_id,
        });
      }
      const written = db.transaction().execute(async (trx) => {
        await batchRepository.insertDraft(trx, {
          id: batchId,
          office_id: scope.officeId,
          unit_id: unit.id,
          agency_id: unit.agency_id,
          product_version_id: product.id,
          product_code: product.code,
          kind: 'renewal',
          requested_start: startDate,
          total_rows: ending.length,
          accepted_rows: items.length,
          rejected_rows: ending.length - items.length,
          total_shares: shares,
          total_fee_fen: fee,
          issues_json: JSON.stringify(issues.slice(0, ISSUE_PREVIEW)),
          issue_count: issues.length,
          idempotency_key: idempotencyKey ?? null,
          created_by: actor.id,
          created_at: now,
        });
        await insertMany(trx, 'enrolment_item', items);
        await batchIssueRepository.writeAll(trx, scope.officeId, batchId, issues);
        await audit.record(trx, actor, {
          action: 'batch.renewal',
          objectType: 'enrolment_batch',
          objectId: batchId,
          after: { unitId: unit.id, productCode, startDate, members: items.length, totalFeeFen: fee },
        });
      });
      try {
        await written;
      } catch (e) {
        // A retry racing its original (same key at the same time): the original's batch is the answer, not a 409.
        if (idempotencyKey && isIdempotencyKeyViolation(e)) {
          const done = await batchRepository.findByIdempotencyKey(db, scope.officeId, idempotencyKey);
          if (done) return done.id;
        }
        throw e;
      }
      return batchId;
    },
  };
}
