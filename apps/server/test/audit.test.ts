import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestContext, type TestContext } from './helpers/test-context.ts';

let ctx: TestContext;
let admin: Agent;
let other: Agent;
let memberId: string;
let unitId: string;
beforeAll(async () => {
  // 2026-03-01 23:30 in China.
  ctx = await createTestContext({ now: '2026-03-01T15:30:00.000Z' });
  admin = await ctx.as('office_admin');
  other = await ctx.as('office_reviewer');
  memberId = (await ctx.newMember()).id;
  await admin.post(`/api/v1/members/${memberId}/reveal`);
  ctx.clock.set('2026-03-01T16:30:00.000Z'); // 2026-03-02 00:30 in China
  await other.post(`/api/v1/members/${memberId}/reveal`);
  const agency = await ctx.newAgency();
  const res = await admin.post('/api/v1/units', {
    name: '审计测试单位',
    creditCode: '91350100M000100Y43',
    category: 'soe',
    agencyId: agency.id,
    headcount: 3,
  });
  unitId = res.json().id;
});
afterAll(() => ctx.close());

type Entry = {
  id: string;
  at: string;
  action: string;
  objectType: string;
  objectId: string;
  actorId: string;
  actorName: string;
};
const entries = async (query: string) => {
  const res = await admin.get(`/api/v1/audit?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Entry[]; total: number; page: number; pageSize: number };
};

describe('GET /audit', () => {
  it('lists newest first with who, what and when', async () => {
    const { items } = await entries('pageSize=500');
    expect(items.map((e) => e.action)).toEqual(['unit.create', 'member.reveal_id', 'member.reveal_id']);
    expect(items[0]).toMatchObject({
      objectType: 'unit',
      objectId: unitId,
      actorId: admin.user.id,
      at: '2026-03-01T16:30:00.000Z',
    });
    expect(items[0]?.actorName).toContain(admin.user.username);
  });

  it('filters by action, object type, object and actor', async () => {
    expect((await entries('action=member.reveal_id')).total).toBe(2);
    expect((await entries('objectType=unit')).items.map((e) => e.objectId)).toEqual([unitId]);
    expect((await entries(`objectId=${memberId}`)).total).toBe(2);
    expect((await entries(`actorId=${other.user.id}`)).items.map((e) => e.action)).toEqual(['member.reveal_id']);
    expect((await entries(`action=member.reveal_id&actorId=${admin.user.id}`)).total).toBe(1);
    expect((await entries('action=nothing.like.this')).total).toBe(0);
  });

  it('filters by China calendar days: a date means the whole day in Chongqing', async () => {
    expect((await entries('from=2026-03-01&to=2026-03-01')).items.map((e) => e.actorId)).toEqual([admin.user.id]);
    expect((await entries('from=2026-03-02')).total).toBe(2);
    expect((await entries('to=2026-03-02')).total).toBe(3);
    expect((await entries('from=2026-03-03')).total).toBe(0);
  });

  it('filters by ISO instants', async () => {
    expect((await entries('from=2026-03-01T16:00:00Z')).total).toBe(2);
    expect((await entries('to=2026-03-01T15:30:00.000Z')).total).toBe(1);
  });

  it.each(['from=yesterday', 'to=2026-02-30', 'from=March%203'])('refuses %s with 400', async (query) => {
    const res = await admin.get(`/api/v1/audit?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });

  it('pages', async () => {
    const p = await entries('page=2&pageSize=2');
    expect(p).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(p.items.map((e) => e.action)).toEqual(['member.reveal_id']);
    expect((await admin.get('/api/v1/audit?pageSize=501')).statusCode).toBe(400);
  });
});
