import { type BatchStatus, batchTransition, coverageTerms, effectiveStart, maskIdNumber, termEnd } from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { insertMany } from '../db/insert-many.ts';
import type { BatchRow, Db, PolicyRow } from '../db/tables.ts';
import { AppError, unwrap } from '../errors.ts';
import { newId } from '../ids.ts';
import { batchActivationRepository as repo } from '../repositories/batch-activation.repository.ts';
import { heldPoliciesByHash } from '../repositories/policy.repository.ts';
import { randomToken } from '../security/tokens.ts';
import { loadVersion } from './product.service.ts';
import { withCoverageOf } from './report-summary.service.ts';
import type { ServiceDeps } from './service-deps.ts';

export type ActivationDeps = Pick<ServiceDeps, 'clock' | 'cipher' | 'audit'>;

/** The bank transfer that pays a batch: what finance confirmed, and for a multi-batch transfer, which one. */
export interface BatchPayment {
  amountFen: number;
  paidOn: string;
  bankReference: string;
  /** The enrolment payment (POST /enrolment-payments) this is part of; absent for a single-batch confirmation. */
  paymentId?: string;
}

/**
 * approved → effective, the one way a batch is paid (single-batch confirmation and multi-batch transfers alike): the
 * conditional status change, the members and their policies, the unit's cover and the report summaries, and the
 * audit row `batch.pay` — in the caller's transaction. A batch held by another transfer than `payment.paymentId`
 * is refused (PAYMENT_HELD); a concurrent second confirmation gets INVALID_TRANSITION.
 */
export function createBatchActivation(deps: ActivationDeps) {
  return {
    async activate(
      trx: Db,
      actor: Actor,
      batch: BatchRow,
      payment: BatchPayment,
      why: Record<string, unknown> = {},
    ): Promise<{ count: number; startDate: string; endDate: string }> {
      unwrap(batchTransition(batch.status as BatchStatus, 'pay'));
      const held = payment.paymentId ?? null;
      if (batch.held_payment_id && batch.held_payment_id !== held)
        throw new AppError('PAYMENT_HELD', { batchId: batch.id, paymentId: batch.held_payment_id });
      const now = deps.clock.iso();
      const moved = await repo.markEffective(
        trx,
        batch,
        {
          paid_amount_fen: payment.amountFen,
          paid_on: payment.paidOn,
          bank_reference: payment.bankReference,
          effective_at: now,
          updated_at: now,
        },
        held,
      );
      if (!moved) throw new AppError('INVALID_TRANSITION', { from: batch.status, command: 'pay' });
      const created = await createPolicies(deps, trx, batch, payment.paidOn, now);
      const { paymentId, ...body } = payment;
      await deps.audit.record(trx, actor, {
        action: 'batch.pay',
        objectType: 'enrolment_batch',
        objectId: batch.id,
        before: { status: batch.status },
        after: {
          status: 'effective',
          ...body,
          ...(paymentId ? { paymentId } : {}),
          ...why,
          policies: created.count,
          startDate: created.startDate,
        },
      });
      return created;
    },
  };
}
export type BatchActivation = ReturnType<typeof createBatchActivation>;

/** Members (created or moved into the unit) and one policy per item; the unit's coverage summary follows. */
async function createPolicies(
  { clock, cipher }: ActivationDeps,
  trx: Db,
  batch: BatchRow,
  paidOn: string,
  now: string,
) {
  const product = await loadVersion(trx, batch.office_id, batch.product_version_id);
  const startDate = effectiveStart(batch.requested_start, paidOn);
  const endDate = termEnd(product.term, startDate);
  const items = await repo.items(trx, batch.id);
  const existing = new Map<string, { id: string; unit_id: string | null }>();
  for (let i = 0; i < items.length; i += 1_000) {
    const hashes = items.slice(i, i + 1_000).map((it) => it.id_number_hash);
    const rows = await repo.membersByHash(trx, batch.office_id, hashes);
    for (const r of rows) existing.set(r.id_number_hash, r);
  }
  const today = clock.today();
  const newMembers = [];
  const links = [];
  const moved: string[] = [];
  const memberOf = new Map<string, string>();
  for (const it of items) {
    const found = existing.get(it.id_number_hash);
    if (found) {
      memberOf.set(it.id, found.id);
      if (found.unit_id !== batch.unit_id) moved.push(found.id);
      continue;
    }
    const id = newId();
    memberOf.set(it.id, id);
    newMembers.push({
      id,
      office_id: batch.office_id,
      name: it.name,
      id_number_enc: it.id_number_enc,
      id_number_hash: it.id_number_hash,
      id_number_masked: it.id_number_masked || maskIdNumber(cipher.decrypt(it.id_number_enc)),
      sex: it.sex,
      birth_date: it.birth_date,
      mobile: it.mobile,
      employment_kind: it.employment_kind as 'employee' | 'gig',
      gig_kind: it.employment_kind === 'gig' ? 'other' : null,
      household: null,
      has_medical_insurance: it.has_medical_insurance,
      bank_name: null,
      bank_account_enc: null,
      bank_account_last4: null,
      unit_id: batch.unit_id,
      created_at: now,
      updated_at: now,
    });
    links.push({
      id: newId(),
      office_id: batch.office_id,
      member_id: id,
      unit_id: batch.unit_id,
      from_date: today,
      to_date: null,
      created_at: now,
    });
  }
  await insertMany(trx, 'member', newMembers);
  for (let i = 0; i < moved.length; i += 1_000) {
    const chunk = moved.slice(i, i + 1_000);
    await repo.moveMembers(trx, batch.office_id, chunk, batch.unit_id, today, now);
    for (const m of chunk)
      links.push({
        id: newId(),
        office_id: batch.office_id,
        member_id: m,
        unit_id: batch.unit_id,
        from_date: today,
        to_date: null,
        created_at: now,
      });
  }
  await insertMany(trx, 'member_unit', links);

  // Continuity is decided again on the real start date (it may have moved past the requested one).
  const policies: PolicyRow[] = [];
  for (let i = 0; i < items.length; i += 1_000) {
    const chunk = items.slice(i, i + 1_000);
    const held = await heldPoliciesByHash(
      trx,
      batch.office_id,
      chunk.map((it) => it.id_number_hash),
    );
    for (const it of chunk) {
      const terms = coverageTerms(
        product,
        it.shares,
        startDate,
        (held.get(it.id_number_hash) ?? []).filter((p) => p.endDate < startDate),
      );
      policies.push({
        id: newId(),
        office_id: batch.office_id,
        member_id: memberOf.get(it.id)!,
        unit_id: batch.unit_id,
        agency_id: batch.agency_id,
        batch_id: batch.id,
        product_version_id: product.id,
        product_code: product.code,
        exclusive_group: product.exclusiveGroup,
        channel: product.channel,
        shares: it.shares,
        fee_fen: it.fee_fen,
        start_date: startDate,
        end_date: endDate,
        waiting_end_date: terms.waitingEndDate,
        accident_waiting_end_date: terms.accidentWaitingEndDate,
        continuous: terms.continuous ? 1 : 0,
        renewal_of: it.renewal_of,
        state: 'in_force',
        certificate_code: randomToken(12),
        created_at: now,
      });
    }
  }
  // The report summaries move with the new policies (same transaction: a report never sees half a batch).
  await withCoverageOf(
    trx,
    batch.office_id,
    policies.map((p) => p.member_id),
    () => insertMany(trx, 'policy', policies),
  );
  await repo.linkItemsToMembers(trx, batch.id);
  await repo.extendUnitCover(trx, batch.unit_id, endDate, now);
  return { count: policies.length, startDate, endDate };
}
