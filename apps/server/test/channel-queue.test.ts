import type { ChannelQueue } from '@huzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPolicy } from './helpers/claims-factory.ts';
import { memberLogin, verifyRealName } from './helpers/member-app.ts';
import { type Agent, createTestContext, makeIdNumber, type TestContext } from './helpers/test-context.ts';

let ctx: TestContext;
let admin: Agent;
let clerk: Agent;
let otherClerk: Agent;
let clerkAgency = '';
let mobileSeq = 0;
const newMobile = () => `133${String(++mobileSeq).padStart(8, '0')}`;
// 2026-05-10 10:00 China time.
const NOW = '2026-05-10T02:00:00.000Z';
const at = (minutes: number) => ctx.clock.set(new Date(Date.parse(NOW) + minutes * 60_000).toISOString());

beforeAll(async () => {
  ctx = await createTestContext({ now: NOW });
  admin = await ctx.as('office_admin');
  clerk = await ctx.as('agency_staff');
  clerkAgency = (await clerk.get('/api/v1/auth/me')).json().user.orgId;
  otherClerk = await ctx.as('agency_staff');
});
afterAll(() => ctx.close());

describe('on-site service queue of a channel', () => {
  let channelId = '';
  let code = '';
  const mobiles: Record<string, string> = {};
  beforeAll(async () => {
    ({ id: channelId, code } = (
      await clerk.post('/api/v1/channels', { name: '观音桥骑手驿站', kind: 'station' })
    ).json());
    // Yesterday someone registered here and did nothing since: not today's.
    at(-24 * 60);
    const old = await memberLogin(ctx, newMobile());
    await old.post('/api/v1/m/me/channel', { code });
    at(0);
    const person = async (key: string, step: 0 | 1 | 2 | 3) => {
      mobiles[key] = newMobile();
      const m = await memberLogin(ctx, mobiles[key]!);
      await m.post('/api/v1/m/me/channel', { code });
      if (step < 1) return m;
      const face = await verifyRealName(m, '骑手戊', makeIdNumber('1993-03-03'));
      if (step < 2) return Object.assign(m, { memberId: face.memberId! });
      const order = (await m.post('/api/v1/m/enrolments', { productCode: 'GIG' })).json();
      if (step === 3) await m.post(`/api/v1/m/payments/${order.id}/demo-pay`);
      return Object.assign(m, { memberId: face.memberId! });
    };
    await person('signedIn', 0);
    await person('realNamed', 1);
    await person('ordered', 2);
    await person('paid', 3);
    // Already covered by a unit: comes by, verifies, and is covered today.
    const covered = (await person('covered', 1)) as unknown as { memberId: string };
    await newPolicy(ctx, { memberId: covered.memberId, productCode: 'CI_A', startDate: '2026-01-01' });
  });

  const queue = async (agent: Agent) => {
    const res = await agent.get(`/api/v1/channels/${channelId}/queue`);
    expect(res.statusCode).toBe(200);
    return res.json() as ChannelQueue;
  };
  const stepOf = (q: ChannelQueue, key: string) =>
    q.people.find((p) => p.maskedMobile === `${mobiles[key]!.slice(0, 3)}****${mobiles[key]!.slice(-4)}`);

  it("shows the channel's QR target and today's people at their step, masked", async () => {
    const q = await queue(clerk);
    expect(q.channel).toMatchObject({ id: channelId, code, name: '观音桥骑手驿站', kind: 'station', status: 'open' });
    expect(q.channel.url).toMatch(new RegExp(`/m/\\?c=${code}$`));
    expect(q.date).toBe('2026-05-10');
    expect(q.counts).toMatchObject({
      total: 5,
      finished: 2,
      stuck: 0,
      byStep: { signed_in: 1, real_named: 1, ordered: 1, paid: 1, covered: 1 },
    });
    expect(stepOf(q, 'signedIn')).toMatchObject({ step: 'signed_in', maskedName: null });
    expect(stepOf(q, 'realNamed')).toMatchObject({ step: 'real_named', maskedName: '骑*戊' });
    expect(stepOf(q, 'ordered')).toMatchObject({ step: 'ordered', productCode: 'GIG' });
    expect(stepOf(q, 'paid')).toMatchObject({ step: 'paid', productCode: 'GIG' });
    expect(stepOf(q, 'covered')).toMatchObject({ step: 'covered' });
    // Nothing in full: no mobile, no name.
    const body = JSON.stringify(q);
    for (const m of Object.values(mobiles)) expect(body).not.toContain(m);
    expect(body).not.toContain('骑手戊');
  });

  it('marks who is stuck after 10 minutes without a step (paid and covered never are)', async () => {
    at(9);
    expect((await queue(clerk)).counts.stuck).toBe(0);
    at(15);
    const q = await queue(clerk);
    expect(q.counts.stuck).toBe(3);
    expect(stepOf(q, 'ordered')).toMatchObject({ stuck: true, stuckMinutes: 15 });
    expect(stepOf(q, 'paid')).toMatchObject({ stuck: false, stuckMinutes: 0 });
    expect(stepOf(q, 'covered')).toMatchObject({ stuck: false });
  });

  it("the office sees it; another agency's clerk gets 404, an unknown id 404; the next day starts empty", async () => {
    admin = await ctx.as('office_admin');
    expect((await queue(admin)).counts.total).toBe(5);
    expect((await otherClerk.get(`/api/v1/channels/${channelId}/queue`)).statusCode).toBe(404);
    expect((await clerk.get('/api/v1/channels/nope/queue')).statusCode).toBe(404);
    const unit = await ctx.as('unit_agent');
    expect((await unit.get(`/api/v1/channels/${channelId}/queue`)).statusCode).toBe(403);
    at(24 * 60);
    clerk = await ctx.as('agency_staff', { agency_id: clerkAgency });
    expect((await queue(clerk)).counts.total).toBe(0);
  });
});
