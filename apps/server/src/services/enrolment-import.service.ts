import {
  checkEligibility,
  coverageTerms,
  type HeldPolicy,
  type IsoDate,
  maskIdNumber,
  participationShortfall,
  parseRosterRow,
  requiredRosterColumns,
  rosterColumns,
  type RowIssue,
  rowIssue,
} from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { requirePermission, scopeOf } from '../access/policy.ts';
import { openSheet, requireColumns, writeWorkbook } from '../adapters/spreadsheet.ts';
import type { ServiceDeps } from '../context.ts';
import { createTransactionWriter } from '../db/bulk.ts';
import type { BatchRow } from '../db/tables.ts';
import { AppError } from '../http/app-error.ts';
import { newId } from '../ids.ts';
import { batchRepository } from '../repositories/batch.repository.ts';
import { heldPoliciesByHash } from '../repositories/policy.repository.ts';
import { unitRepository } from '../repositories/unit.repository.ts';
import { currentVersion } from './product.service.ts';

/**
 * Rows checked against held and pending policies per query. Larger than a write chunk on purpose: without table
 * statistics SQLite answers the overlap queries by walking the office's index range, so each query costs in
 * proportion to what the office already holds, and fewer queries keep a large roster from growing quadratically.
 * Both dialects take far more bound parameters than this.
 */
const CHECK_CHUNK = 10_000;

export interface RosterImportInput {
  unitId: string;
  productCode: string;
  startDate: IsoDate;
  file: string;
  fileName: string;
  idempotencyKey?: string;
}

/**
 * Roster upload → a draft batch. The file is read as a stream; rows are checked on their own (core parseRosterRow),
 * then in chunks against the policies people already hold (one query per chunk), and the valid rows are written as
 * batch items in the same transaction as the batch, through the bulk writer's prepared statement rather than a
 * query built per chunk. Every problem is reported with its Excel row and column.
 */
