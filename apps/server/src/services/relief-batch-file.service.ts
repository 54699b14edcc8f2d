import {
  normalizeText,
  parseIdNumber,
  type ReliefBatch,
  reliefListColumns,
  type RowIssue,
  rosterHeaderAliases,
  rowIssue,
} from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { requirePermission, scopeOf } from '../access/policy.ts';
import { requireColumns } from '../adapters/spreadsheet.ts';
import { openSheetOffLoop } from './sheet-off-loop.ts';
import { tooManyRows } from '../adapters/sheet-limits.ts';
import type { ServiceDeps } from './service-deps.ts';
import { AppError } from '../errors.ts';
import { reliefRepository as repo } from '../repositories/relief.repository.ts';
import type { ReliefAdminService } from './relief-admin.service.ts';

const c = reliefListColumns;
/** The list's header: the roster's variants of 姓名 and 身份证号 are understood; 序号, 单位, 备注… are not read. */
const listHeader = {
  known: Object.values(c),
  required: [c.idNumber],
  aliases: Object.fromEntries(
    Object.entries(rosterHeaderAliases).filter(([, column]) => column === c.name || column === c.idNumber),
  ),
  ignored: ['序号', '编号', '备注', '单位', '单位名称', '工会', '手机号', '联系电话', '困难类别'],
};

interface ListRow {
  row: number;
  hash: string;
  name: string;
}

/**
 * A holiday batch (节日慰问) from a list file (xlsx/csv/xls/ods, read by the importers' reader with their limits):
 * one member per row, found by ID number in the office, the name (when given) checked against it. Any row that
 * names no member of the office — a bad ID number, a person outside the office, a name that does not match, a
 * repeated ID number — refuses the whole list with every row's problem and writes nothing; members not covered on
 * the date or over their limits are left out of the batch and reported with their row, as for a list of ids.
 */
export function createReliefBatchFileService(
  { db, cipher, clock, config }: Pick<ServiceDeps, 'db' | 'cipher' | 'clock' | 'config'>,
  admin: ReliefAdminService,
) {
  return {
    async create(
      actor: Actor,
      file: string,
      fileName: string,
      fields: { name: string; eventDate?: string },
    ): Promise<ReliefBatch> {
      requirePermission(actor, 'relief.manage');
      const officeId = scopeOf(actor).officeId;
      const maxRows = config.reliefListMaxRows;
      const sheet = await openSheetOffLoop(file, fileName, { header: listHeader, maxRows });
      requireColumns(sheet.headers, [c.idNumber]);
      const today = clock.today();
      const issues: RowIssue[] = [];
      const rows: ListRow[] = [];
      const firstRow = new Map<string, number>();
      let count = 0;
      for await (const r of sheet.rows) {
        count += 1;
        if (count > maxRows) throw tooManyRows(maxRows);
        const rawId = normalizeText(r.values[c.idNumber] ?? '');
        const name = normalizeText(r.values[c.name] ?? '');
        if (!rawId && !name) continue;
        if (r.flags?.[c.idNumber] === 'lossy-number') {
          issues.push(rowIssue(r.row, c.idNumber, 'ID_STORED_AS_NUMBER'));
          continue;
        }
        const id = parseIdNumber(rawId, today);
        if (!id.ok) {
          issues.push(rowIssue(r.row, c.idNumber, id.error.code as RowIssue['code']));
          continue;
        }
        const hash = cipher.blindIndex(id.value.idNumber);
        const first = firstRow.get(hash);
        if (first !== undefined) {
          issues.push(rowIssue(r.row, c.idNumber, 'DUPLICATE_IN_FILE', 'error', `与第 ${first} 行重复`));
          continue;
        }
        firstRow.set(hash, r.row);
        rows.push({ row: r.row, hash, name });
      }
      if (rows.length === 0 && issues.length === 0) throw new AppError('FILE_EMPTY');
      const found = new Map(
        (
          await repo.membersByIdHash(
            db,
            officeId,
            rows.map((r) => r.hash),
          )
        ).map((m) => [m.id_number_hash, m]),
      );
      const listRows = new Map<string, number>();
      for (const r of rows) {
        const m = found.get(r.hash);
        if (!m) {
          issues.push({
            row: r.row,
            column: c.idNumber,
            code: 'NOT_FOUND',
            severity: 'error',
            message: '该身份证号不是本办事处的会员，节日慰问只发给本办事处的会员',
          });
          continue;
        }
        if (r.name && r.name !== m.name) {
          issues.push({
            row: r.row,
            column: c.name,
            code: 'NAME_INVALID',
            severity: 'error',
            message: `姓名「${r.name}」与该身份证号登记的会员姓名不一致`,
          });
          continue;
        }
        listRows.set(m.id, r.row);
      }
      if (issues.length > 0)
        throw new AppError(
          'VALIDATION_FAILED',
          { issues: issues.sort((a, b) => a.row - b.row) },
          `名单有 ${issues.length} 处错误，未创建批次`,
        );
      return admin.createBatch(
        actor,
        { category: 'holiday', name: fields.name, eventDate: fields.eventDate, memberIds: [...listRows.keys()] },
        listRows,
      );
    },
  };
}
