import {
  batchStatusLabels,
  type BatchStatus,
  checkResolution,
  type EnrolmentPayment,
  type EnrolmentPaymentBody,
  enrolmentPaymentLifecycle,
  type EnrolmentPaymentStatus,
  planPayment,
  type ResolvePaymentBody,
} from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { type OrgScope, requirePermission, scopeOf } from '../access/policy.ts';
import type { BatchRow, Db } from '../db/tables.ts';
import { uniqueViolationCode } from '../db/unique-violation.ts';
import { AppError, unwrap } from '../errors.ts';
import { newId } from '../ids.ts';
import { batchRepository } from '../repositories/batch.repository.ts';
import { paymentRepository as repo, type PaymentListFilter } from '../repositories/enrolment-payment.repository.ts';
import { unitRepository } from '../repositories/unit.repository.ts';
import type { BatchActivation } from './batch-activation.ts';
import { move } from './lifecycle-move.ts';
import type { ServiceDeps } from './service-deps.ts';

type PaymentView = NonNullable<Awaited<ReturnType<typeof repo.findInScope>>>;
type LinkRow = Awaited<ReturnType<typeof repo.batchesOf>>[number];
type ScopedBatch = BatchRow & { product_name: string };

/** How a clerk recognises a batch in a message: product, file and the id's tail (as the error report names it). */
const batchLabel = (b: Pick<ScopedBatch, 'id' | 'product_name' | 'file_name'>) =>
  `批次「${b.product_name}${b.file_name ? ` · ${b.file_name}` : ''}」（编号尾号 ${b.id.slice(-6)}）`;

function toPayment(p: PaymentView, links: LinkRow[]): EnrolmentPayment {
  return {
    id: p.id,
    unitId: p.unit_id,
    unitName: p.unit_name,
    amountFen: p.amount_fen,
    expectedFen: p.expected_fen,
    differenceFen: p.difference_fen,
    paidOn: p.paid_on,
    bankReference: p.bank_reference,
    status: p.status,
    holdReason: p.hold_reason,
    note: p.note,
    createdBy: p.created_by,
    createdByName: p.created_by_name,
    createdAt: p.created_at,
    resolvedBy: p.resolved_by,
    resolvedByName: p.resolved_by_name,
    resolvedAt: p.resolved_at,
    resolutionNote: p.resolution_note,
    batches: links
      .filter((l) => l.payment_id === p.id)
      .map((l) => ({
        batchId: l.batch_id,
        productCode: l.product_code,
        productName: l.product_name,
        fileName: l.file_name,
        totalFeeFen: l.total_fee_fen,
        appliedFen: l.applied_fen,
        status: l.status as BatchStatus,
      })),
  };
}

/** Whether a repeated bank notice is the same transfer (the note may differ: it is the clerk's, not the bank's). */
const sameTransfer = (
  p: { unit_id: string; amount_fen: number; paid_on: string },
  ids: string[],
  b: EnrolmentPaymentBody,
) =>
  p.unit_id === b.unitId &&
  p.amount_fen === b.amountFen &&
  p.paid_on === b.paidOn &&
  [...ids].sort().join() === [...b.batchIds].sort().join();

/**
 * Enrolment payments as banks send them (issue 14 item 5): one transfer of a unit for several approved batches.
 * Exactly their total → every batch effective at once (the same activation as the single-batch confirmation); short
 * or excess → held (待核对) with the reason and difference, nothing effective, until another finance clerk applies it
 * anyway or returns the money. A repeated bank notice (same reference, same transfer) answers the first payment.
 */
