import { fenToYuanText, normalizeText, type PayoutResultRow } from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { requirePermission, scopeOf } from '../access/policy.ts';
import { openSheet } from '../adapters/spreadsheet.ts';
import type { ServiceDeps } from '../context.ts';
import { AppError } from '../http/app-error.ts';
import { claimPayoutRepository as repo } from '../repositories/claim-payout.repository.ts';
import { claimRepository } from '../repositories/claim.repository.ts';
import { moveClaim } from './claim-transition.service.ts';
import type { NotificationService } from './notification.service.ts';
import { loadPayoutBatch } from './payout-batch.service.ts';

/** Header names banks use in result files, ours first. */
const headerAliases = {
  reference: ['业务参考号', '参考号', '摘要', 'reference'],
  status: ['状态', '交易状态', '处理结果', 'status'],
  reason: ['原因', '失败原因', '备注', 'reason'],
} as const;
const statusWords: Record<string, 'paid' | 'failed'> = {
  成功: 'paid',
  交易成功: 'paid',
  已支付: 'paid',
  paid: 'paid',
  success: 'paid',
  失败: 'failed',
  交易失败: 'failed',
  退票: 'failed',
  failed: 'failed',
  fail: 'failed',
};

interface Issue {
  row: number;
  column: string;
  message: string;
}

/** Reads a bank result file (xlsx or csv): reference, status 成功/失败, reason. Any bad row refuses the whole file. */
export async function readPayoutResults(file: string, fileName: string): Promise<PayoutResultRow[]> {
  const sheet = await openSheet(file, fileName);
  const find = (names: readonly string[]) => names.find((n) => sheet.headers.includes(n));
  const ref = find(headerAliases.reference);
  const status = find(headerAliases.status);
  const reason = find(headerAliases.reason);
  if (!ref || !status)
    throw new AppError('COLUMN_MISSING', { columns: ['业务参考号', '状态'] }, '文件缺少必需的列：业务参考号、状态');
  const rows: PayoutResultRow[] = [];
  const issues: Issue[] = [];
  for await (const r of sheet.rows) {
    const claimId = normalizeText(r.values[ref] ?? '');
    const word = normalizeText(r.values[status] ?? '').toLowerCase();
    const mapped = statusWords[word];
    if (!claimId) issues.push({ row: r.row, column: ref, message: '业务参考号为空' });
    if (!mapped) issues.push({ row: r.row, column: status, message: `无法识别的状态“${word}”，应为 成功 或 失败` });
    if (claimId && mapped) {
      const why = reason ? normalizeText(r.values[reason] ?? '').slice(0, 200) : '';
      rows.push({ claimId, status: mapped, ...(why ? { reason: why } : {}) });
    }
  }
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', { issues });
  if (rows.length === 0) throw new AppError('FILE_EMPTY');
  return rows;
}

export function createPayoutResultsService({ db, clock, audit }: ServiceDeps, notify: NotificationService) {
  return {
    /** The bank's result file for a batch (see readPayoutResults), applied as `apply` does. */
    async applyFile(actor: Actor, batchId: string, file: string, fileName: string) {
      requirePermission(actor, 'payout.manage');
      if (!(await repo.batch(db, scopeOf(actor).officeId, batchId))) throw new AppError('NOT_FOUND');
      return this.apply(actor, batchId, await readPayoutResults(file, fileName));
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
        const items = new Map((await repo.items(trx, officeId, batchId)).map((i) => [i.claim_id, i]));
        const outside = ids.filter((id) => !items.has(id));
        if (outside.length > 0)
          throw new AppError('VALIDATION_FAILED', { claimIds: outside, message: '这些业务参考号不在本支付批次中' });
        const claims = new Map((await claimRepository.byIds(trx, officeId, ids)).map((c) => [c.id, c]));
        const now = clock.iso();
        for (const r of results) {
          const item = items.get(r.claimId)!;
          const claim = claims.get(r.claimId)!;
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
          await moveClaim(
            trx,
            audit,
            actor,
            claim,
            isPaid ? 'pay' : 'fail',
            { ...(isPaid ? { paid_at: now } : {}), updated_at: now },
            { batchId, amountFen: item.amount_fen, reason: r.reason },
          );
          if (isPaid) paid.push({ claimId: r.claimId, amountFen: item.amount_fen });
        }
        await repo.closeIfSettled(trx, officeId, batchId, now);
        await audit.record(trx, actor, {
          action: 'payout.results',
          objectType: 'payout_batch',
          objectId: batchId,
          after: { paid: paid.length, failed: results.length - paid.length },
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
