import { type OrgScope, unitInScope } from '../access/policy.ts';
import type { Db, EnrolmentBatchTable } from '../db/tables.ts';

type Required = Pick<
  EnrolmentBatchTable,
  | 'id'
  | 'office_id'
  | 'unit_id'
  | 'agency_id'
  | 'product_version_id'
  | 'product_code'
  | 'kind'
  | 'requested_start'
  | 'created_by'
  | 'created_at'
>;

export const batchRepository = {
  /** Inserts a new draft batch; counts and totals may be given now or set when the rows are known. */
  insertDraft: (db: Db, b: Required & Partial<EnrolmentBatchTable>) =>
    db
      .insertInto('enrolment_batch')
      .values({
        status: 'draft',
        file_name: null,
        total_rows: 0,
        accepted_rows: 0,
        rejected_rows: 0,
        total_shares: 0,
        total_fee_fen: 0,
        issues_json: '[]',
        issue_count: 0,
        rejected_rows_enc: null,
        idempotency_key: null,
        return_reason: null,
        note: null,
        paid_amount_fen: null,
        paid_on: null,
        bank_reference: null,
        updated_at: b.created_at,
        submitted_at: null,
        approved_at: null,
        effective_at: null,
        ...b,
      })
      .execute(),

  findByIdempotencyKey: (db: Db, officeId: string, key: string) =>
    db
      .selectFrom('enrolment_batch')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst(),

  /** The batches among `ids` whose unit lies in the caller's scope, with their product's name. */
  findManyInScope: (db: Db, scope: OrgScope, ids: string[]) =>
    db
      .selectFrom('enrolment_batch')
      .innerJoin('unit', 'unit.id', 'enrolment_batch.unit_id')
      .innerJoin('product_version', 'product_version.id', 'enrolment_batch.product_version_id')
      .selectAll('enrolment_batch')
      .select('product_version.name as product_name')
      .where('enrolment_batch.id', 'in', ids)
      .where('enrolment_batch.office_id', '=', scope.officeId)
      .where((eb) => unitInScope(eb, scope))
      .execute(),
};
