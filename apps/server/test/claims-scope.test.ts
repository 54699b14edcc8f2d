import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, files, inpatientClaim, newPolicy, uploadMaterial, uploadSlots } from './helpers/claims-factory.ts';
import { buildScopeWorld, type CallerName, type ScopeWorld } from './helpers/scope-world.ts';
import { type Agent, createTestContext, type TestContext } from './helpers/test-context.ts';

// Every claim and payout route answers 404 for objects of another unit, agency or office.
let ctx: TestContext;
let w: ScopeWorld;
let financeB: Agent;
const claims: Record<'c1' | 'c2' | 'cGig' | 'cB', string> = { c1: '', c2: '', cGig: '', cB: '' };
let batchA: string;
type ClaimKey = keyof typeof claims;

beforeAll(async () => {
  ctx = await createTestContext();
  w = await buildScopeWorld(ctx);
  const { m1, m2, mGig, bMember } = w.members;
  const { u1, u2, bUnit } = w.units;
  const { a1, a2, bAgency } = w.agencies;
  await newPolicy(ctx, {
    memberId: m1.id,
    productCode: 'MED',
    startDate: '2025-06-01',
    unitId: u1.id,
    agencyId: a1.id,
  });
  await newPolicy(ctx, {
    memberId: m2.id,
    productCode: 'MED',
    startDate: '2025-06-01',
    unitId: u2.id,
    agencyId: a2.id,
  });
  await newPolicy(ctx, { memberId: mGig.id, productCode: 'GIG', startDate: '2025-06-01' });
  await newPolicy(ctx, {
    memberId: bMember.id,
    productCode: 'MED',
    startDate: '2025-06-01',
    unitId: bUnit.id,
    agencyId: bAgency.id,
    officeId: w.officeB.id,
  });
  financeB = await ctx.as('office_finance', { office_id: w.officeB.id });
  const file = async (agent: Agent, body: Record<string, unknown>) => {
    const id = expectOk(await agent.post('/api/v1/claims', body), 201).id as string;
    await uploadSlots(agent, id);
    return id;
  };
  claims.c1 = await file(w.callers.unitU1, inpatientClaim(m1.id));
  claims.c2 = await file(w.callers.unitU2, inpatientClaim(m2.id));
  claims.cGig = await file(w.callers.admin, {
    memberId: mGig.id,
    kind: 'accident_medical',
    cause: 'accident',
    eventDate: '2026-02-01',
    totalExpensesFen: 500_000,
  });
  claims.cB = await file(w.callers.adminB, inpatientClaim(bMember.id));

  // An approved and batched claim of office A, for the payout routes.
  await w.callers.admin.patch(`/api/v1/members/${m2.id}/bank-account`, {
    bankName: '工行',
    accountNumber: '6222000011112222',
  });
  expectOk(await w.callers.agencyA2.post(`/api/v1/claims/${claims.c2}/accept`));
  expectOk(await w.callers.reviewer.post(`/api/v1/claims/${claims.c2}/decision`, { decision: 'approve' }));
  batchA = expectOk(await w.callers.finance.post('/api/v1/payout-batches', {}), 201).id;
});
afterAll(() => ctx.close());

const visible: Record<CallerName, ClaimKey[] | null> = {
  admin: ['c1', 'c2', 'cGig'],
  reviewer: ['c1', 'c2', 'cGig'],
  finance: ['c1', 'c2', 'cGig'],
  agencyA1: ['c1'],
  agencyA2: ['c2'],
  unitU1: ['c1'],
  unitU2: ['c2'],
  adminB: ['cB'],
  agencyB: ['cB'],
  national: null,
  member: null,
};
const names = Object.keys(visible) as CallerName[];

describe('reading claims follows the caller’s scope', () => {
  it.each(names)('%s', async (name) => {
    const caller = w.callers[name];
    const expected = visible[name];
    const list = await caller.get('/api/v1/claims?pageSize=500');
    if (!expected) {
      expect(list.statusCode).toBe(403);
      return;
    }
    expect(
      list
        .json()
        .items.map((c: { id: string }) => c.id)
        .sort(),
    ).toEqual(expected.map((k) => claims[k]).sort());
    for (const key of Object.keys(claims) as ClaimKey[]) {
      const res = await caller.get(`/api/v1/claims/${claims[key]}`);
      expect(res.statusCode, `${name} → ${key}`).toBe(expected.includes(key) ? 200 : 404);
      const materialId = (
        await ctx.handle.db
          .selectFrom('claim_material')
          .select('id')
          .where('claim_id', '=', claims[key])
          .executeTakeFirstOrThrow()
      ).id;
      const file = await caller.get(`/api/v1/claims/${claims[key]}/materials/${materialId}`);
      expect(file.statusCode, `${name} → material of ${key}`).toBe(expected.includes(key) ? 200 : 404);
    }
  });
});

