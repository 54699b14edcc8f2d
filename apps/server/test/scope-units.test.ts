import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScopeWorld, type CallerName, type ScopeWorld } from './helpers/scope-world.ts';
import { createTestContext, makeCreditCode, type TestContext } from './helpers/test-context.ts';

let ctx: TestContext;
let w: ScopeWorld;
beforeAll(async () => {
  ctx = await createTestContext();
  w = await buildScopeWorld(ctx);
});
afterAll(() => ctx.close());

type UnitKey = keyof ScopeWorld['units'];
type AgencyKey = keyof ScopeWorld['agencies'];

/** Which units each caller sees; null: the role may not read units at all (403). */
const visibleUnits: Record<CallerName, UnitKey[] | null> = {
  admin: ['u1', 'u1b', 'u2'],
  reviewer: ['u1', 'u1b', 'u2'],
  finance: ['u1', 'u1b', 'u2'],
  agencyA1: ['u1', 'u1b'],
  agencyA2: ['u2'],
  unitU1: ['u1'],
  unitU2: ['u2'],
  adminB: ['bUnit'],
  agencyB: ['bUnit'],
  national: null,
  member: null,
};

const visibleAgencies: Record<CallerName, AgencyKey[] | null> = {
  admin: ['a1', 'a2'],
  reviewer: ['a1', 'a2'],
  finance: ['a1', 'a2'],
  agencyA1: ['a1'],
  agencyA2: ['a2'],
  unitU1: null,
  unitU2: null,
  adminB: ['bAgency'],
  agencyB: ['bAgency'],
  national: null,
  member: null,
};

const callerNames = Object.keys(visibleUnits) as CallerName[];
const unitKeys: UnitKey[] = ['u1', 'u1b', 'u2', 'bUnit'];

describe('GET /units and /units/:id follow the caller scope', () => {
  it.each(callerNames)('%s', async (name) => {
    const caller = w.callers[name];
    const expected = visibleUnits[name];
    const list = await caller.get('/api/v1/units?pageSize=500');
    if (expected === null) {
      expect(list.statusCode).toBe(403);
      expect(list.json().code).toBe('FORBIDDEN');
      for (const key of unitKeys) expect((await caller.get(`/api/v1/units/${w.units[key].id}`)).statusCode).toBe(403);
      return;
    }
    expect(list.statusCode).toBe(200);
    const ids = (list.json().items as { id: string }[]).map((u) => u.id).sort();
    expect(ids).toEqual(expected.map((k) => w.units[k].id).sort());
    expect(list.json().total).toBe(expected.length);
    for (const key of unitKeys) {
      const res = await caller.get(`/api/v1/units/${w.units[key].id}`);
      if (expected.includes(key)) {
        expect(res.statusCode).toBe(200);
        expect(res.json().id).toBe(w.units[key].id);
      } else {
        expect(res.statusCode, `${name} reading ${key}`).toBe(404);
        expect(res.json()).toMatchObject({ code: 'NOT_FOUND', message: '对象不存在或不在您的管辖范围内' });
      }
    }
  });

  it('filtering by another agency does not widen the scope', async () => {
    const res = await w.callers.agencyA1.get(`/api/v1/units?agencyId=${w.agencies.a2.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ items: [], total: 0 });
    const other = await w.callers.admin.get(`/api/v1/units?agencyId=${w.agencies.bAgency.id}`);
    expect(other.json().total).toBe(0);
  });

  it('an unknown unit id answers 404 like an out-of-scope one', async () => {
    const res = await w.callers.admin.get('/api/v1/units/0190f000-0000-7000-8000-000000000000');
    expect(res.statusCode).toBe(404);
  });
});

describe('GET /agencies follows the caller scope', () => {
  it.each(callerNames)('%s', async (name) => {
    const res = await w.callers[name].get('/api/v1/agencies');
    const expected = visibleAgencies[name];
    if (expected === null) {
      expect(res.statusCode).toBe(403);
      return;
    }
    expect(res.statusCode).toBe(200);
    const ids = (res.json().items as { id: string }[]).map((a) => a.id).sort();
    expect(ids).toEqual(expected.map((k) => w.agencies[k].id).sort());
  });
});

describe('POST /units: only into an agency in scope', () => {
  const body = (agencyId: string) => ({
    name: '范围测试单位',
    creditCode: makeCreditCode(),
    category: 'private',
    agencyId,
    headcount: 10,
  });
  const cases: [CallerName, AgencyKey, number][] = [
    ['admin', 'a1', 201],
    ['admin', 'a2', 201],
    ['admin', 'bAgency', 404],
    ['agencyA1', 'a1', 201],
    ['agencyA1', 'a2', 404],
    ['agencyA1', 'bAgency', 404],
    ['adminB', 'a1', 404],
    ['agencyB', 'a2', 404],
    ['unitU1', 'a1', 403],
    ['reviewer', 'a1', 403],
    ['finance', 'a1', 403],
    ['national', 'a1', 403],
    ['member', 'a1', 403],
  ];
  it.each(cases)('%s into %s → %i', async (name, agency, status) => {
    const b = body(w.agencies[agency].id);
    const res = await w.callers[name].post('/api/v1/units', b);
    expect(res.statusCode, res.body).toBe(status);
    const stored = await ctx.handle.db
      .selectFrom('unit')
      .select('office_id')
      .where('credit_code', '=', b.creditCode)
      .execute();
    expect(stored).toHaveLength(status === 201 ? 1 : 0);
  });
});

describe('registry imports are office-admin work', () => {
  it.each(['agencyA1', 'unitU1', 'reviewer', 'finance', 'national', 'member'] as CallerName[])(
    '%s may not download the template',
    async (name) => {
      expect((await w.callers[name].get('/api/v1/registry-imports/template')).statusCode).toBe(403);
    },
  );
});
