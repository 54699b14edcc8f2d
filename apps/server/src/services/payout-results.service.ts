import { fenToYuanText, type PayoutResultRow } from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { requirePermission, scopeOf } from '../access/policy.ts';
import type { ServiceDeps } from './service-deps.ts';
import { AppError } from '../errors.ts';
import { claimPayoutRepository as repo } from '../repositories/claim-payout.repository.ts';
import { claimRepository } from '../repositories/claim.repository.ts';
import { reliefRepository } from '../repositories/relief.repository.ts';
import { moveClaim } from './claim-transition.service.ts';
import type { NotificationService } from './notification.service.ts';
import { fileIssue, readPayoutResultFile } from './payout-result-file.ts';
import { loadPayoutBatch } from './payout-batch.service.ts';
import { recordClaimsPaid } from './report-summary.service.ts';
import { faultPoint } from '../fault.ts';
import { asCancelled, importSignal, throwIfCancelled } from './import-guard.ts';
import { proposeReliefForPaidClaims } from './relief.service.ts';
import { moveRelief, recordReliefPaid } from './relief-transition.ts';

export function createPayoutResultsService(
  { db, clock, audit, cipher, config }: ServiceDeps,
  notify: NotificationService,
) {
  return {
    /**
     * The bank's result file for a batch (see readPayoutResultFile). Every row is checked against the batch first and
     * all problems are reported by row; any problem refuses the whole file (nothing applied). Then applied as `apply`
     * does, which checks again under its transaction (a concurrent result still ends in 409, never twice paid).
     * Bounded like every import: the client going away (`client`) or the time limit before anything is applied
     * ends it with IMPORT_CANCELLED and nothing applied.
     */
    async applyFile(actor: Actor, batchId: string, file: string, fileName: string, client?: AbortSignal) {
      requirePermission(actor, 'payout.manage');
      const officeId = scopeOf(actor).officeId;
      if (!(await repo.batch(db, officeId, batchId))) throw new AppError('NOT_FOUND');
      const signal = importSignal(config.importTimeoutMs, client);
      let read: Awaited<ReturnType<typeof readPayoutResultFile>>;
      try {
        read = await readPayoutResultFile(file, fileName, { signal, maxRows: config.payoutResultMaxRows });
        throwIfCancelled(signal);
      } catch (e) {
        throw asCancelled(e, signal);
      }
      const items = new Map((await repo.items(db, officeId, batchId)).map((i) => [repo.reference(i), i]));
      const issues = [...read.issues];
      for (const r of read.rows) {
        const item = items.get(r.claimId);
        if (!item)
          issues.push(
            fileIssue(r.row, read.columns.reference, 'NOT_FOUND', `业务参考号 ${r.claimId} 不在本支付批次中`),
          );
        else if (item.status !== 'pending')
          issues.push(
            fileIssue(
              r.row,
              read.columns.status,
              'CONFLICT',
              `该笔支付结果已登记过（${item.status === 'paid' ? '已支付' : '支付失败'}），不能重复登记`,
            ),
          );
      }
      if (issues.length > 0)
        throw new AppError(
          'VALIDATION_FAILED',
          { issues: issues.sort((a, b) => a.row - b.row) },
          `支付结果文件有 ${issues.length} 处错误，未登记任何结果`,
        );
      throwIfCancelled(signal);
      const batch = await this.apply(
        actor,
        batchId,
        read.rows.map(({ row: _, ...r }) => r),
      );
      const payee = new Map(batch.items.map((i) => [i.claimId, i.payeeName]));
      return {
        batch,
        rows: read.rows.map((r) => ({
          row: r.row,
          claimId: r.claimId,
          payeeName: payee.get(r.claimId) ?? '',
          status: r.status,
          reason: r.reason ?? null,
        })),
      };
    },

    /**
     * Marks each claim of the batch paid or failed, all in one transaction: a reference outside the batch, a repeated
     * reference or an item already settled refuses the whole result (nothing is applied twice). A failed claim can go
     * into a new batch (reissue).
     */
    async apply(actor: Actor, batchId: string, results: PayoutResultRow[]) {
      requirePermission(actor, 'payout.manage');
      const officeId = scopeOf(actor).officeId;
      const ids = results.map((r) => r.claimId);
      const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
      if (repeated.length > 0)
        throw new AppError('VALIDATION_FAILED', { claimIds: [...new Set(repeated)], message: '同一申领出现多次' });
      const paid: { claimId: string; amountFen: number }[] = [];
      await db.transaction().execute(async (trx) => {
        const batch = await repo.batch(trx, officeId, batchId);
        if (!batch) throw new AppError('NOT_FOUND');
        const items = new Map((await repo.items(trx, officeId, batchId)).map((i) => [repo.reference(i), i]));
        const outside = ids.filter((id) => !items.has(id));
        if (outside.length > 0)
          throw new AppError('VALIDATION_FAILED', { claimIds: outside, message: '这些业务参考号不在本支付批次中' });
        const claims = new Map((await claimRepository.byIds(trx, officeId, ids)).map((c) => [c.id, c]));
        const reliefs = new Map((await reliefRepository.byIds(trx, officeId, ids)).map((r) => [r.id, r]));
        const reliefsPaid: string[] = [];
        const now = clock.iso();
        for (const r of results) {
          const item = items.get(r.claimId)!;
          const isPaid = r.status === 'paid';
          const settled = await repo.resolve(trx, item, isPaid, {
            reason: r.reason ?? null,
            resolved_at: now,
            resolved_by: actor.id,
          });
          if (!settled)
            throw new AppError(
              'CONFLICT',
              { claimId: r.claimId, status: item.status },
              `申领 ${r.claimId} 的支付结果已登记过（${item.status === 'paid' ? '已支付' : '支付失败'}），不能重复登记`,
            );
          const why = { batchId, amountFen: item.amount_fen, reason: r.reason };
          const patch = { ...(isPaid ? { paid_at: now } : {}), updated_at: now };
          if (item.subject_kind === 'relief') {
            // A relief item: the same batch, the same exactly-once keys, the relief's own lifecycle.
            await moveRelief(trx, audit, actor, reliefs.get(r.claimId)!, isPaid ? 'pay' : 'fail', patch, why);
            if (isPaid) reliefsPaid.push(r.claimId);
            continue;
          }
          await moveClaim(trx, audit, actor, claims.get(r.claimId)!, isPaid ? 'pay' : 'fail', patch, why);
          if (isPaid) paid.push({ claimId: r.claimId, amountFen: item.amount_fen });
          faultPoint('payout-results:mid-batch');
        }
        await recordReliefPaid(trx, officeId, reliefsPaid);
        // 回头望: a paid claim that meets a relief category's rule gets a proposal for the agency to confirm.
        await proposeReliefForPaidClaims(
          trx,
          { audit, cipher, clock },
          officeId,
          paid.map((p) => p.claimId),
        );
        await recordClaimsPaid(
          trx,
          officeId,
          paid.map((p) => p.claimId),
        );
        await repo.closeIfSettled(trx, officeId, batchId, now);
        await audit.record(trx, actor, {
          action: 'payout.results',
          objectType: 'payout_batch',
          objectId: batchId,
          after: { paid: paid.length + reliefsPaid.length, failed: results.length - paid.length - reliefsPaid.length },
        });
      });
      await notify.claims(
        paid.map((p) => ({
          claimId: p.claimId,
          template: 'claim_paid' as const,
          params: { amount: fenToYuanText(p.amountFen) },
        })),
      );
      return loadPayoutBatch(db, officeId, batchId);
    },
  };
}
