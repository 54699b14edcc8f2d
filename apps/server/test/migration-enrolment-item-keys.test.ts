import { rosterColumns } from '@huzhu/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateTo, migrateToLatest } from '../src/db/migrate.ts';
import { newId } from '../src/ids.ts';
import { createTestContext, makeIdNumber, type Agent, type TestContext } from './helpers/test-context.ts';
import { multipartBody, xlsxOf } from './helpers/upload.ts';

const header = Object.values(rosterColumns);

/** The index names of enrolment_item, whatever the dialect. */
async function indexNames(ctx: TestContext): Promise<string[]> {
  if (ctx.handle.raw.kind === 'sqlite') {
    const list = ctx.handle.raw.sqlite.pragma('index_list("enrolment_item")') as { name: string }[];
    return list.map((i) => i.name).sort();
  }
  const { rows } = await sql<{ name: string }>`
    select indexname as name from pg_indexes
     where schemaname = current_schema() and tablename = 'enrolment_item' order by indexname`.execute(ctx.handle.db);
  return rows.map((r) => r.name);
}

describe('migration 0006: enrolment item keys, over existing items', () => {
  let ctx: TestContext;
  let agent: Agent;
  let unitId: string;

  beforeAll(async () => {
    ctx = await createTestContext({ now: '2026-03-02T02:00:00.000Z' });
    const unit = await ctx.newUnit();
    unitId = unit.id;
    agent = await ctx.as('unit_agent', { unit_id: unit.id });
  });
  afterAll(() => ctx.close());

  const upload = async (people: string[]) => {
    const rows = people.map((id, i) => [`张${'一二三四五'[i]}`, id, '13800138000', 1, '在职职工', '是']);
    const body = multipartBody(
      { name: '名册.xlsx', content: await xlsxOf([header, ...rows]) },
      {
        productCode: 'CI_A',
        startDate: '2026-04-01',
      },
    );
    const res = await agent.inject({
      method: 'POST',
      url: `/api/v1/units/${unitId}/roster-imports`,
      payload: body.payload,
      headers: body.headers,
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string };
  };

  const allItems = () => ctx.handle.db.selectFrom('enrolment_item').selectAll().orderBy('id').execute();

  it('keeps every item, one person once per batch, and the items of a batch in file order', async () => {
    const people = [makeIdNumber('1980-01-01'), makeIdNumber('1981-02-02', 'female'), makeIdNumber('1982-03-03')];
    // Items under the old keys: written, then the schema taken back to 0005 with them in it (the import itself
    // needs later migrations, e.g. 0008's issue rows).
    const first = await upload(people);
    await upload(people.slice(0, 2));
    await migrateTo(ctx.handle.db, '0005-sms-provider');
    expect(await indexNames(ctx)).not.toContain('enrolment_item_person_uq');
    const before = await allItems();
    expect(before).toHaveLength(5);
    // A batch of that time keeps its issues in its JSON column; 0008 turns them into rows.
    await ctx.handle.db
      .updateTable('enrolment_batch')
      .set({
        issues_json: JSON.stringify(
          Array.from({ length: 30 }, (_, i) => ({
            row: i + 2,
            column: '手机号',
            code: 'PHONE_INVALID',
            severity: 'warning',
            message: '手机号格式不正确',
          })),
        ),
      })
      .where('id', '=', first.id)
      .execute();

    await migrateToLatest(ctx.handle.db);
    expect(await indexNames(ctx)).toEqual(
      expect.arrayContaining(['enrolment_item_batch_idx', 'enrolment_item_person_uq']),
    );
    expect(await indexNames(ctx)).not.toContain('enrolment_item_person_idx');
    expect(await allItems()).toEqual(before);
    const issues = await agent.inject({
      method: 'GET',
      url: `/api/v1/enrolment-batches/${first.id}/issues?pageSize=100`,
    });
    expect(issues.json()).toMatchObject({ total: 30 });
    expect(issues.json().items.map((i: { row: number }) => i.row)).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
    const batch = (await agent.inject({ method: 'GET', url: `/api/v1/enrolment-batches/${first.id}` })).json();
    expect(batch).toMatchObject({ issueCount: 30 });
    expect(batch.issues).toHaveLength(20);

    // The same person twice in one batch is still refused by the database itself.
    const copy = { ...before.find((i) => i.batch_id === first.id)!, id: newId() };
    await expect(ctx.handle.db.insertInto('enrolment_item').values(copy).execute()).rejects.toThrow(/unique/i);

    // The batch's items page reads in file order.
    const page = await agent.inject({ method: 'GET', url: `/api/v1/enrolment-batches/${first.id}/items` });
    expect(page.statusCode).toBe(200);
    expect((page.json() as { items: { row: number }[] }).items.map((i) => i.row)).toEqual([2, 3, 4]);

    // New imports work on the new keys, and see their own earlier drafts' people without error.
    const third = await upload([makeIdNumber('1983-04-04'), people[2]!]);
    expect(third.id).toBeTruthy();
  });

  it('the lookups use the new indexes (SQLite query plans)', async () => {
    if (ctx.handle.raw.kind !== 'sqlite') return;
    const plan = (q: string) =>
      (ctx.handle.raw.kind === 'sqlite' ? ctx.handle.raw.sqlite.prepare(`EXPLAIN QUERY PLAN ${q}`).all() : [])
        .map((r) => (r as { detail: string }).detail)
        .join(' | ');
    expect(
      plan(`SELECT batch_id, id_number_hash FROM enrolment_item WHERE office_id = 'o' AND id_number_hash IN ('a','b')`),
    ).toMatch(/COVERING INDEX enrolment_item_person_uq/);
    expect(plan(`SELECT * FROM enrolment_item WHERE batch_id = 'b' ORDER BY row_number`)).toMatch(
      /enrolment_item_batch_idx/,
    );
  });
});
