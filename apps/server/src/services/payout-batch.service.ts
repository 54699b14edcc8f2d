import {
  errorMessages,
  fenToYuanText,
  maskBankAccount,
  type PayableClaim,
  type PayableClaimQuery,
  type PayoutBatch,
  type PayoutItemQuery,
} from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { requirePermission, scopeOf } from '../access/policy.ts';
import { csvFile } from '../adapters/safe-cell.ts';
import { writeWorkbook } from '../adapters/spreadsheet.ts';
import type { ServiceDeps } from './service-deps.ts';
import { insertMany } from '../db/insert-many.ts';
import type { Db, PayoutBatchRow, PayoutItemRow } from '../db/tables.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { claimPayoutRepository as repo } from '../repositories/claim-payout.repository.ts';

/** The bank transfer file's columns (reference = the claim id, which the bank's result file echoes). */
export const payoutFileColumns = ['收款人', '开户银行', '银行账号', '金额（元）', '业务参考号', '附言'] as const;

interface Subject {
  kind: 'claim' | 'relief';
  id: string;
  member_id: string;
  amount: number;
  payee_name: string;
  bank_name: string | null;
  bank_account_enc: string | null;
  bank_account_last4: string | null;
}

/** A claim (or relief) left out of a batch: its number, the member by name, and why. */
interface SkippedSubject {
  claimId: string;
  code: 'BANK_ACCOUNT_MISSING';
  subjectKind?: 'relief';
  memberId: string;
  memberName: string;
  reason: string;
}

/** Named subjects must all be visible (else 404) and payable (else 409). */
function checkNamed(wanted: string[], visible: { id: string }[], payable: { id: string }[], field: string) {
  const unknown = wanted.filter((c) => !visible.some((v) => v.id === c));
  if (unknown.length > 0) throw new AppError('NOT_FOUND', { [field]: unknown });
  const notPayable = wanted.filter((c) => !payable.some((p) => p.id === c));
  if (notPayable.length > 0) throw new AppError('INVALID_TRANSITION', { [field]: notPayable, command: 'payout' });
}

const toItem = (i: PayoutItemRow) => ({
  id: i.id,
  claimId: repo.reference(i),
  subjectKind: i.subject_kind,
  reliefId: i.relief_id,
  memberId: i.member_id,
  payeeName: i.payee_name,
  bankName: i.bank_name,
  accountMasked: maskBankAccount(`0000${i.account_last4}`),
  amountFen: i.amount_fen,
  status: i.status,
  reason: i.reason,
  resolvedAt: i.resolved_at,
});

export async function loadPayoutBatch(db: Db, officeId: string, id: string): Promise<PayoutBatch> {
  const batch = await repo.batch(db, officeId, id);
  if (!batch) throw new AppError('NOT_FOUND');
  const items = await repo.items(db, officeId, id);
  const n = (s: string) => items.filter((i) => i.status === s).length;
  return { ...summary(batch, n), items: items.map(toItem) };
}

function summary(b: PayoutBatchRow, n: (status: string) => number) {
  return {
    id: b.id,
    status: b.status,
    itemCount: b.item_count,
    totalFen: b.total_fen,
    pendingCount: n('pending'),
    paidCount: n('paid'),
    failedCount: n('failed'),
    createdAt: b.created_at,
    exportedAt: b.exported_at,
    closedAt: b.closed_at,
  };
}

