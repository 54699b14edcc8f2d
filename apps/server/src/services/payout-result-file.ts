import { normalizeText, type PayoutResultRow, type RowIssue } from '@huzhu/core';
import { openSheetOffLoop } from './sheet-off-loop.ts';
import { AppError } from '../errors.ts';
import { tooManyRows } from '../adapters/sheet-limits.ts';

/** Header names banks use in result files, ours first (the reference column is the one of our transfer file). */
const headerAliases = {
  reference: ['业务参考号', '参考号', '摘要', 'claimId', 'reference'],
  status: ['结果', '状态', '交易状态', '处理结果', 'status'],
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

/** One result line of the file, with its Excel row number for the report. */
export type PayoutFileRow = PayoutResultRow & { row: number };

export interface PayoutResultFile {
  rows: PayoutFileRow[];
  /** Problems found in the file itself; the batch checks come later (checkAgainstBatch). */
  issues: RowIssue[];
  /** The header text of the reference and status columns, for the issues the batch checks add. */
  columns: { reference: string; status: string };
}

export const fileIssue = (row: number, column: string, code: RowIssue['code'], message: string): RowIssue => ({
  row,
  column,
  code,
  severity: 'error',
  message,
});

/**
 * Reads a bank result file (xlsx or csv): reference (the claim id), status 成功/失败, reason. Problems are collected
 * per row, like the roster import's, so the whole file can be corrected at once; a missing column or an empty file
 * refuses it outright. Read within the zip and cell limits (sheet-limits.ts), at most `maxRows` rows, stopping between
 * chunks once `signal` aborts.
 */
export async function readPayoutResultFile(
  file: string,
  fileName: string,
  limits: { signal?: AbortSignal; maxRows?: number } = {},
): Promise<PayoutResultFile> {
  const sheet = await openSheetOffLoop(file, fileName, limits);
  const find = (names: readonly string[]) => names.find((n) => sheet.headers.includes(n));
  const reference = find(headerAliases.reference);
  const status = find(headerAliases.status);
  const reason = find(headerAliases.reason);
  if (!reference || !status)
    throw new AppError(
      'COLUMN_MISSING',
      { columns: ['业务参考号', '结果'] },
      '文件缺少必需的列：业务参考号、结果（或状态）',
    );
  const rows: PayoutFileRow[] = [];
  const issues: RowIssue[] = [];
  const firstRowOf = new Map<string, number>();
  let total = 0;
  for await (const r of sheet.rows) {
    total += 1;
    if (limits.maxRows && total > limits.maxRows) throw tooManyRows(limits.maxRows);
    const claimId = normalizeText(r.values[reference] ?? '');
    const word = normalizeText(r.values[status] ?? '');
    const mapped = statusWords[word.toLowerCase()];
    if (!claimId) issues.push(fileIssue(r.row, reference, 'VALIDATION_FAILED', '业务参考号为空'));
    if (!mapped)
      issues.push(fileIssue(r.row, status, 'VALIDATION_FAILED', `无法识别的结果“${word}”，应为 成功 或 失败`));
    const first = claimId ? firstRowOf.get(claimId) : undefined;
    if (first !== undefined)
      issues.push(fileIssue(r.row, reference, 'DUPLICATE_IN_FILE', `业务参考号重复，与第 ${first} 行相同`));
    else if (claimId) firstRowOf.set(claimId, r.row);
    if (claimId && mapped && first === undefined) {
      const why = reason ? normalizeText(r.values[reason] ?? '').slice(0, 200) : '';
      rows.push({ row: r.row, claimId, status: mapped, ...(why ? { reason: why } : {}) });
    }
  }
  if (rows.length === 0 && issues.length === 0) throw new AppError('FILE_EMPTY');
  return { rows, issues, columns: { reference, status } };
}
