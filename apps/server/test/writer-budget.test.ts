import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { withoutStatementBudget } from '../src/db/migrate.ts';
import { createTestContext, dbKindUnderTest, type TestContext } from './helpers/test-context.ts';

const BUDGET_MS = 1_000;

/**
 * Issue 15 item 8, "a time budget on every query": the reader has its own (reader.test.ts); the write pool has
 * HUZHU_WRITE_TIMEOUT_MS — on PostgreSQL a statement past it is cancelled (503 QUERY_TIMEOUT, its transaction
 * rolled back) and a transaction left idle past it is ended, so no stuck request holds its locks. Migrations run
 * without it. SQLite cannot interrupt a statement on its one write connection: writes there are bounded by design.
 */
describe('the write budget', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ writeTimeoutMs: BUDGET_MS });
    // A write that then runs far past the budget, in one transaction: as a runaway request would.
    ctx.app.post('/api/v1/test/slow-write', { config: { auth: 'public' } }, async () => {
      await ctx.handle.db.transaction().execute(async (trx) => {
        await trx.updateTable('unit').set({ name: '超时前写入' }).where('id', '=', unitId).execute();
        if (dbKindUnderTest === 'postgres') await sql`select pg_sleep(3)`.execute(trx);
      });
      return { ok: true };
    });
  });
  afterAll(() => ctx.close());
  let unitId = '';

  it('is HUZHU_WRITE_TIMEOUT_MS, two minutes unless set, and refuses nonsense', () => {
    expect(loadConfig({} as NodeJS.ProcessEnv).writeTimeoutMs).toBe(120_000);
    expect(loadConfig({ HUZHU_WRITE_TIMEOUT_MS: '30000' } as NodeJS.ProcessEnv).writeTimeoutMs).toBe(30_000);
    expect(() => loadConfig({ HUZHU_WRITE_TIMEOUT_MS: '5' } as NodeJS.ProcessEnv)).toThrow();
    expect(() => loadConfig({ HUZHU_WRITE_TIMEOUT_MS: 'soon' } as NodeJS.ProcessEnv)).toThrow();
  });

  it.runIf(dbKindUnderTest === 'postgres')(
    'PostgreSQL: a write transaction past the budget → 503 QUERY_TIMEOUT, and nothing of it is kept',
    async () => {
      unitId = (await ctx.newUnit({ name: '写入预算单位' })).id;
      const started = performance.now();
      const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/test/slow-write' });
      expect(res.statusCode, res.body).toBe(503);
      expect(res.json()).toEqual({ code: 'QUERY_TIMEOUT', message: expect.any(String) });
      expect(performance.now() - started).toBeLessThan(2_900);
      const unit = await ctx.handle.db.selectFrom('unit').select('name').where('id', '=', unitId).executeTakeFirst();
      expect(unit?.name).toBe('写入预算单位');
    },
  );

  it.runIf(dbKindUnderTest === 'postgres')(
    'PostgreSQL: a transaction left idle past the budget is ended, its write not committed',
    async () => {
      const id = (await ctx.newUnit({ name: '空闲事务单位' })).id;
      await expect(
        ctx.handle.db.transaction().execute(async (trx) => {
          await trx.updateTable('unit').set({ name: '空闲后提交' }).where('id', '=', id).execute();
          await new Promise((r) => setTimeout(r, BUDGET_MS + 1_000));
          await trx.selectFrom('unit').select('id').where('id', '=', id).execute();
        }),
      ).rejects.toThrow();
      const unit = await ctx.handle.db.selectFrom('unit').select('name').where('id', '=', id).executeTakeFirst();
      expect(unit?.name).toBe('空闲事务单位');
    },
  );

  it('migrations run without the budget (a statement longer than it passes), the pool keeps it', async () => {
    const long =
      dbKindUnderTest === 'postgres'
        ? sql`select pg_sleep(1.5)`
        : sql`with recursive c(x) as (select 1 union all select x + 1 from c where x < 100000) select count(*) from c`;
    await withoutStatementBudget(ctx.handle.db, (db) => db.transaction().execute((trx) => long.execute(trx)));
    if (dbKindUnderTest === 'postgres')
      // The same statement outside a migration is cancelled.
      await expect(long.execute(ctx.handle.db)).rejects.toMatchObject({ code: '57014' });
  });

  it('a write within the budget is untouched', async () => {
    const unit = await ctx.newUnit({ name: '正常写入单位' });
    await ctx.handle.db.updateTable('unit').set({ name: '正常写入单位二' }).where('id', '=', unit.id).execute();
    const after = await ctx.handle.db.selectFrom('unit').select('name').where('id', '=', unit.id).executeTakeFirst();
    expect(after?.name).toBe('正常写入单位二');
  });
});
