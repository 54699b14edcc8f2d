import type { Kysely } from 'kysely';

/**
 * A roster's per-row issues as rows (`enrolment_issue`, paged by `seq` in row order) instead of one JSON blob in the
 * batch: a 100,000-row roster may carry as many issues, and every batch list carried the whole blob to every user.
 * The batch keeps its issue count and a preview of the first ones (`issues_json`, ISSUE_PREVIEW of them) so the
 * list and the detail stay small. Existing batches have their blob moved into rows.
 */
const PREVIEW = 20;
const CHUNK = 500;

interface OldBatch {
  id: string;
  office_id: string;
  issues_json: string;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('enrolment_issue')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('enrolment_batch.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('column_name', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('enrolment_issue_batch_uq')
    .on('enrolment_issue')
    .columns(['batch_id', 'seq'])
    .unique()
    .execute();
  await db.schema
    .alterTable('enrolment_batch')
    .addColumn('issue_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // biome-ignore lint/suspicious/noExplicitAny: the migration sees the schema of its own time, not tables.ts
  const d = db as Kysely<any>;
  let after = '';
  for (;;) {
    const batches: OldBatch[] = await d
      .selectFrom('enrolment_batch')
      .select(['id', 'office_id', 'issues_json'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(50)
      .execute();
    if (batches.length === 0) break;
    for (const b of batches) {
      const issues = JSON.parse(b.issues_json) as {
        row: number;
        column: string;
        code: string;
        severity: string;
        message: string;
      }[];
      for (let i = 0; i < issues.length; i += CHUNK) {
        await d
          .insertInto('enrolment_issue')
          .values(
            issues.slice(i, i + CHUNK).map((x, j) => ({
              id: `${b.id}-${i + j}`,
              office_id: b.office_id,
              batch_id: b.id,
              seq: i + j,
              row_number: x.row,
              column_name: x.column,
              code: x.code,
              severity: x.severity,
              message: x.message,
            })),
          )
          .execute();
      }
      await d
        .updateTable('enrolment_batch')
        .set({ issue_count: issues.length, issues_json: JSON.stringify(issues.slice(0, PREVIEW)) })
        .where('id', '=', b.id)
        .execute();
    }
    after = batches[batches.length - 1]!.id;
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('enrolment_batch').dropColumn('issue_count').execute();
  await db.schema.dropTable('enrolment_issue').execute();
}