export function createEnrolmentImportService({ db, handle, clock, audit, cipher }: ServiceDeps) {
  return {
    template: () =>
      writeWorkbook('参保花名册', Object.values(rosterColumns), [
        ['张三', '500103198506151236', '13800138000', 1, '在职职工', '是'],
      ]),

    async importRoster(actor: Actor, input: RosterImportInput): Promise<BatchRow> {
      requirePermission(actor, 'batch.create');
      const scope = scopeOf(actor);
      const unit = await unitRepository.findInScope(db, scope, input.unitId);
      if (!unit) throw new AppError('NOT_FOUND');
      if (input.idempotencyKey) {
        const done = await batchRepository.findByIdempotencyKey(db, scope.officeId, input.idempotencyKey);
        if (done) return done;
      }
      const product = await currentVersion(db, scope.officeId, input.productCode);
      const today = clock.today();
      if (product.channel !== 'unit')
        throw new AppError('VALIDATION_FAILED', { field: 'productCode', message: '该产品不通过单位参保' });
      if (input.startDate < today)
        throw new AppError('VALIDATION_FAILED', { field: 'startDate', message: '参保开始日不能早于今天' });
      if ((product.salesFrom && today < product.salesFrom) || (product.salesTo && today > product.salesTo))
        throw new AppError('VALIDATION_FAILED', { field: 'productCode', message: '该产品不在销售期内' });

      const sheet = await openSheet(input.file, input.fileName);
      requireColumns(sheet.headers, requiredRosterColumns);

      const batchId = newId();
      const now = clock.iso();
      const issues: RowIssue[] = [];
      const rejected: { row: number; values: Record<string, string>; reasons: string[] }[] = [];
      const seen = new Map<string, number>();
      let total = 0;
      let accepted = 0;
      let shares = 0;
      let fee = 0;

      await db.transaction().execute(async (trx) => {
        await batchRepository.insertDraft(trx, {
          id: batchId,
          office_id: scope.officeId,
          unit_id: unit.id,
          agency_id: unit.agency_id,
          product_version_id: product.id,
          product_code: product.code,
          kind: 'roster',
          requested_start: input.startDate,
          file_name: input.fileName,
          idempotency_key: input.idempotencyKey ?? null,
          created_by: actor.id,
          created_at: now,
        });

        let pending: {
          person: NonNullable<ReturnType<typeof parseRosterRow>['person']>;
          hash: string;
          values: Record<string, string>;
        }[] = [];
        const reject = (row: number, values: Record<string, string>, rowIssues: RowIssue[]) => {
          rejected.push({
            row,
            values,
            reasons: rowIssues.filter((i) => i.severity === 'error').map((i) => i.message),
          });
        };
        const items = createTransactionWriter(handle, trx, 'enrolment_item');
        // Someone who holds nothing yet gets the same terms as everyone else with that many shares.
        const plainTerms = new Map<number, ReturnType<typeof coverageTerms>>();
        const termsFor = (shares: number, mine: HeldPolicy[]) => {
          if (mine.length > 0) return coverageTerms(product, shares, input.startDate, mine);
          let terms = plainTerms.get(shares);
          if (!terms) {
            terms = coverageTerms(product, shares, input.startDate, mine);
            plainTerms.set(shares, terms);
          }
          return terms;
        };
        const noneHeld: HeldPolicy[] = [];
        const flush = async () => {
          if (pending.length === 0) return;
          const held = await heldPoliciesByHash(
            trx,
            scope.officeId,
            pending.map((p) => p.hash),
          );
          for (const { person, hash, values } of pending) {
            const mine = held.get(hash) ?? noneHeld;
            const problems = checkEligibility(product, person, input.startDate, mine);
            if (problems.length) {
              const rowIssues: RowIssue[] = problems.map((p) => ({
                row: person.row,
                column:
                  p.field === 'shares'
                    ? rosterColumns.shares
                    : p.field === 'medicalInsurance'
                      ? rosterColumns.medicalInsurance
                      : rosterColumns.idNumber,
                code: p.code,
                severity: 'error',
                message: p.message,
              }));
              issues.push(...rowIssues);
              reject(person.row, values, rowIssues);
              continue;
            }
            const terms = termsFor(person.shares, mine);
            await items.push({
              id: newId(),
              office_id: scope.officeId,
              batch_id: batchId,
              row_number: person.row,
              member_id: null,
              name: person.name,
              id_number_enc: cipher.encrypt(person.idNumber),
              id_number_hash: hash,
              id_number_masked: maskIdNumber(person.idNumber),
              sex: person.sex,
              birth_date: person.birthDate,
              mobile: person.mobile,
              employment_kind: person.employmentKind,
              has_medical_insurance: person.hasMedicalInsurance ? 1 : 0,
              shares: person.shares,
              fee_fen: terms.feeFen,
              continuous: terms.continuous ? 1 : 0,
              renewal_of: null,
            });
            accepted += 1;
            shares += person.shares;
            fee += terms.feeFen;
          }
          pending = [];
        };

        for await (const { row, values } of sheet.rows) {
          total += 1;
          const parsed = parseRosterRow(row, values, today, product.minShares);
          issues.push(...parsed.issues);
          if (!parsed.person) {
            reject(row, values, parsed.issues);
            continue;
          }
          const hash = cipher.blindIndex(parsed.person.idNumber);
          const first = seen.get(hash);
          if (first !== undefined) {
            const dup = rowIssue(row, rosterColumns.idNumber, 'DUPLICATE_IN_FILE', 'error', `与第 ${first} 行重复`);
            issues.push(dup);
            reject(row, values, [dup]);
            continue;
          }
          seen.set(hash, row);
          pending.push({ person: parsed.person, hash, values });
          if (pending.length >= CHECK_CHUNK) await flush();
        }
        await flush();
        await items.close();

        if (total === 0) issues.push(rowIssue(1, '', 'FILE_EMPTY'));
        const shortfall = participationShortfall(product, accepted, {
          headcount: unit.headcount,
          femaleHeadcount: unit.female_headcount,
        });
        if (shortfall) {
          issues.push(
            rowIssue(
              1,
              '',
              'PARTICIPATION_BELOW_MINIMUM',
              'warning',
              `本次 ${accepted} 人，参保率 ${(shortfall.ratioBp / 100).toFixed(1)}%，最低 ${(shortfall.minimumBp / 100).toFixed(0)}%`,
            ),
          );
        }
        issues.sort((a, b) => a.row - b.row);
        await trx
          .updateTable('enrolment_batch')
          .set({
            total_rows: total,
            accepted_rows: accepted,
            rejected_rows: total - accepted,
            total_shares: shares,
            total_fee_fen: fee,
            issues_json: JSON.stringify(issues),
            rejected_rows_enc: rejected.length
              ? cipher.encrypt(JSON.stringify(rejected.sort((a, b) => a.row - b.row)))
              : null,
          })
          .where('id', '=', batchId)
          .execute();
        await audit.record(trx, actor, {
          action: 'batch.import',
          objectType: 'enrolment_batch',
          objectId: batchId,
          after: {
            unitId: unit.id,
            productCode: product.code,
            total,
            accepted,
            totalFeeFen: fee,
            fileName: input.fileName,
          },
        });
      });
      const batch = await db
        .selectFrom('enrolment_batch')
        .selectAll()
        .where('id', '=', batchId)
        .executeTakeFirstOrThrow();
      return batch;
    },

    /** The rejected rows with their original cells and a reason column, as xlsx. */
    async errorReport(batch: BatchRow): Promise<Buffer> {
      const rows = batch.rejected_rows_enc
        ? (JSON.parse(cipher.decrypt(batch.rejected_rows_enc)) as {
            row: number;
            values: Record<string, string>;
            reasons: string[];
          }[])
        : [];
      const headers = Object.values(rosterColumns);
      return writeWorkbook(
        '错误明细',
        ['Excel 行号', ...headers, '错误原因'],
        rows.map((r) => [r.row, ...headers.map((h) => r.values[h] ?? ''), r.reasons.join('；')]),
      );
    },
  };
}
