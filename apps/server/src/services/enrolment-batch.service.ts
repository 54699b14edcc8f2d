import { type Batch, batchTransition, type RowIssue, type BatchCommand, type BatchStatus } from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { requirePermission, scopeOf, unitInScope } from '../access/policy.ts';
import type { ServiceDeps } from './service-deps.ts';
import type { BatchRow, Db } from '../db/tables.ts';
import { containsText } from '../db/text-match.ts';
import { AppError, unwrap } from '../errors.ts';
import { batchIssueRepository } from '../repositories/batch-issue.repository.ts';
import { faultPoint } from '../fault.ts';
import { paymentRepository } from '../repositories/enrolment-payment.repository.ts';
import type { BatchActivation } from './batch-activation.ts';

/** Every batch column but the encrypted rejected rows (only the error report reads those). */
const listColumns = [
  'id',
  'office_id',
  'unit_id',
  'agency_id',
  'product_version_id',
  'product_code',
  'kind',
  'requested_start',
  'status',
  'file_name',
  'total_rows',
  'accepted_rows',
  'rejected_rows',
  'total_shares',
  'total_fee_fen',
  'issues_json',
  'issue_count',
  'idempotency_key',
  'return_reason',
  'note',
  'paid_amount_fen',
  'paid_on',
  'bank_reference',
  'created_by',
  'created_at',
  'updated_at',
  'submitted_at',
  'approved_at',
  'effective_at',
  'held_payment_id',
] as const satisfies readonly Exclude<keyof BatchRow, 'rejected_rows_enc'>[];

export function toBatch(b: Omit<BatchRow, 'rejected_rows_enc'> & { unit_name?: string; product_name?: string }): Batch {
  return {
    id: b.id,
    batchId: b.id,
    unitId: b.unit_id,
    ...(b.unit_name ? { unitName: b.unit_name } : {}),
    agencyId: b.agency_id,
    productCode: b.product_code,
    ...(b.product_name ? { productName: b.product_name } : {}),
    kind: b.kind,
    requestedStart: b.requested_start,
    status: b.status as BatchStatus,
    fileName: b.file_name,
    totalRows: b.total_rows,
    acceptedRows: b.accepted_rows,
    rejectedRows: b.rejected_rows,
    totalShares: b.total_shares,
    totalFeeFen: b.total_fee_fen,
    issues: JSON.parse(b.issues_json) as RowIssue[],
    issueCount: b.issue_count,
    returnReason: b.return_reason,
    paidAmountFen: b.paid_amount_fen,
    paidOn: b.paid_on,
    bankReference: b.bank_reference,
    createdAt: b.created_at,
    submittedAt: b.submitted_at,
    approvedAt: b.approved_at,
    effectiveAt: b.effective_at,
    heldPaymentId: b.held_payment_id,
  };
}

