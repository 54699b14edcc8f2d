import {
  checkEligibility,
  coverageTerms,
  type HeldPolicy,
  type IsoDate,
  participationShortfall,
  rosterColumns,
  type RowIssue,
  rowIssue,
} from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { requirePermission, scopeOf } from '../access/policy.ts';
import { writeWorkbook } from '../adapters/spreadsheet.ts';
import type { ServiceDeps } from './service-deps.ts';
import { createTransactionWriter } from '../db/bulk.ts';
import type { BatchRow } from '../db/tables.ts';
import { isIdempotencyKeyViolation } from '../db/unique-violation.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { batchRepository } from '../repositories/batch.repository.ts';
import { batchIssueRepository } from '../repositories/batch-issue.repository.ts';
import { heldPoliciesByHash } from '../repositories/policy.repository.ts';
import { unitRepository } from '../repositories/unit.repository.ts';
import { workerEntries } from '../workers/entries.ts';
import { runWorkerJob } from '../workers/jobs.ts';
import { currentVersion } from './product.service.ts';
import {
  decodeRows,
  type PreparedRosterRow,
  type RosterRowsStart,
  type RosterWire,
  rosterColumnNames,
} from './roster-rows.ts';
import { faultPoint } from '../fault.ts';
import { asCancelled, importSignal, throwIfCancelled, unlessAborted } from './import-guard.ts';

/**
 * Rows checked against held and pending policies per query (two indexed lookups each) and then written. Small enough
 * that the worker reads the next rows while these are written, large enough that the queries stay few.
 */
const CHECK_CHUNK = 1_000;

export interface RosterImportInput {
  unitId: string;
  productCode: string;
  startDate: IsoDate;
  file: string;
  fileName: string;
  idempotencyKey?: string;
  /** Aborts when the client has gone away: the import stops, its transaction rolls back. */
  signal?: AbortSignal;
}

/**
 * Roster upload → a draft batch. A worker thread reads the file as a stream and checks each row on its own, with
 * the ID number's blind index and ciphertext (services/roster-rows.ts); here, on the event loop, the rows it sends
 * are checked in chunks against the policies people already hold (one query per chunk) and the valid ones written
 * as batch items in the same transaction as the batch, through the bulk writer's prepared statement. The two run
 * side by side. Every problem is reported with its Excel row and column.
 */
export function createEnrolmentImportService({ db, handle, clock, audit, cipher, config }: ServiceDeps) {
  return {
    // The ID and mobile columns are Text: typed into a number cell, an 18-digit ID loses its last digits.
    template: () =>
      writeWorkbook(
        '参保花名册',
        Object.values(rosterColumns),
        [['张三', '500103198506151236', '13800138000', 1, '在职职工', '是']],
        { textColumns: [2, 3] },
      ),

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

      // The client going away or the time limit ends the import: the worker stops, nothing is stored.
      const signal = importSignal(config.importTimeoutMs, input.signal);
      const job = runWorkerJob<RosterRowsStart, RosterWire>(workerEntries.rosterRows, {
        file: input.file,
        fileName: input.fileName,
        today,
        defaultShares: product.minShares,
        keys: cipher.exportKeys(),
        maxRows: config.rosterMaxRows,
      });
      const nextRows = () => unlessAborted(job.next(), signal);
      // The first batch before anything is written: an unreadable file or a missing column fails here.
      let first: IteratorResult<RosterWire>;
      try {
        first = await nextRows();
      } catch (e) {
        job.cancel();
        throw e;
      }

      const batchId = newId();
      const now = clock.iso();
      const issues: RowIssue[] = [];
      const rejected: { row: number; values: Record<string, string>; reasons: string[] }[] = [];
      let total = 0;
      let accepted = 0;
      let shares = 0;
      let fee = 0;

      // However the transaction ends, the worker stops reading (a no-op when it has finished).
      try {
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

          let pending: PreparedRosterRow[] = [];
          const reject = (row: PreparedRosterRow, rowIssues: RowIssue[]) => {
            rejected.push({
              row: row.row,
              values: Object.fromEntries(rosterColumnNames.map((h, i) => [h, row.cells[i] ?? ''])),
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
              pending.map((p) => p.ready!.hash),
            );
            for (const row of pending) {
              const { person, hash, idEnc, idMasked } = row.ready!;
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
                reject(row, rowIssues);
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
                id_number_enc: idEnc,
                id_number_hash: hash,
                id_number_masked: idMasked,
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

          for (let next = first; !next.done; next = await nextRows()) {
            if (next.value.sheetIssues) issues.push(...next.value.sheetIssues);
            for (const row of decodeRows(next.value.rows)) {
              total += 1;
              for (const issue of row.issues) issues.push(issue);
              if (row.ready) pending.push(row);
              else reject(row, row.issues);
            }
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
          throwIfCancelled(signal);
          const kept = await batchIssueRepository.writeAll(trx, scope.officeId, batchId, issues);
          await trx
            .updateTable('enrolment_batch')
            .set({
              total_rows: total,
              accepted_rows: accepted,
              rejected_rows: total - accepted,
              total_shares: shares,
              total_fee_fen: fee,
              ...kept,
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
          faultPoint('roster-import:before-commit');
        });
      } catch (e) {
        // A retry racing its original (same key at the same time): the original's batch is the answer, not a 409.
        if (input.idempotencyKey && isIdempotencyKeyViolation(e)) {
          const done = await batchRepository.findByIdempotencyKey(db, scope.officeId, input.idempotencyKey);
          if (done) return done;
        }
        throw asCancelled(e, signal);
      } finally {
        job.cancel();
      }
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
