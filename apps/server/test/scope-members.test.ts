import { idCheckChar } from '@huzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScopeWorld, type CallerName, type ScopeWorld } from './helpers/scope-world.ts';
import { createTestContext, type TestContext } from './helpers/test-context.ts';

let ctx: TestContext;
let w: ScopeWorld;
beforeAll(async () => {
  ctx = await createTestContext();
  w = await buildScopeWorld(ctx);
});
afterAll(() => ctx.close());

type MemberKey = keyof ScopeWorld['members'];
const memberKeys: MemberKey[] = ['m1', 'm1b', 'm2', 'mGig', 'bMember'];

const visibleMembers: Record<CallerName, MemberKey[] | null> = {
  admin: ['m1', 'm1b', 'm2', 'mGig'],
  reviewer: ['m1', 'm1b', 'm2', 'mGig'],
  finance: ['m1', 'm1b', 'm2', 'mGig'],
  agencyA1: ['m1', 'm1b'],
  agencyA2: ['m2'],
  unitU1: ['m1'],
  unitU2: ['m2'],
  adminB: ['bMember'],
  agencyB: ['bMember'],
  national: null,
  member: null,
};
const callerNames = Object.keys(visibleMembers) as CallerName[];

const unitOf = async (memberId: string) =>
  (await ctx.handle.db.selectFrom('member').select('unit_id').where('id', '=', memberId).executeTakeFirstOrThrow())
    .unit_id;

describe('reading members follows the caller scope', () => {
  it.each(callerNames)('%s', async (name) => {
    const caller = w.callers[name];
    const expected = visibleMembers[name];
    const list = await caller.get('/api/v1/members?pageSize=500');
    if (expected === null) {
      expect(list.statusCode).toBe(403);
      for (const key of memberKeys) {
        expect((await caller.get(`/api/v1/members/${w.members[key].id}`)).statusCode).toBe(403);
        expect((await caller.get(`/api/v1/members/${w.members[key].id}/policies`)).statusCode).toBe(403);
      }
      return;
    }
    expect(list.statusCode).toBe(200);
    const ids = (list.json().items as { id: string }[]).map((m) => m.id).sort();
    expect(ids).toEqual(expected.map((k) => w.members[k].id).sort());
    for (const key of memberKeys) {
      const id = w.members[key].id;
      const want = expected.includes(key) ? 200 : 404;
      expect((await caller.get(`/api/v1/members/${id}`)).statusCode, `${name} reading ${key}`).toBe(want);
      expect((await caller.get(`/api/v1/members/${id}/policies`)).statusCode).toBe(want);
      // An exact ID-number lookup finds nothing outside the scope either.
      const byId = await caller.get(`/api/v1/members?idNumber=${w.members[key].idNumber}`);
      expect(byId.json().total, `${name} looking up ${key} by ID number`).toBe(want === 200 ? 1 : 0);
    }
  });

  it('filtering by a unit outside the scope finds nothing', async () => {
    const res = await w.callers.agencyA1.get(`/api/v1/members?unitId=${w.units.u2.id}`);
    expect(res.json()).toMatchObject({ items: [], total: 0 });
    const other = await w.callers.unitU1.get(`/api/v1/members?unitId=${w.units.u1b.id}`);
    expect(other.json().total).toBe(0);
  });
});

describe('POST /members/:id/reveal', () => {
  const cases: [CallerName, MemberKey, number][] = [
    ['admin', 'm1', 200],
    ['reviewer', 'm2', 200],
    ['admin', 'bMember', 404],
    ['adminB', 'm1', 404],
    ['agencyA1', 'm1', 403],
    ['unitU1', 'm1', 403],
    ['finance', 'm1', 403],
    ['national', 'm1', 403],
    ['member', 'm1', 403],
  ];
  it.each(cases)('%s revealing %s → %i', async (name, key, status) => {
    const member = w.members[key];
    const before = await ctx.handle.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'member.reveal_id')
      .execute();
    const res = await w.callers[name].post(`/api/v1/members/${member.id}/reveal`);
    expect(res.statusCode).toBe(status);
    const after = await ctx.handle.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'member.reveal_id')
      .execute();
    if (status === 200) {
      expect(res.json()).toEqual({ idNumber: member.idNumber });
      expect(after.length).toBe(before.length + 1);
    } else {
      expect(res.body).not.toContain(member.idNumber);
      expect(after.length).toBe(before.length);
    }
  });
});