export function createEnrolmentPaymentService({ db, reader, clock, audit }: ServiceDeps, activation: BatchActivation) {
  async function view(trx: Db, scope: OrgScope, id: string): Promise<EnrolmentPayment> {
    const p = await repo.findInScope(trx, scope, id);
    if (!p) throw new AppError('NOT_FOUND');
    return toPayment(p, await repo.batchesOf(trx, [p.id]));
  }

  /** The first payment of this reference, if this request is the same transfer; a different one is a conflict. */
  async function replay(trx: Db, officeId: string, body: EnrolmentPaymentBody): Promise<string | null> {
    const first = await repo.findByReference(trx, officeId, body.bankReference);
    if (!first) return null;
    const ids = (await repo.batchIdsOf(trx, first.id)).map((l) => l.batchId);
    if (!sameTransfer(first, ids, body))
      throw new AppError('BANK_REFERENCE_CONFLICT', { bankReference: body.bankReference, paymentId: first.id });
    return first.id;
  }

  /** The named batches, in the order given: each in scope (else 404), of the unit, approved and held by nobody. */
  async function payableBatches(trx: Db, scope: OrgScope, body: EnrolmentPaymentBody): Promise<ScopedBatch[]> {
    const found = new Map((await batchRepository.findManyInScope(trx, scope, body.batchIds)).map((b) => [b.id, b]));
    const batches = body.batchIds.map((id) => {
      const b = found.get(id);
      if (!b) throw new AppError('NOT_FOUND', { batchId: id });
      return b;
    });
    for (const b of batches) {
      if (b.unit_id !== body.unitId)
        throw new AppError('BATCH_UNIT_MISMATCH', { batchId: b.id }, `${batchLabel(b)}不属于该缴费单位`);
      if (b.status !== 'approved')
        throw new AppError(
          'BATCH_NOT_PAYABLE',
          { batchId: b.id, status: b.status },
          `${batchLabel(b)}当前为“${batchStatusLabels[b.status as BatchStatus]}”，不是“待缴费确认”，不能登记到账`,
        );
      if (b.held_payment_id)
        throw new AppError(
          'PAYMENT_HELD',
          { batchId: b.id, paymentId: b.held_payment_id },
          `${batchLabel(b)}已有一笔待核对的到账，请先处理`,
        );
    }
    return batches;
  }

  async function record(actor: Actor, body: EnrolmentPaymentBody): Promise<string> {
    const scope = scopeOf(actor);
    return db.transaction().execute(async (trx) => {
      const again = await replay(trx, scope.officeId, body);
      if (again) return again;
      if (await repo.batchPaidWithReference(trx, scope.officeId, body.bankReference))
        throw new AppError('BANK_REFERENCE_CONFLICT', { bankReference: body.bankReference, source: 'batch' });
      if (!(await unitRepository.findInScope(trx, scope, body.unitId))) throw new AppError('NOT_FOUND');
      const batches = await payableBatches(trx, scope, body);
      const plan = planPayment(
        body.amountFen,
        batches.map((b) => ({ id: b.id, totalFeeFen: b.total_fee_fen })),
      );
      const id = newId();
      const now = clock.iso();
      await repo.insert(trx, {
        id,
        office_id: scope.officeId,
        unit_id: body.unitId,
        amount_fen: body.amountFen,
        expected_fen: plan.expectedFen,
        difference_fen: plan.differenceFen,
        paid_on: body.paidOn,
        bank_reference: body.bankReference,
        status: plan.status,
        hold_reason: plan.holdReason,
        note: body.note || null,
        created_by: actor.id,
        created_at: now,
      });
      await repo.insertBatches(
        trx,
        plan.allocations.map((a, position) => ({
          payment_id: id,
          batch_id: a.batchId,
          office_id: scope.officeId,
          position,
          applied_fen: a.appliedFen,
        })),
      );
      await audit.record(trx, actor, {
        action: `enrolment_payment.${plan.status === 'held' ? 'hold' : 'record'}`,
        objectType: 'enrolment_payment',
        objectId: id,
        after: {
          status: plan.status,
          unitId: body.unitId,
          amountFen: body.amountFen,
          expectedFen: plan.expectedFen,
          differenceFen: plan.differenceFen,
          holdReason: plan.holdReason,
          paidOn: body.paidOn,
          bankReference: body.bankReference,
          note: body.note ?? null,
          batches: plan.allocations,
        },
      });
      if (plan.status === 'applied') {
        for (const [i, b] of batches.entries())
          await activation.activate(trx, actor, b, {
            amountFen: plan.allocations[i]!.appliedFen,
            paidOn: body.paidOn,
            bankReference: body.bankReference,
            paymentId: id,
          });
      } else if ((await repo.holdBatches(trx, id, body.batchIds, now)) !== body.batchIds.length) {
        // Another transfer or confirmation took one of them between the check and now.
        throw new AppError('PAYMENT_HELD', { paymentId: id });
      }
      return id;
    });
  }

  return {
    async record(actor: Actor, body: EnrolmentPaymentBody): Promise<EnrolmentPayment> {
      requirePermission(actor, 'batch.pay');
      if (body.paidOn > clock.today())
        throw new AppError('VALIDATION_FAILED', { field: 'paidOn', message: '到账日期不能晚于今天' });
      let id: string;
      try {
        id = await record(actor, body);
      } catch (e) {
        // Two identical notices at once both passed the look-up; the unique reference refused the second.
        if (uniqueViolationCode(e) !== 'BANK_REFERENCE_CONFLICT') throw e;
        const first = await replay(db, scopeOf(actor).officeId, body);
        if (!first) throw e;
        id = first;
      }
      return view(db, scopeOf(actor), id);
    },

    async get(actor: Actor, id: string): Promise<EnrolmentPayment> {
      requirePermission(actor, 'batch.pay');
      return view(db, scopeOf(actor), id);
    },

    async list(actor: Actor, f: PaymentListFilter) {
      requirePermission(actor, 'batch.pay');
      const page = await repo.page(reader, scopeOf(actor), f);
      const links = await repo.batchesOf(
        reader,
        page.items.map((p) => p.id),
      );
      return {
        items: page.items.map((p) => toPayment(p, links)),
        total: page.total,
        page: f.page,
        pageSize: f.pageSize,
        totalAmountFen: page.amountFen,
        totalDifferenceFen: page.differenceFen,
      };
    },

    /**
     * A held transfer resolved by another clerk than the one who recorded it: `apply` makes its batches effective
     * although the amount differs (the difference stays on the payment and in the audit), `return` gives the money
     * back and frees the batches. Only a held payment can be resolved.
     */
    async resolve(actor: Actor, id: string, body: ResolvePaymentBody): Promise<EnrolmentPayment> {
      requirePermission(actor, 'batch.pay');
      const scope = scopeOf(actor);
      await db.transaction().execute(async (trx) => {
        const p = await repo.findInScope(trx, scope, id);
        if (!p) throw new AppError('NOT_FOUND');
        unwrap(
          checkResolution(
            { status: p.status, holdReason: p.hold_reason, createdBy: p.created_by },
            body.action,
            body.note,
            actor.id,
          ),
        );
        const now = clock.iso();
        const why = {
          note: body.note,
          holdReason: p.hold_reason,
          amountFen: p.amount_fen,
          expectedFen: p.expected_fen,
          differenceFen: p.difference_fen,
        };
        await move<EnrolmentPaymentStatus, 'apply' | 'return', 'enrolment_payment'>(trx, audit, actor, {
          lifecycle: enrolmentPaymentLifecycle,
          table: 'enrolment_payment',
          row: p,
          command: body.action,
          patch: { resolved_by: actor.id, resolved_at: now, resolution_note: body.note },
          why,
        });
        if (body.action === 'return') {
          await repo.releaseBatches(trx, id, now);
          return;
        }
        const links = await repo.batchIdsOf(trx, id);
        const found = new Map(
          (
            await batchRepository.findManyInScope(
              trx,
              scope,
              links.map((l) => l.batchId),
            )
          ).map((b) => [b.id, b]),
        );
        for (const l of links) {
          const b = found.get(l.batchId);
          if (!b) throw new AppError('NOT_FOUND', { batchId: l.batchId });
          await activation.activate(
            trx,
            actor,
            b,
            { amountFen: l.appliedFen, paidOn: p.paid_on, bankReference: p.bank_reference, paymentId: id },
            { holdReason: p.hold_reason, differenceFen: p.difference_fen, resolutionNote: body.note },
          );
        }
      });
      return view(db, scope, id);
    },
  };
}