/** Office finance gathers approved claims into a batch, exports the bank file, and later applies the bank's result. */
export function createPayoutBatchService({ db, reader, clock, audit, cipher }: ServiceDeps) {
  return {
    /**
     * Gathers every payable claim in scope (or the named ones). Claims without a bank account are left out and listed
     * by member name and claim number; the batch holds the rest (PAYOUT_EMPTY, with the list, when none is left). The pending-item unique key keeps a claim out of two open batches.
     */
    async create(actor: Actor, claimIds?: string[], reliefIds?: string[]) {
      requirePermission(actor, 'payout.manage');
      const scope = scopeOf(actor);
      const id = newId();
      const skipped: SkippedSubject[] = [];
      const gatherAll = claimIds === undefined && reliefIds === undefined;
      await db.transaction().execute(async (trx) => {
        const wantedClaims = claimIds ? [...new Set(claimIds)] : undefined;
        const wantedReliefs = reliefIds ? [...new Set(reliefIds)] : undefined;
        const subjects: Subject[] = [];
        if (gatherAll || wantedClaims) {
          const payable = await repo.payable(trx, scope, wantedClaims);
          if (wantedClaims) {
            const visible = await repo.visible(trx, scope, wantedClaims);
            checkNamed(wantedClaims, visible, payable, 'claimIds');
          }
          subjects.push(...payable.map((p) => ({ ...p, kind: 'claim' as const, amount: p.approved_amount_fen ?? 0 })));
        }
        if (gatherAll || wantedReliefs) {
          const payable = await repo.payableReliefs(trx, scope, wantedReliefs);
          if (wantedReliefs) {
            const visible = await repo.visibleReliefs(trx, scope, wantedReliefs);
            checkNamed(wantedReliefs, visible, payable, 'reliefIds');
          }
          subjects.push(...payable.map((p) => ({ ...p, kind: 'relief' as const, amount: p.amount_fen })));
        }
        // Named or gathered alike, a claim without a bank account is left out and listed by member and claim number;
        // the others are paid.
        const ready = subjects.filter((p) => {
          if (p.bank_account_enc && p.bank_name && p.bank_account_last4) return true;
          // Claims keep their old shape; a relief names its kind.
          skipped.push({
            claimId: p.id,
            code: 'BANK_ACCOUNT_MISSING',
            ...(p.kind === 'relief' ? { subjectKind: p.kind } : {}),
            memberId: p.member_id,
            memberName: p.payee_name,
            reason: errorMessages.BANK_ACCOUNT_MISSING,
          });
          return false;
        });
        if (ready.length === 0) throw new AppError('PAYOUT_EMPTY', { skipped });
        const now = clock.iso();
        const total = ready.reduce((s, p) => s + p.amount, 0);
        await trx
          .insertInto('payout_batch')
          .values({
            id,
            office_id: scope.officeId,
            status: 'open',
            item_count: ready.length,
            total_fen: total,
            created_by: actor.id,
            created_at: now,
            exported_at: null,
            closed_at: null,
          })
          .execute();
        await insertMany(
          trx,
          'payout_item',
          ready.map((p) => ({
            id: newId(),
            office_id: scope.officeId,
            batch_id: id,
            subject_kind: p.kind,
            claim_id: p.kind === 'claim' ? p.id : null,
            relief_id: p.kind === 'relief' ? p.id : null,
            member_id: p.member_id,
            amount_fen: p.amount,
            payee_name: p.payee_name,
            bank_name: p.bank_name!,
            account_enc: p.bank_account_enc!,
            account_last4: p.bank_account_last4!,
            status: 'pending' as const,
            reason: null,
            pending_claim_id: p.kind === 'claim' ? p.id : null,
            paid_claim_id: null,
            pending_relief_id: p.kind === 'relief' ? p.id : null,
            paid_relief_id: null,
            created_at: now,
            resolved_at: null,
            resolved_by: null,
          })),
        );
        await audit.record(trx, actor, {
          action: 'payout.create',
          objectType: 'payout_batch',
          objectId: id,
          after: {
            itemCount: ready.length,
            totalFen: total,
            claimIds: ready.filter((p) => p.kind === 'claim').map((p) => p.id),
            reliefIds: ready.filter((p) => p.kind === 'relief').map((p) => p.id),
            skipped,
          },
        });
      });
      return { ...(await loadPayoutBatch(db, scope.officeId, id)), skipped };
    },

    /** Payable claims, paged with the count and sum of every match; `account: 'missing'` lists those waiting for an account. */
    async payable(actor: Actor, q: PayableClaimQuery) {
      requirePermission(actor, 'payout.manage');
      const { items, total, totalFen } = await repo.payablePage(reader, scopeOf(actor), q.account, q.page, q.pageSize);
      return {
        items: items.map(
          (c): PayableClaim => ({
            id: c.id,
            status: c.status as PayableClaim['status'],
            memberId: c.member_id,
            memberName: c.member_name,
            unitName: c.unit_name,
            kind: c.kind as PayableClaim['kind'],
            approvedAmountFen: c.approved_amount_fen ?? 0,
            decidedAt: c.decided_at,
            bankName: c.bank_name,
            bankAccountMasked: c.bank_account_last4 ? maskBankAccount(`0000${c.bank_account_last4}`) : null,
          }),
        ),
        total,
        totalFen,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    get(actor: Actor, id: string) {
      requirePermission(actor, 'payout.manage');
      return loadPayoutBatch(db, scopeOf(actor).officeId, id);
    },

    /** A page of a batch's items (a batch may hold thousands), with the count of every match. */
    async items(actor: Actor, id: string, q: PayoutItemQuery) {
      requirePermission(actor, 'payout.manage');
      const officeId = scopeOf(actor).officeId;
      if (!(await repo.batch(reader, officeId, id))) throw new AppError('NOT_FOUND');
      const { items, total } = await repo.itemPage(reader, officeId, id, q);
      return { items: items.map(toItem), total, page: q.page, pageSize: q.pageSize };
    },

    async list(actor: Actor, page: number, pageSize: number, q?: string) {
      requirePermission(actor, 'payout.manage');
      const officeId = scopeOf(actor).officeId;
      const { items, total } = await repo.batches(reader, officeId, page, pageSize, q);
      const counts = await repo.counts(
        reader,
        officeId,
        items.map((b) => b.id),
      );
      return {
        items: items.map((b) => ({
          ...summary(b, (status) => Number(counts.find((c) => c.batch_id === b.id && c.status === status)?.n ?? 0)),
          items: [],
        })),
        total,
        page,
        pageSize,
      };
    },

    /**
     * The bank transfer file: full account numbers (the bank needs them), amounts in yuan with two decimals. Only
     * the file carries full numbers; every export is on record.
     */
    async exportFile(actor: Actor, id: string, format: 'xlsx' | 'csv') {
      requirePermission(actor, 'payout.manage');
      const officeId = scopeOf(actor).officeId;
      const batch = await repo.batch(db, officeId, id);
      if (!batch) throw new AppError('NOT_FOUND');
      const items = (await repo.items(db, officeId, id)).filter((i) => i.status === 'pending');
      const rows = items.map((i) => [
        i.payee_name,
        i.bank_name,
        cipher.decrypt(i.account_enc),
        fenToYuanText(i.amount_fen),
        repo.reference(i),
        i.subject_kind === 'relief' ? '职工救助慰问金' : '职工互助保障互助金',
      ]);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('payout_batch').set({ exported_at: clock.iso() }).where('id', '=', id).execute();
        await audit.record(trx, actor, {
          action: 'payout.export',
          objectType: 'payout_batch',
          objectId: id,
          after: { format, rows: rows.length, totalFen: items.reduce((s, i) => s + i.amount_fen, 0) },
        });
      });
      const name = `互助金支付-${id.slice(-8)}.${format}`;
      if (format === 'xlsx') return { name, body: await writeWorkbook('支付明细', [...payoutFileColumns], rows) };
      // Account numbers stay text in csv; a bank name like =HYPERLINK(…) is neutralised (csvFile → safeCell).
      return { name, body: csvFile([payoutFileColumns, ...rows]) };
    },
  };
}
