import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendGigRenewalReminders } from '../src/jobs/gig-renewal-reminder.job.ts';
import { SKIPPED, withJobLock } from '../src/jobs/job-lock.ts';
import { dailyGigRenewalReminders } from '../src/jobs/gig-renewal-reminder.job.ts';
import { sendRenewalReminders } from '../src/jobs/renewal-reminder.job.ts';
import { newPolicy } from './helpers/claims-factory.ts';
import { type MemberAgent, memberLogin, verifyRealName } from './helpers/member-app.ts';
import { createTestContext, makeIdNumber, type TestContext } from './helpers/test-context.ts';

let ctx: TestContext;
let mobileSeq = 0;
const newMobile = () => `136${String(++mobileSeq).padStart(8, '0')}`;
/** 10:00 China time on a China date. */
const chinaTen = (date: string) => `${date}T02:00:00.000Z`;

beforeAll(async () => {
  ctx = await createTestContext({ now: chinaTen('2026-03-01') });
});
afterAll(() => ctx.close());

const deps = () => ({ handle: ctx.handle, clock: ctx.deps.clock, notifications: ctx.services.notifications });
const textsFor = (policyId: string) =>
  ctx.handle.db
    .selectFrom('sms_outbox')
    .select(['template', 'text', 'params_json'])
    .where('object_id', '=', policyId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

describe('gig renewal reminders: 30, 14 and 3 days before the end, each once', () => {
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const agency = await ctx.newAgency();
    const gig = async (key: string, productCode: string, startDate: string, mobile: string | null = newMobile()) => {
      const m = await ctx.newMember({ unit_id: null, employment_kind: 'gig', mobile });
      const p = await newPolicy(ctx, { memberId: m.id, productCode, startDate, agencyId: agency.id });
      ids[key] = p.id;
      return m;
    };
    // GIG 2026-04-01 … 2027-03-31.
    await gig('gig', 'GIG', '2026-04-01');
    // A gift, same end.
    await gig('gift', 'GIG_GIFT', '2026-04-01');
    // SHORT_ACC 30 days: 2027-03-02 … 2027-03-31 — the 30-day text would fall on its first day: skipped.
    await gig('short', 'SHORT_ACC', '2027-03-02');
    // No mobile: nobody to text.
    await gig('nomobile', 'GIG', '2026-04-01', null);
    // Renewed already (a later GIG starts the day after): no text.
    const renewed = await gig('renewed', 'GIG_GIFT', '2026-04-01');
    await newPolicy(ctx, { memberId: renewed.id, productCode: 'GIG', startDate: '2027-04-01', continuous: true });
    // A unit policy ending the same day: the unit job's single 30-day text, not these.
    const unit = await ctx.newUnit({ agency_id: agency.id });
    const employee = await ctx.newMember({ unit_id: unit.id, mobile: newMobile() });
    ids.unit = (
      await newPolicy(ctx, {
        memberId: employee.id,
        productCode: 'CI_A',
        startDate: '2026-04-01',
        unitId: unit.id,
        agencyId: agency.id,
      })
    ).id;
  });

  const stagesOf = async (policyId: string) =>
    (await textsFor(policyId))
      .filter((t) => t.template === 'gig_renewal_reminder')
      .map((t) => JSON.parse(t.params_json).days);

  it('texts nothing 31 days before the end', async () => {
    ctx.clock.set(chinaTen('2027-02-28'));
    expect(await sendGigRenewalReminders(deps())).toBe(0);
  });

  it('30 days before: once, even when two runs overlap and the job runs again; the unit job leaves gig policies alone', async () => {
    ctx.clock.set(chinaTen('2027-03-01'));
    const [a, b] = await Promise.all([sendGigRenewalReminders(deps()), sendGigRenewalReminders(deps())]);
    expect(a + b).toBe(2);
    expect(await sendGigRenewalReminders(deps())).toBe(0);
    expect(await stagesOf(ids.gig!)).toEqual(['30']);
    expect(await stagesOf(ids.gift!)).toEqual(['30']);
    expect(await stagesOf(ids.short!)).toEqual([]);
    expect(await stagesOf(ids.renewed!)).toEqual([]);
    expect(await stagesOf(ids.nomobile!)).toEqual([]);
    const [text] = await textsFor(ids.gig!);
    expect(text!.text).toContain('2027年3月31日到期（还有30天）');
    expect(text!.text).toContain('一键续保');
    expect(text!.text).toContain('30天内续保保障不间断');
    // The unit job texts the unit policy only.
    expect(await sendRenewalReminders(deps())).toBe(1);
    expect((await textsFor(ids.unit!)).map((t) => t.template)).toEqual(['renewal_reminder']);
    expect((await textsFor(ids.gig!)).map((t) => t.template)).toEqual(['gig_renewal_reminder']);
    // The expiring list shows the gig policy reminded.
    const admin = await ctx.as('office_admin');
    const list = (await admin.get('/api/v1/reports/renewal/expiring?days=30')).json() as {
      items: { policyId: string; reminderSentAt: string | null }[];
    };
    expect(list.items.find((i) => i.policyId === ids.gig)?.reminderSentAt).not.toBeNull();
  });

  it('29 and 15 days before: nothing new; 14 days before: the second text; SHORT_ACC gets its first', async () => {
    ctx.clock.set(chinaTen('2027-03-02'));
    expect(await sendGigRenewalReminders(deps())).toBe(0);
    ctx.clock.set(chinaTen('2027-03-16'));
    expect(await sendGigRenewalReminders(deps())).toBe(0);
    ctx.clock.set(chinaTen('2027-03-17'));
    const [a, b] = await Promise.all([sendGigRenewalReminders(deps()), sendGigRenewalReminders(deps())]);
    expect(a + b).toBe(3);
    expect(await stagesOf(ids.gig!)).toEqual(['30', '14']);
    expect(await stagesOf(ids.short!)).toEqual(['14']);
  });

  it('3 days before: the last text; 2 days before and on the last day nothing more', async () => {
    ctx.clock.set(chinaTen('2027-03-27'));
    expect(await sendGigRenewalReminders(deps())).toBe(0);
    ctx.clock.set(chinaTen('2027-03-28'));
    expect(await sendGigRenewalReminders(deps())).toBe(3);
    expect(await sendGigRenewalReminders(deps())).toBe(0);
    for (const d of ['2027-03-29', '2027-03-30', '2027-03-31', '2027-04-01']) {
      ctx.clock.set(chinaTen(d));
      expect(await sendGigRenewalReminders(deps())).toBe(0);
    }
    expect(await stagesOf(ids.gig!)).toEqual(['30', '14', '3']);
    expect(await stagesOf(ids.gift!)).toEqual(['30', '14', '3']);
    expect(await stagesOf(ids.short!)).toEqual(['14', '3']);
    const rows = await ctx.handle.db.selectFrom('gig_renewal_reminder').select('policy_id').execute();
    expect(rows.length).toBe(8);
  });

  it('a missed day is caught up by the stage then due, never by an earlier one', async () => {
    const m = await ctx.newMember({ unit_id: null, employment_kind: 'gig', mobile: newMobile() });
    // Ends 2027-04-30; the job first runs 10 days before: the 14-day text, not the 30-day one.
    const p = await newPolicy(ctx, { memberId: m.id, productCode: 'GIG', startDate: '2026-05-01' });
    ctx.clock.set(chinaTen('2027-04-20'));
    expect(await sendGigRenewalReminders(deps())).toBe(1);
    expect(await stagesOf(p.id)).toEqual(['14']);
  });

  it('the daily form texts from 09:00 China time, once a day', async () => {
    const m = await ctx.newMember({ unit_id: null, employment_kind: 'gig', mobile: newMobile() });
    const p = await newPolicy(ctx, { memberId: m.id, productCode: 'GIG', startDate: '2026-06-01' });
    // Ends 2027-05-31: 30 days before is 2027-05-01.
    ctx.clock.set('2027-05-01T00:30:00.000Z'); // 08:30 China
    expect(await dailyGigRenewalReminders(deps())).toBe(0);
    ctx.clock.set('2027-05-01T01:30:00.000Z'); // 09:30 China
    expect(await dailyGigRenewalReminders(deps())).toBe(1);
    expect(await dailyGigRenewalReminders(deps())).toBe(0);
    expect(await stagesOf(p.id)).toEqual(['30']);
  });

  it('under the job lock two instances run one pass (PostgreSQL); the other skips', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const first = withJobLock(ctx.handle, 'gig-renewal-reminder', async () => {
      await gate;
      return 'ran';
    });
    await new Promise((r) => setTimeout(r, 50));
    const second = await withJobLock(ctx.handle, 'gig-renewal-reminder', async () => 'ran');
    release();
    expect(await first).toBe('ran');
    expect(second).toBe(ctx.handle.kind === 'postgres' ? SKIPPED : 'ran');
  });
});

