import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/errors.ts';
import { createTestContext, dbKindUnderTest, type TestContext } from './helpers/test-context.ts';

/**
 * Heavy reads run on `handle.reader` (issue 15, item 8): on a SQLite file in worker threads, on PostgreSQL in a read
 * pool with statement_timeout. A deliberately slow query on the reader must leave /health answering, and every
 * reader query has a budget past which the caller gets 503 QUERY_TIMEOUT.
 */

const BUDGET_MS = 1_500;

/** A query that runs for several seconds by itself (far past the budget). */
const slowQuery = () =>
  dbKindUnderTest === 'postgres'
    ? sql<{ n: number }>`select count(*) as n from generate_series(1, 1) g, pg_sleep(6)`
    : sql<{ n: number }>`with recursive c(x) as (select 1 union all select x + 1 from c where x < 15000000)
        select count(*) as n from c`;

describe('the reader', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ sqliteFile: true, readTimeoutMs: BUDGET_MS });
    // A route that reads through the reader with the slow query, as a report would.
    ctx.app.get('/api/v1/test/slow-read', { config: { auth: 'public' } }, async () => {
      const r = await slowQuery().execute(ctx.handle.reader);
      return { n: r.rows[0]?.n };
    });
  });
  afterAll(() => ctx.close());

  it('is not the main connection (worker threads on SQLite, a pool of its own on PostgreSQL)', () => {
    expect(ctx.handle.reader).not.toBe(ctx.handle.db);
  });

  it('sees what the main connection committed, and refuses to write', async () => {
    const unit = await ctx.newUnit({ name: '读取测试单位' });
    const found = await ctx.handle.reader
      .selectFrom('unit')
      .select(['id', 'name'])
      .where('id', '=', unit.id)
      .executeTakeFirst();
    expect(found).toEqual({ id: unit.id, name: '读取测试单位' });
    await expect(
      ctx.handle.reader.updateTable('unit').set({ name: 'x' }).where('id', '=', unit.id).execute(),
    ).rejects.toThrow();
    const still = await ctx.handle.db.selectFrom('unit').select('name').where('id', '=', unit.id).executeTakeFirst();
    expect(still?.name).toBe('读取测试单位');
  });

  it('keeps /health answering while a slow read runs, then answers 503 QUERY_TIMEOUT past the budget', async () => {
    const started = performance.now();
    const slow = ctx.app.inject('/api/v1/test/slow-read');
    // Let the slow query reach its worker / backend first.
    await new Promise((r) => setTimeout(r, 150));
    const healthTimes: number[] = [];
    while (performance.now() - started < BUDGET_MS - 300) {
      const t = performance.now();
      const res = await ctx.app.inject('/api/v1/health');
      healthTimes.push(performance.now() - t);
      expect(res.statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 20));
    }
    const res = await slow;
    const took = performance.now() - started;
    expect(healthTimes.length).toBeGreaterThan(10);
    expect(Math.max(...healthTimes)).toBeLessThan(250);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ code: 'QUERY_TIMEOUT', message: expect.stringMatching(/查询超时/) });
    // Answered at the budget, not when the query would have ended.
    expect(took).toBeGreaterThanOrEqual(BUDGET_MS - 50);
    expect(took).toBeLessThan(BUDGET_MS + 2_000);
  });

  it('works again after a query was stopped, and a timed-out query is an AppError on SQLite', async () => {
    const ok = await sql<{ one: number }>`select 1 as one`.execute(ctx.handle.reader);
    expect(ok.rows[0]?.one).toBe(1);
    if (dbKindUnderTest === 'sqlite') {
      const e = await slowQuery()
        .execute(ctx.handle.reader)
        .catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('QUERY_TIMEOUT');
    }
    const again = await ctx.handle.reader.selectFrom('office').select('id').execute();
    expect(again.length).toBeGreaterThan(0);
  });

  it('runs reads side by side: four short queries are not held up behind a slow one', async () => {
    // Both readers up (the one replacing the worker stopped above included) before the slow query takes one.
    const short = () => ctx.handle.reader.selectFrom('office').select('id').execute();
    await Promise.all([short(), short()]);
    let slowDone = false;
    const slow = slowQuery()
      .execute(ctx.handle.reader)
      .catch(() => null)
      .finally(() => {
        slowDone = true;
      });
    await new Promise((r) => setTimeout(r, 100));
    // The short ones finish on the other reader while the slow one is still running — whatever the machine's load.
    await Promise.all(Array.from({ length: 4 }, short));
    expect(slowDone).toBe(false);
    await slow;
  });
});
