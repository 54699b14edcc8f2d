import type { RowIssue } from '@huzhu/core';
import { insertMany } from '../db/insert-many.ts';
import type { Db } from '../db/tables.ts';

/** Issues shown inline with a batch (its list row, its detail); the rest are paged from enrolment_issue. */
export const ISSUE_PREVIEW = 20;

/** A batch's issues (migration 0008): written once, in row order, and read a page at a time. */
export const batchIssueRepository = {
  /** Writes all issues of a batch in the caller's transaction; returns what the batch row keeps of them. */
  async writeAll(trx: Db, officeId: string, batchId: string, issues: readonly RowIssue[]) {
    await insertMany(
      trx,
      'enrolment_issue',
      issues.map((x, seq) => ({
        id: `${batchId}-${seq}`,
        office_id: officeId,
        batch_id: batchId,
        seq,
        row_number: x.row,
        column_name: x.column,
        code: x.code,
        severity: x.severity,
        message: x.message,
      })),
    );
    return { issue_count: issues.length, issues_json: JSON.stringify(issues.slice(0, ISSUE_PREVIEW)) };
  },

  async page(db: Db, batchId: string, page: number, pageSize: number): Promise<RowIssue[]> {
    const rows = await db
      .selectFrom('enrolment_issue')
      .select(['row_number', 'column_name', 'code', 'severity', 'message'])
      .where('batch_id', '=', batchId)
      .orderBy('seq')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return rows.map((r) => ({
      row: r.row_number,
      column: r.column_name,
      code: r.code as RowIssue['code'],
      severity: r.severity as RowIssue['severity'],
      message: r.message,
    }));
  },
};