describe('POST /members/:id/transfer', () => {
  const cases: [CallerName, MemberKey, keyof ScopeWorld['units'], number][] = [
    ['agencyA1', 'm2', 'u1', 404],
    ['agencyA1', 'm1', 'u2', 404],
    ['agencyA1', 'bMember', 'u1', 404],
    ['adminB', 'm1', 'bUnit', 404],
    ['admin', 'm1', 'bUnit', 404],
    ['admin', 'bMember', 'u1', 404],
    ['unitU1', 'm1', 'u1b', 403],
    ['reviewer', 'm1', 'u1b', 403],
    ['finance', 'm1', 'u1b', 403],
    ['national', 'm1', 'u1b', 403],
    ['member', 'm1', 'u1b', 403],
  ];
  it.each(cases)('%s moving %s to %s → %i, nothing changes', async (name, key, unit, status) => {
    const member = w.members[key];
    const before = await unitOf(member.id);
    const res = await w.callers[name].post(`/api/v1/members/${member.id}/transfer`, {
      unitId: w.units[unit].id,
      fromDate: '2026-03-01',
    });
    expect(res.statusCode).toBe(status);
    expect(await unitOf(member.id)).toBe(before);
  });

  it('agency staff may move a member between their own units', async () => {
    const res = await w.callers.agencyA1.post(`/api/v1/members/${w.members.m1b.id}/transfer`, {
      unitId: w.units.u1.id,
      fromDate: '2026-03-01',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await unitOf(w.members.m1b.id)).toBe(w.units.u1.id);
  });
});

describe('POST /members: only into a unit in scope', () => {
  let seq = 0;
  const nextIdNumber = () => {
    seq += 1;
    const first17 = `50010319900101${String(100 + seq * 2).padStart(3, '0')}`;
    return first17 + idCheckChar(first17);
  };
  const cases: [CallerName, keyof ScopeWorld['units'] | null, number][] = [
    ['admin', 'u2', 201],
    ['admin', null, 201],
    ['admin', 'bUnit', 404],
    ['agencyA1', 'u1b', 201],
    ['agencyA1', 'u2', 404],
    ['agencyA1', null, 400],
    ['unitU1', 'u1', 201],
    ['unitU1', null, 201],
    ['unitU1', 'u1b', 404],
    ['unitU1', 'bUnit', 404],
    ['adminB', 'u1', 404],
    ['reviewer', 'u1', 403],
    ['finance', 'u1', 403],
    ['national', 'u1', 403],
    ['member', 'u1', 403],
  ];
  it.each(cases)('%s into %s → %i', async (name, unit, status) => {
    const idNumber = nextIdNumber();
    const res = await w.callers[name].post('/api/v1/members', {
      name: '范围测试',
      idNumber,
      ...(unit ? { unitId: w.units[unit].id } : {}),
    });
    expect(res.statusCode, res.body).toBe(status);
    const stored = await ctx.handle.db
      .selectFrom('member')
      .select(['unit_id', 'office_id'])
      .where('id_number_hash', '=', ctx.deps.cipher.blindIndex(idNumber))
      .execute();
    if (status !== 201) {
      expect(stored).toHaveLength(0);
      return;
    }
    // A unit agent who names no unit enrols into their own.
    const expectedUnit = unit ? w.units[unit].id : name === 'unitU1' ? w.units.u1.id : null;
    expect(res.json().unitId).toBe(expectedUnit);
    expect(stored).toEqual([{ unit_id: expectedUnit, office_id: ctx.office.id }]);
  });
});