describe('one-tap renewal in the member app', () => {
  async function worker(): Promise<{ mobile: string; agent: MemberAgent; memberId: string }> {
    const mobile = newMobile();
    const agent = await memberLogin(ctx, mobile);
    const face = await verifyRealName(agent, '骑手乙', makeIdNumber('1991-06-06'));
    if (face.status !== 'verified' || !face.memberId) throw new Error(JSON.stringify(face));
    return { mobile, agent, memberId: face.memberId };
  }
  /** Signs the worker in again (the clock moved by months: the old session is gone). */
  const again = (mobile: string) => memberLogin(ctx, mobile);
  async function buyGig(agent: MemberAgent) {
    const order = (await agent.post('/api/v1/m/enrolments', { productCode: 'GIG' })).json();
    const paid = await agent.post(`/api/v1/m/payments/${order.id}/demo-pay`);
    expect(paid.statusCode).toBe(200);
    return paid.json().policy as { id: string; startDate: string; endDate: string };
  }
  const policyRow = (id: string) =>
    ctx.handle.db.selectFrom('policy').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('renews before the end: no gap, no waiting, continuous; a second tap is the same order; then nothing to renew', async () => {
    ctx.clock.set(chinaTen('2026-03-01'));
    const w = await worker();
    const p1 = await buyGig(w.agent);
    expect(p1).toMatchObject({ startDate: '2026-03-02', endDate: '2027-03-01' });

    // Too early: opens 30 days before the end.
    expect((await w.agent.get('/api/v1/m/me/renewals')).json()).toEqual([]);
    const early = await w.agent.post('/api/v1/m/me/renewals', { policyId: p1.id });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ code: 'RENEWAL_NOT_OPEN' });
    expect(early.json().message).toMatch(/续保/);

    ctx.clock.set(chinaTen('2027-02-10'));
    const agent = await again(w.mobile);
    const offers = (await agent.get('/api/v1/m/me/renewals')).json();
    expect(offers).toEqual([
      expect.objectContaining({
        policyId: p1.id,
        renewProductCode: 'GIG',
        feeFen: 3000,
        startDate: '2027-03-02',
        continuous: true,
        daysLeft: 19,
        continuousUntil: '2027-03-31',
      }),
    ]);
    const res = await agent.post('/api/v1/m/me/renewals', { policyId: p1.id });
    expect(res.statusCode).toBe(201);
    const order = res.json();
    expect(order).toMatchObject({ status: 'awaiting_payment', productCode: 'GIG', feeFen: 3000 });
    expect(order.payment.provider).toBe('demo');
    expect((await agent.post('/api/v1/m/me/renewals', { policyId: p1.id })).json().id).toBe(order.id);

    const paid = await Promise.all([1, 2, 3].map(() => agent.post(`/api/v1/m/payments/${order.id}/demo-pay`)));
    for (const p of paid) expect(p.statusCode).toBe(200);
    const p2 = paid[0]!.json().policy;
    expect(p2).toMatchObject({ startDate: '2027-03-02', endDate: '2028-03-01' });
    const row = await policyRow(p2.id);
    expect(row).toMatchObject({ continuous: 1, waiting_end_date: null, renewal_of: p1.id });
    expect(
      await ctx.handle.db.selectFrom('policy').select('id').where('member_id', '=', w.memberId).execute(),
    ).toHaveLength(2);
    const audit = await ctx.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', order.id)
      .execute();
    expect(audit.map((a) => a.action)).toContain('gig_enrolment.renew');

    // Renewed: not offered again; renewing it again is refused and changes nothing.
    expect((await agent.get('/api/v1/m/me/renewals')).json()).toEqual([]);
    const twice = await agent.post('/api/v1/m/me/renewals', { policyId: p1.id });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().code).toBe('ALREADY_COVERED');
  });

  it("refuses another member's policy, a unit policy and an unknown id with 404; bad input with 400", async () => {
    ctx.clock.set(chinaTen('2027-02-10'));
    const w = await worker();
    const other = await ctx.newMember({ unit_id: null, employment_kind: 'gig' });
    const theirs = await newPolicy(ctx, { memberId: other.id, productCode: 'GIG', startDate: '2026-03-01' });
    expect((await w.agent.post('/api/v1/m/me/renewals', { policyId: theirs.id })).statusCode).toBe(404);
    expect((await w.agent.post('/api/v1/m/me/renewals', { policyId: 'nope' })).statusCode).toBe(404);
    const unitPolicy = await newPolicy(ctx, { memberId: w.memberId, productCode: 'CI_A', startDate: '2026-03-01' });
    expect((await w.agent.post('/api/v1/m/me/renewals', { policyId: unitPolicy.id })).statusCode).toBe(404);
    const bad = await w.agent.post('/api/v1/m/me/renewals', { policyId: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    const count = await ctx.handle.db
      .selectFrom('gig_enrolment')
      .select('id')
      .where('member_id', '=', w.memberId)
      .execute();
    expect(count).toHaveLength(0);
  });

  it('a gift is renewed as GIG; after the end within grace it is still continuous (starts the day after payment)', async () => {
    ctx.clock.set(chinaTen('2027-02-10'));
    const w = await worker();
    const gift = await newPolicy(ctx, { memberId: w.memberId, productCode: 'GIG_GIFT', startDate: '2026-03-01' });
    // Ended 2027-02-28; renewed 2027-03-20 (paid that day: cover from 2027-03-21, 20 uncovered days ≤ 30 grace).
    ctx.clock.set(chinaTen('2027-03-20'));
    const agent = await again(w.mobile);
    const [offer] = (await agent.get('/api/v1/m/me/renewals')).json();
    expect(offer).toMatchObject({
      policyId: gift.id,
      renewProductCode: 'GIG',
      startDate: '2027-03-21',
      continuous: true,
    });
    const order = (await agent.post('/api/v1/m/me/renewals', { policyId: gift.id })).json();
    const p = (await agent.post(`/api/v1/m/payments/${order.id}/demo-pay`)).json().policy;
    expect(p).toMatchObject({ productCode: 'GIG', startDate: '2027-03-21' });
    expect(await policyRow(p.id)).toMatchObject({ continuous: 1, waiting_end_date: null });
  });

  it('renewed after the grace: a new term with the waiting period of the product', async () => {
    // A version of GIG with an illness waiting period, so that continuity shows.
    const admin = await ctx.as('office_admin');
    const current = (await admin.get('/api/v1/products/GIG')).json();
    const { id: _i, code: _c, version: _v, publishedAt: _p, ...params } = current;
    const pub = await admin.post('/api/v1/products/GIG/versions', {
      ...params,
      waitingDays: { illness: 30, accident: 0 },
    });
    expect(pub.statusCode).toBe(201);

    ctx.clock.set(chinaTen('2027-02-10'));
    const w = await worker();
    const old = await newPolicy(ctx, { memberId: w.memberId, productCode: 'GIG', startDate: '2026-02-01' });
    // Ended 2027-01-31; 2027-03-10 is 38 days later: past the 30 days of grace.
    ctx.clock.set(chinaTen('2027-03-10'));
    const agent = await again(w.mobile);
    const [offer] = (await agent.get('/api/v1/m/me/renewals')).json();
    expect(offer).toMatchObject({ policyId: old.id, startDate: '2027-03-11', continuous: false });
    const order = (await agent.post('/api/v1/m/me/renewals', { policyId: old.id })).json();
    const p = (await agent.post(`/api/v1/m/payments/${order.id}/demo-pay`)).json().policy;
    expect(p.startDate).toBe('2027-03-11');
    expect(await policyRow(p.id)).toMatchObject({ continuous: 0, waiting_end_date: '2027-04-09' });

    // Within the grace, the same product with its waiting period: none for a continuous renewal.
    const w2 = await worker();
    const old2 = await newPolicy(ctx, { memberId: w2.memberId, productCode: 'GIG', startDate: '2026-03-01' });
    const o2 = (await w2.agent.post('/api/v1/m/me/renewals', { policyId: old2.id })).json();
    const p2 = (await w2.agent.post(`/api/v1/m/payments/${o2.id}/demo-pay`)).json().policy;
    expect(p2.startDate).toBe('2027-03-11');
    expect(await policyRow(p2.id)).toMatchObject({ continuous: 1, waiting_end_date: null });
  });
});
