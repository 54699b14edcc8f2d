import { demoCatalogue } from '@huzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './helpers/test-context.ts';

describe('products as versioned data', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('lists the demo catalogue with every parameter and the disease lists', async () => {
    const agent = await ctx.as('unit_agent');
    const list = (await agent.get('/api/v1/products')).json().items;
    expect(list.map((p: { code: string }) => p.code).sort()).toEqual(demoCatalogue.map((p) => p.code).sort());
    const ci = (await agent.get('/api/v1/products/CI_A')).json();
    expect(ci).toMatchObject({
      code: 'CI_A',
      version: 1,
      feePerShareFen: 6_000,
      minShares: 1,
      maxShares: 5,
      exclusiveGroup: 'CI',
    });
    expect(ci.diseases).toHaveLength(30);
    const fem = (await agent.get('/api/v1/products/FEM')).json();
    expect(fem.diseases).toHaveLength(8);
    expect(fem.benefits[0].stages).toHaveLength(2);
    expect((await agent.get('/api/v1/products/NOPE')).statusCode).toBe(404);
  });

  it('an office admin publishes a new version; old versions stay; others may not publish', async () => {
    const admin = await ctx.as('office_admin');
    const current = (await admin.get('/api/v1/products/CI_A')).json();
    const { id: _id, code: _code, version: _v, publishedAt: _p, ...params } = current;
    const res = await admin.post('/api/v1/products/CI_A/versions', { ...params, feePerShareFen: 6_500 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ version: 2, feePerShareFen: 6_500 });
    expect((await admin.get('/api/v1/products/CI_A')).json().version).toBe(2);
    const versions = (await admin.get('/api/v1/products/CI_A/versions')).json();
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const audit = (await admin.get('/api/v1/audit?action=product.publish')).json();
    expect(audit.total).toBe(1);

    const bad = await admin.post('/api/v1/products/CI_A/versions', { ...params, minShares: 3, maxShares: 2 });
    expect(bad.statusCode).toBe(400);
    const agency = await ctx.as('agency_staff');
    expect((await agency.post('/api/v1/products/CI_A/versions', params)).statusCode).toBe(403);
  });

  it("another office does not see this office's versions", async () => {
    const other = await ctx.newOffice();
    const otherAdmin = await ctx.as('office_admin', { office_id: other.id });
    expect((await otherAdmin.get('/api/v1/products/CI_A')).json().version).toBe(1);
  });
});
