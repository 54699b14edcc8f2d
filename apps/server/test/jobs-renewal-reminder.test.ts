import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dailyRenewalReminders, sendRenewalReminders } from '../src/jobs/renewal-reminder.job.ts';
import { newPolicy } from './helpers/claims-factory.ts';
import { createTestContext, type TestContext } from './helpers/test-context.ts';

describe('renewal reminder job', () => {
  let ctx: TestContext;
  const ids: Record<string, string> = {};

  // Today (China) is 2026-06-01: 30 days ahead is 2026-07-01.
  beforeAll(async () => {
    ctx = await createTestContext({ now: '2026-06-01T02:00:00.000Z' });
    const agency = await ctx.newAgency();
    const unit = await ctx.newUnit({ agency_id: agency.id });
    const place = { unitId: unit.id, agencyId: agency.id };
    const policy = async (key: string, o: { mobile?: string | null; start: string; product?: string }) => {
      const m = await ctx.newMember({ unit_id: unit.id, ...(o.mobile !== undefined ? { mobile: o.mobile } : {}) });
      const p = await newPolicy(ctx, {
        memberId: m.id,
        productCode: o.product ?? 'CI_A',
        startDate: o.start,
        ...place,
      });
      ids[key] = p.id;
      return m;
    };
    // Ends 2026-07-01, exactly 30 days out: reminded.
    await policy('due', { start: '2025-07-02' });
    // Ends 2026-06-10 and was never reminded (a missed day): caught up.
    await policy('missed', { start: '2025-06-11' });
    // Ends 2026-07-02, 31 days out: not yet.
    await policy('early', { start: '2025-07-03' });
    // Ends today: no longer "before the end".
    await policy('today', { start: '2025-06-02' });
    // No mobile: nobody to text.
    await policy('nomobile', { start: '2025-07-02', mobile: null });
    // Already renewed (a later policy of the same product exists): no reminder.
    const renewed = await policy('renewed', { start: '2025-07-02' });
    await newPolicy(ctx, {
      memberId: renewed.id,
      productCode: 'CI_A',
      startDate: '2026-07-02',
      continuous: true,
      ...place,
    });
  });
  afterAll(() => ctx.close());

  const texts = () =>
    ctx.handle.db
      .selectFrom('sms_outbox')
      .select(['object_id', 'template', 'text', 'to_mobile'])
      .where('template', '=', 'renewal_reminder')
      .orderBy('object_id')
      .execute();
  const deps = () => ({ handle: ctx.handle, clock: ctx.deps.clock, notifications: ctx.services.notifications });

  it('texts each due policy once, even when runs overlap or repeat', async () => {
    const [a, b] = await Promise.all([sendRenewalReminders(deps()), sendRenewalReminders(deps())]);
    expect(a + b).toBe(2);
    expect(await sendRenewalReminders(deps())).toBe(0);
    const sent = await texts();
    expect(sent.map((t) => t.object_id).sort()).toEqual([ids.due, ids.missed].sort());
    const due = sent.find((t) => t.object_id === ids.due)!;
    expect(due.text).toContain('将于2026年7月1日到期');
    expect(due.text).toContain('续保');
    // The product's name already ends in 保障: the text says it once.
    expect(due.text).not.toContain('保障保障');
    const reminders = await ctx.handle.db.selectFrom('renewal_reminder').select('policy_id').execute();
    expect(reminders.map((r) => r.policy_id).sort()).toEqual([ids.due, ids.missed].sort());
  });

  it('the next day reaches the policy that is then 30 days out; the list shows who was reminded', async () => {
    // 08:30 in China: too early to text.
    ctx.clock.set('2026-06-02T00:30:00.000Z');
    expect(await dailyRenewalReminders(deps())).toBe(0);
    ctx.clock.set('2026-06-02T02:00:00.000Z');
    expect(await dailyRenewalReminders(deps())).toBe(1);
    expect(await dailyRenewalReminders(deps())).toBe(0);
    expect((await texts()).map((t) => t.object_id)).toContain(ids.early);
    const admin = await ctx.as('office_admin');
    const page = (await admin.get('/api/v1/reports/renewal/expiring?days=30')).json() as {
      items: { policyId: string; reminderSentAt: string | null }[];
    };
    const sentFor = page.items.filter((i) => i.reminderSentAt !== null).map((i) => i.policyId);
    expect(sentFor.sort()).toEqual([ids.due, ids.early, ids.missed].sort());
    expect(page.items.map((i) => i.policyId)).toContain(ids.nomobile);
  });
});
