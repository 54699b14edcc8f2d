import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, dbKindUnderTest, type TestContext } from './helpers/test-context.ts';

describe('health', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('answers ok with the database kind', async () => {
    const res = await ctx.app.inject('/api/v1/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: dbKindUnderTest });
  });

  it('serves the OpenAPI document', async () => {
    const res = await ctx.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toContain('/api/v1/units');
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const res = await ctx.app.inject('/api/v1/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });
});
