import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markOverdueClaims } from '../src/jobs/claim-overdue.job.ts';
import { startScheduler } from '../src/jobs/scheduler.ts';
import {
  acceptedClaim,
  buildClaimsWorld,
  type ClaimsWorld,
  expectOk,
  inpatientClaim,
} from './helpers/claims-factory.ts';
import { createTestContext, type TestContext } from './helpers/test-context.ts';

let ctx: TestContext;
let w: ClaimsWorld;
let late: string;
let decided: string;
beforeAll(async () => {
  ctx = await createTestContext({ now: '2026-03-02T02:00:00.000Z' }); // Monday: due 5 working days later, 2026-03-09
  w = await buildClaimsWorld(ctx);
  late = await acceptedClaim(w, inpatientClaim(w.member.id));
  decided = await acceptedClaim(w, inpatientClaim(w.member.id));
  expectOk(await w.callers.reviewer.post(`/api/v1/claims/${decided}/decision`, { decision: 'approve' }));
  expectOk(await w.callers.unit.post('/api/v1/claims', inpatientClaim(w.member.id)), 201);
});
afterAll(() => ctx.close());

/** Moves the clock (sessions last hours, so everyone signs in again). */
async function at(iso: string) {
  ctx.clock.set(iso);
  for (const name of Object.keys(w.callers) as (keyof ClaimsWorld['callers'])[])
    w.callers[name] = await ctx.login(w.callers[name].user);
}
const job = () => markOverdueClaims({ handle: ctx.handle, clock: ctx.deps.clock, audit: ctx.services.audit });
const notifications = () => ctx.handle.db.selectFrom('notification').selectAll().execute();

describe('the overdue job', () => {
  it('leaves a claim due today alone; the queue counts it as due today', async () => {
    await at('2026-03-09T09:00:00.000Z');
    expect(await job()).toBe(0);
    const queue = expectOk(await w.callers.reviewer.get('/api/v1/claims'));
    expect(queue.counts).toEqual({ overdue: 0, dueToday: 1 });
    expect(queue.items[0]).toMatchObject({ id: late, dueDate: '2026-03-09', overdue: false });
  });

  it('marks an undecided accepted claim past its due date and notifies its agency, once', async () => {
    await at('2026-03-10T01:00:00.000Z');
    expect(await job()).toBe(1);
    expect(await job()).toBe(0);
    const [n, ...more] = await notifications();
    expect(more).toEqual([]);
    expect(n).toMatchObject({ kind: 'claim_overdue', object_id: late, agency_id: w.agency.id });
    expect(n!.message).toContain('2026-03-09');
    const claim = await ctx.handle.db.selectFrom('claim').selectAll().where('id', '=', late).executeTakeFirstOrThrow();
    expect(claim).toMatchObject({ overdue: 1, notified_overdue_at: '2026-03-10T01:00:00.000Z' });
    const audit = await ctx.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('object_id', '=', late)
      .where('action', '=', 'claim.overdue')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBeNull();
  });

  it('two instances running at once notify once', async () => {
    await at('2026-03-11T01:00:00.000Z');
    const extra = await acceptedClaim(w, inpatientClaim(w.member.id)); // due 2026-03-18
    await at('2026-03-19T01:00:00.000Z');
    const runs = await Promise.all([job(), job()]);
    expect(runs.reduce<number>((s, r) => s + (r ?? 0), 0)).toBe(1);
    expect((await notifications()).filter((n) => n.object_id === extra)).toHaveLength(1);
  });

  it('the queue shows overdue claims first-due first, with the count, and filters by overdue', async () => {
    const queue = expectOk(await w.callers.agency.get('/api/v1/claims'));
    expect(queue.counts).toEqual({ overdue: 2, dueToday: 0 });
    expect(queue.items[0]).toMatchObject({ id: late, overdue: true });
    const dueDates = queue.items.map((c: { dueDate: string | null }) => c.dueDate);
    const withDate = dueDates.filter((d: string | null) => d !== null);
    expect(withDate).toEqual([...withDate].sort());
    expect(dueDates.slice(withDate.length).every((d: string | null) => d === null)).toBe(true);
    const overdue = expectOk(await w.callers.agency.get('/api/v1/claims?overdue=true'));
    expect(overdue.items.every((c: { overdue: boolean }) => c.overdue)).toBe(true);
    expect(overdue.total).toBe(2);
    const notOverdue = expectOk(await w.callers.agency.get('/api/v1/claims?overdue=false'));
    expect(notOverdue.total + overdue.total).toBe(queue.total);
  });
});

describe('notifications and the SMS outbox', () => {
  it('the agency sees the overdue notices of its claims; another agency sees none', async () => {
    const mine = expectOk(await w.callers.agency.get('/api/v1/notifications'));
    expect(mine.total).toBe(2);
    expect(mine.items[0]).toMatchObject({ kind: 'claim_overdue', objectType: 'claim' });
    const stranger = await ctx.as('agency_staff');
    expect(expectOk(await stranger.get('/api/v1/notifications')).total).toBe(0);
  });

  it('the office admin lists texts sent to members (numbers masked); others may not', async () => {
    const outbox = expectOk(await w.callers.admin.get('/api/v1/sms-outbox'));
    const templates = outbox.items.map((m: { template: string }) => m.template);
    expect(templates).toContain('claim_accepted');
    expect(templates).toContain('claim_approved');
    expect(outbox.items[0].toMasked).toBe('139****5678');
    const accepted = outbox.items.filter((m: { template: string }) => m.template === 'claim_accepted');
    expect(accepted.map((m: { text: string }) => m.text).join('\n')).toContain('将于2026-03-09前作出决定');
    expect((await w.callers.reviewer.get('/api/v1/sms-outbox')).statusCode).toBe(403);
    expect((await w.callers.unit.get('/api/v1/sms-outbox')).statusCode).toBe(403);
  });
});

describe('the scheduler', () => {
  it('runs a job every interval without overlapping runs, and stopping waits for the run in progress', async () => {
    let runs = 0;
    let active = 0;
    let overlapped = false;
    const stop = startScheduler(
      [
        {
          name: 'slow',
          run: async () => {
            active += 1;
            if (active > 1) overlapped = true;
            runs += 1;
            await new Promise((r) => setTimeout(r, 30));
            active -= 1;
          },
        },
      ],
      5,
      { error: () => undefined },
    );
    await new Promise((r) => setTimeout(r, 100));
    await stop();
    expect(runs).toBeGreaterThan(1);
    expect(overlapped).toBe(false);
    expect(active).toBe(0);
  });
});
