import {
  type RegistryImportResult,
  type RegistryUnit,
  type RowIssue,
  registryColumns,
  rowIssue,
  validateRegistryRow,
} from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { requirePermission, scopeOf } from '../access/policy.ts';
import { requireColumns, writeWorkbook } from '../adapters/spreadsheet.ts';
import { openSheetOffLoop } from './sheet-off-loop.ts';
import type { ServiceDeps } from './service-deps.ts';
import type { NewUnit } from '../db/tables.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { agencyRepository } from '../repositories/agency.repository.ts';
import { unitRepository } from '../repositories/unit.repository.ts';
import { withUnitsRekeyed } from './report-summary.service.ts';
import { asCancelled, betweenChunks, importSignal, throwIfCancelled } from './import-guard.ts';
import { tooManyRows } from '../adapters/sheet-limits.ts';

const REQUIRED = [
  registryColumns.name,
  registryColumns.creditCode,
  registryColumns.category,
  registryColumns.agency,
  registryColumns.headcount,
];
const CHUNK = 500;
/**
 * Issues kept in the import record (the first, by row): the answer to the upload lists them all, the stored record
 * stays bounded however bad a 100,000-row file is.
 */
const STORED_ISSUES = 1_000;

/**
 * The union registry import: every unit the office knows of, enrolled or not. Rows are upserted by credit code;
 * an invalid row is reported and skipped; an unreadable file changes nothing. One transaction for the whole file.
 */
export function createRegistryImportService({ db, clock, audit, config }: ServiceDeps) {
  async function readAndStore(
    actor: Actor,
    file: string,
    fileName: string,
    signal: AbortSignal,
  ): Promise<RegistryImportResult> {
    const scope = scopeOf(actor);
    const agencies = await agencyRepository.listInOffice(db, scope.officeId);
    const byText = new Map<string, string>();
    for (const a of agencies) {
      byText.set(a.code, a.id);
      byText.set(a.name, a.id);
    }
    const sheet = await openSheetOffLoop(file, fileName, {
      header: { known: Object.values(registryColumns), required: REQUIRED, ignored: ['序号', '备注'] },
      signal,
      maxRows: config.registryMaxRows,
    });
    requireColumns(sheet.headers, REQUIRED);

    const issues: RowIssue[] = sheet.unknownColumns.map((h) =>
      rowIssue(sheet.headerRow, h, 'COLUMN_UNKNOWN', 'warning', `「${h}」`),
    );
    const valid: { row: number; unit: RegistryUnit }[] = [];
    const seen = new Map<string, number>();
    let total = 0;
    for await (const { row, values, flags } of sheet.rows) {
      total += 1;
      if (total > config.registryMaxRows) throw tooManyRows(config.registryMaxRows);
      const r = validateRegistryRow(row, values, byText);
      issues.push(...r.issues);
      // A GB18030 csv character GBK cannot write: imported, and the cell named so it can be checked.
      if (flags)
        for (const [column, flag] of Object.entries(flags))
          if (flag === 'outside-gbk')
            issues.push(rowIssue(row, column, 'CHAR_OUTSIDE_GBK', 'warning', `「${values[column]}」`));
      if (!r.unit) continue;
      const first = seen.get(r.unit.creditCode);
      if (first !== undefined) {
        issues.push({
          row,
          column: registryColumns.creditCode,
          code: 'DUPLICATE_IN_FILE',
          severity: 'error',
          message: `统一社会信用代码与第 ${first} 行重复`,
        });
        continue;
      }
      seen.set(r.unit.creditCode, row);
      valid.push({ row, unit: r.unit });
    }
    // A header without rows is a wrong file, not an import of nothing: one clear error and no record.
    if (total === 0) throw new AppError('FILE_EMPTY');

    const id = newId();
    let created = 0;
    let updated = 0;
    throwIfCancelled(signal);
    await db.transaction().execute(async (trx) => {
      const now = clock.iso();
      for (let i = 0; i < valid.length; i += CHUNK) {
        await betweenChunks(signal);
        const chunk = valid.slice(i, i + CHUNK);
        const existing = new Map(
          (
            await unitRepository.findByCreditCodes(
              trx,
              scope.officeId,
              chunk.map((v) => v.unit.creditCode),
            )
          ).map((u) => [u.credit_code, u]),
        );
        const inserts: NewUnit[] = [];
        for (const { unit } of chunk) {
          const fields = {
            name: unit.name,
            credit_code_valid: unit.creditCodeChecksumValid ? 1 : 0,
            category: unit.category,
            industry: unit.industry,
            agency_id: unit.agencyId,
            headcount: unit.headcount,
            female_headcount: unit.femaleHeadcount,
            contact_name: unit.contactName,
            contact_phone: unit.contactPhone,
            updated_at: now,
          };
          const old = existing.get(unit.creditCode);
          if (old) {
            // A unit moved to another agency or category takes its members' report figures with it.
            const rekeyed = old.agency_id !== fields.agency_id || old.category !== fields.category;
            await withUnitsRekeyed(trx, scope.officeId, rekeyed ? [old.id] : [], () =>
              unitRepository.update(trx, scope.officeId, old.id, fields),
            );
            updated += 1;
          } else {
            inserts.push({
              id: newId(),
              office_id: scope.officeId,
              credit_code: unit.creditCode,
              created_at: now,
              ...fields,
            });
          }
        }
        if (inserts.length) await trx.insertInto('unit').values(inserts).execute();
        created += inserts.length;
      }
      const rejected = total - valid.length;
      await trx
        .insertInto('registry_import')
        .values({
          id,
          office_id: scope.officeId,
          file_name: fileName,
          total_rows: total,
          created_units: created,
          updated_units: updated,
          rejected_rows: rejected,
          issues_json: JSON.stringify(issues.slice(0, STORED_ISSUES)),
          created_by: actor.id,
          created_at: now,
        })
        .execute();
      throwIfCancelled(signal);
      await audit.record(trx, actor, {
        action: 'unit.registry_import',
        objectType: 'registry_import',
        objectId: id,
        after: { fileName, total, created, updated, rejected },
      });
    });
    return {
      id,
      totalRows: total,
      createdUnits: created,
      updatedUnits: updated,
      rejectedRows: total - valid.length,
      issues,
    };
  }

  return {
    template: () =>
      writeWorkbook('工会组织名册', Object.values(registryColumns), [
        [
          '重庆市示例机械制造有限公司',
          '91500105MA5U7X8Y9K',
          '非公企业',
          '制造业',
          '江北区',
          320,
          85,
          '王芳',
          '13800138000',
        ],
      ]),

    /**
     * Like the roster import, bounded: the file is read within the zip and cell limits (sheet-limits.ts) and at most
     * HUZHU_REGISTRY_MAX_ROWS rows; the client going away (`client`) or the time limit cancels it with
     * IMPORT_CANCELLED, and its transaction rolls back.
     */
    async importFile(
      actor: Actor,
      file: string,
      fileName: string,
      client?: AbortSignal,
    ): Promise<RegistryImportResult> {
      requirePermission(actor, 'unit.import');
      const signal = importSignal(config.importTimeoutMs, client);
      try {
        return await readAndStore(actor, file, fileName, signal);
      } catch (e) {
        throw asCancelled(e, signal);
      }
    },
  };
}