/** `activation`: how a paid batch becomes effective, shared with multi-batch transfers (enrolment-payment.service). */
export function createEnrolmentBatchService({ db, reader, clock, audit }: ServiceDeps, activation: BatchActivation) {
  /** A batch whose unit lies in the caller's scope, or 404. */
  async function requireBatch(trx: Db, actor: Actor, id: string) {
    const scope = scopeOf(actor);
    const row = await trx
      .selectFrom('enrolment_batch')
      .innerJoin('unit', 'unit.id', 'enrolment_batch.unit_id')
      .innerJoin('product_version', 'product_version.id', 'enrolment_batch.product_version_id')
      .selectAll('enrolment_batch')
      .select(['unit.name as unit_name', 'product_version.name as product_name'])
      .where('enrolment_batch.id', '=', id)
      .where('enrolment_batch.office_id', '=', scope.officeId)
      .where((eb) => unitInScope(eb, scope))
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  }

  /** Moves a batch by one command; the conditional update makes a concurrent second move fail, not repeat. */
  async function move(trx: Db, batch: BatchRow, command: BatchCommand, patch: Partial<BatchRow>) {
    const to = unwrap(batchTransition(batch.status as BatchStatus, command));
    const res = await trx
      .updateTable('enrolment_batch')
      .set({ ...patch, status: to, updated_at: clock.iso() })
      .where('id', '=', batch.id)
      .where('status', '=', batch.status)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('INVALID_TRANSITION', { from: batch.status, command });
    return to;
  }

  async function step(
    actor: Actor,
    id: string,
    command: BatchCommand,
    patch: (b: BatchRow) => Partial<BatchRow>,
    note?: string,
  ) {
    await db.transaction().execute(async (trx) => {
      const batch = await requireBatch(trx, actor, id);
      const p = patch(batch);
      const to = await move(trx, batch, command, p);
      await audit.record(trx, actor, {
        action: `batch.${command}`,
        objectType: 'enrolment_batch',
        objectId: id,
        before: { status: batch.status },
        after: { status: to, note, ...p },
      });
    });
    return toBatch(await requireBatch(db, actor, id));
  }

  return {
    getRow: (actor: Actor, id: string) => {
      requirePermission(actor, 'batch.read');
      return requireBatch(db, actor, id);
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'batch.read');
      return toBatch(await requireBatch(db, actor, id));
    },

    async list(
      actor: Actor,
      q: { status?: string; unitId?: string; agencyId?: string; q?: string; page: number; pageSize: number },
    ) {
      requirePermission(actor, 'batch.read');
      const scope = scopeOf(actor);
      let base = reader
        .selectFrom('enrolment_batch')
        .innerJoin('unit', 'unit.id', 'enrolment_batch.unit_id')
        .innerJoin('product_version', 'product_version.id', 'enrolment_batch.product_version_id')
        .where('enrolment_batch.office_id', '=', scope.officeId)
        .where((eb) => unitInScope(eb, scope));
      if (q.status) base = base.where('enrolment_batch.status', '=', q.status);
      if (q.unitId) base = base.where('enrolment_batch.unit_id', '=', q.unitId);
      if (q.agencyId) base = base.where('enrolment_batch.agency_id', '=', q.agencyId);
      const text = q.q;
      if (text)
        base = base.where((eb) =>
          eb.or([eb('enrolment_batch.id', '=', text), containsText(eb.ref('unit.name'), text)]),
        );
      const [items, count] = await Promise.all([
        base
          .select(listColumns.map((c) => `enrolment_batch.${c}` as const))
          .select(['unit.name as unit_name', 'product_version.name as product_name'])
          .orderBy('enrolment_batch.created_at', 'desc')
          .orderBy('enrolment_batch.id', 'desc')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: items.map(toBatch), total: Number(count.n), page: q.page, pageSize: q.pageSize };
    },

    /** A batch's issues a page at a time, in row order (scope as the batch). */
    async issues(actor: Actor, id: string, page: number, pageSize: number) {
      requirePermission(actor, 'batch.read');
      const batch = await requireBatch(db, actor, id);
      const items = await batchIssueRepository.page(db, id, page, pageSize);
      return { items, total: batch.issue_count, page, pageSize };
    },

    async items(actor: Actor, id: string, page: number, pageSize: number) {
      requirePermission(actor, 'batch.read');
      await requireBatch(db, actor, id);
      const base = db.selectFrom('enrolment_item').where('batch_id', '=', id);
      const [rows, count] = await Promise.all([
        base
          .selectAll()
          .orderBy('row_number')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((r) => ({
          row: r.row_number,
          name: r.name,
          idNumberMasked: r.id_number_masked,
          sex: r.sex,
          birthYear: Number(r.birth_date.slice(0, 4)),
          shares: r.shares,
          feeFen: r.fee_fen,
          continuous: r.continuous === 1,
          memberId: r.member_id,
        })),
        total: Number(count.n),
        page,
        pageSize,
      };
    },

    submit: (actor: Actor, id: string) => {
      requirePermission(actor, 'batch.create');
      return step(actor, id, 'submit', (b) => {
        if (b.accepted_rows === 0) throw new AppError('VALIDATION_FAILED', { message: '批次中没有可参保的人员' });
        return { submitted_at: clock.iso(), return_reason: null };
      });
    },

    approve: (actor: Actor, id: string, note?: string) => {
      requirePermission(actor, 'batch.approve');
      return step(actor, id, 'approve', () => ({ approved_at: clock.iso(), note: note ?? null }), note);
    },

    return: (actor: Actor, id: string, reason: string) => {
      requirePermission(actor, 'batch.approve');
      return step(
        actor,
        id,
        'return',
        (b) => {
          // A held transfer names the batch: the office resolves it first (apply or return the money).
          if (b.held_payment_id) throw new AppError('PAYMENT_HELD', { batchId: b.id, paymentId: b.held_payment_id });
          return { return_reason: reason };
        },
        reason,
      );
    },

    /**
     * Finance confirms the bank transfer: the amount must equal the batch total; the paid-on date may lie in the
     * past, never in the future. The batch becomes effective and its policies are created in the same transaction.
     * A retry of the same confirmation answers the effective batch again and creates nothing.
     */
    async pay(actor: Actor, id: string, body: { amountFen: number; paidOn: string; bankReference: string }) {
      requirePermission(actor, 'batch.pay');
      if (body.paidOn > clock.today())
        throw new AppError('VALIDATION_FAILED', { field: 'paidOn', message: '到账日期不能晚于今天' });
      await db.transaction().execute(async (trx) => {
        const batch = await requireBatch(trx, actor, id);
        if (
          batch.status === 'effective' &&
          batch.paid_amount_fen === body.amountFen &&
          batch.paid_on === body.paidOn &&
          batch.bank_reference === body.bankReference
        )
          return;
        if (batch.status === 'approved' && body.amountFen !== batch.total_fee_fen)
          throw new AppError('AMOUNT_MISMATCH', { expectedFen: batch.total_fee_fen, receivedFen: body.amountFen });
        if (
          batch.status === 'approved' &&
          (await paymentRepository.findByReference(trx, batch.office_id, body.bankReference))
        )
          throw new AppError('BANK_REFERENCE_CONFLICT', { bankReference: body.bankReference });
        await activation.activate(trx, actor, batch, body);
        faultPoint('batch-pay:before-commit');
      });
      return toBatch(await requireBatch(db, actor, id));
    },
  };
}