describe('writing outside scope answers 404 and changes nothing', () => {
  const cases: [string, () => Agent, (id: string) => string, ClaimKey, unknown][] = [
    ['another agency pre-checks', () => w.callers.agencyA2, (id) => `/claims/${id}/precheck`, 'c1', {}],
    ['another agency accepts', () => w.callers.agencyA2, (id) => `/claims/${id}/accept`, 'c1', undefined],
    [
      'another agency returns',
      () => w.callers.agencyA1,
      (id) => `/claims/${id}/return`,
      'c2',
      { reason: '请补充材料' },
    ],
    ['another unit resubmits', () => w.callers.unitU2, (id) => `/claims/${id}/resubmit`, 'c1', {}],
    [
      'another office decides',
      () => w.callers.adminB,
      (id) => `/claims/${id}/decision`,
      'c1',
      { decision: 'reject', reason: '测试理由' },
    ],
    [
      'another office decides (B’s claim by A)',
      () => w.callers.reviewer,
      (id) => `/claims/${id}/decision`,
      'cB',
      { decision: 'return', reason: '测试理由' },
    ],
  ];
  it.each(cases)('%s', async (_name, agent, url, key, body) => {
    const before = expectOk(await w.callers.admin.get(`/api/v1/claims/${claims.c1}`)).status;
    const res = await agent().post(`/api/v1${url(claims[key])}`, body);
    expect(res.statusCode).toBe(404);
    expect(expectOk(await w.callers.admin.get(`/api/v1/claims/${claims.c1}`)).status).toBe(before);
  });

  it('materials cannot be added to a claim out of scope', async () => {
    for (const [agent, key] of [
      [w.callers.unitU2, 'c1'],
      [w.callers.agencyA1, 'c2'],
      [w.callers.adminB, 'c1'],
    ] as const) {
      const res = await uploadMaterial(agent, claims[key], 1, files.png);
      expect(res.statusCode).toBe(404);
    }
  });

  it('a claim cannot be filed for a member out of scope', async () => {
    for (const [agent, member] of [
      [w.callers.unitU1, w.members.m2],
      [w.callers.unitU1, w.members.m1b],
      [w.callers.agencyA1, w.members.m2],
      [w.callers.agencyA1, w.members.mGig],
      [w.callers.adminB, w.members.m1],
    ] as const) {
      const res = await agent.post('/api/v1/claims', inpatientClaim(member.id));
      expect(res.statusCode).toBe(404);
    }
  });

  it('a bank account cannot be set for a member out of scope', async () => {
    const body = { bankName: '工行', accountNumber: '6222000011113333' };
    expect((await w.callers.unitU2.patch(`/api/v1/members/${w.members.m1.id}/bank-account`, body)).statusCode).toBe(
      404,
    );
    expect((await w.callers.adminB.patch(`/api/v1/members/${w.members.m1.id}/bank-account`, body)).statusCode).toBe(
      404,
    );
  });

  it('payout batches of another office are not found, nor are its claims', async () => {
    expect((await financeB.get(`/api/v1/payout-batches/${batchA}`)).statusCode).toBe(404);
    expect((await financeB.get(`/api/v1/payout-batches/${batchA}/file?format=csv`)).statusCode).toBe(404);
    const results = await financeB.post(`/api/v1/payout-batches/${batchA}/results`, [
      { claimId: claims.c2, status: 'paid' },
    ]);
    expect(results.statusCode).toBe(404);
    expect((await financeB.post('/api/v1/payout-batches', { claimIds: [claims.c2] })).statusCode).toBe(404);
    expect(expectOk(await financeB.get('/api/v1/payout-batches')).total).toBe(0);
    expect(expectOk(await w.callers.admin.get(`/api/v1/claims/${claims.c2}`)).status).toBe('approved');
  });
});
