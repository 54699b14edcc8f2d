import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuiltApp } from '../src/app.ts';
import { type DbHandle, openDatabase } from '../src/db/dialect.ts';
import { markOverdueClaims } from '../src/jobs/claim-overdue.job.ts';
import { jobLockKeys, SKIPPED, withJobLock } from '../src/jobs/job-lock.ts';
import { dailyRenewalReminders } from '../src/jobs/renewal-reminder.job.ts';
import { buildClaimsWorld, expectOk, inpatientClaim, newPolicy, uploadSlots } from './helpers/claims-factory.ts';
import { createTestContext, TEST_PASSWORD, testPgUrl, type TestContext } from './helpers/test-context.ts';

/**
 * Two app instances on one PostgreSQL work as one (issue 15, item 16): a session made on one is good on the other,
 * and every scheduled job runs once per tick across both (jobs/job-lock.ts).
 */
describe.skipIf(!testPgUrl)('two app instances on one PostgreSQL', () => {
  let a: TestContext;
  let bHandle: DbHandle;
  let b: BuiltApp;

  beforeAll(async () => {
    // Instance A is the usual test app; instance B is a second app on the same schema, with its own pools.
    a = await createTestContext({ now: '2026-06-01T02:00:00.000Z' });
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(a.handle.db)).rows[0]!.s;
    bHandle = openDatabase({ databaseUrl: testPgUrl, pgSchema: schema, poolSize: 4, readers: 2 });
    b = await buildApp(a.deps.config, { handle: bHandle, cipher: a.deps.cipher, clock: a.deps.clock, logger: false });
  });
  afterAll(async () => {
    await b?.app.close();
    await bHandle?.destroy();
    await a?.close();
  });

  it('shares sessions: signed in on one instance, recognised (with its CSRF token) on the other', async () => {
    const user = await a.newUser('office_admin');
    const login = await a.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: user.username, password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const sid = login.cookies.find((c) => c.name === 'huzhu_sid')!.value;
    const csrf = login.json().csrfToken as string;
    const me = await b.app.inject({ url: '/api/v1/auth/me', headers: { cookie: `huzhu_sid=${sid}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user?.username ?? me.json().username).toBe(user.username);
    const logout = await b.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: `huzhu_sid=${sid}`, 'x-csrf-token': csrf },
    });
    expect(logout.statusCode).toBeLessThan(300);
    const after = await a.app.inject({ url: '/api/v1/auth/me', headers: { cookie: `huzhu_sid=${sid}` } });
    expect(after.statusCode).toBe(401);
  });

  it('a claim material uploaded through one instance is read through the other (one storage adapter)', async () => {
    const w = await buildClaimsWorld(a);
    const claim = expectOk(await w.callers.unit.post('/api/v1/claims', inpatientClaim(w.member.id)), 201);
    await uploadSlots(w.callers.unit, claim.id, [1]);
    const material = expectOk(await w.callers.unit.get(`/api/v1/claims/${claim.id}`)).materials[0];
    const viaA = await w.callers.unit.get(`/api/v1/claims/${claim.id}/materials/${material.id}`);
    const viaB = await b.app.inject({
      url: `/api/v1/claims/${claim.id}/materials/${material.id}`,
      headers: { cookie: w.callers.unit.cookie },
    });
    expect(viaA.statusCode).toBe(200);
    expect(viaB.statusCode).toBe(200);
    expect(viaB.rawPayload.equals(viaA.rawPayload)).toBe(true);
    expect(viaB.rawPayload.includes(Buffer.from(`${claim.id}-1`))).toBe(true);
  });

  it('runs a job on one instance only while the other holds its lock; the lock is freed after the run', async () => {
    let runs = 0;
    const slow = () =>
      new Promise<string>((resolve) => {
        runs += 1;
        setTimeout(() => resolve('ran'), 300);
      });
    const [x, y] = await Promise.all([
      withJobLock(a.handle, 'renewal-reminder', slow),
      withJobLock(bHandle, 'renewal-reminder', slow),
    ]);
    expect(runs).toBe(1);
    expect([x, y].filter((r) => r === SKIPPED)).toHaveLength(1);
    expect([x, y].filter((r) => r === 'ran')).toHaveLength(1);
    // Freed: the next tick runs again, on either instance.
    expect(await withJobLock(bHandle, 'renewal-reminder', async () => 'again')).toBe('again');
    // Every scheduled job has a key of its own.
    expect(new Set(Object.values(jobLockKeys)).size).toBe(Object.keys(jobLockKeys).length);
  });

  it('the renewal reminder started on both instances at once texts each member once', async () => {
    const unit = await a.newUnit();
    for (let i = 0; i < 3; i++) {
      const m = await a.newMember({ unit_id: unit.id });
      await newPolicy(a, { memberId: m.id, productCode: 'CI_A', startDate: '2025-07-02', unitId: unit.id });
    }
    a.clock.set('2026-06-01T02:00:00.000Z'); // 10:00 in China: reminders go out.
    const reminders = (h: DbHandle, app: BuiltApp) =>
      withJobLock(h, 'renewal-reminder', () =>
        dailyRenewalReminders({ handle: h, clock: app.deps.clock, notifications: app.services.notifications }),
      );
    const results = await Promise.all([reminders(a.handle, a), reminders(bHandle, b)]);
    // One instance ran the day (3 texts); the other was skipped or, arriving after, found the day done.
    expect(results.filter((r) => r !== SKIPPED).reduce<number>((n, r) => n + Number(r), 0)).toBe(3);
    const texts = await a.handle.db
      .selectFrom('sms_outbox')
      .select('id')
      .where('template', '=', 'renewal_reminder')
      .execute();
    expect(texts).toHaveLength(3);
    // The overdue job takes its own lock the same way.
    const overdue = await withJobLock(bHandle, 'claim-overdue', () =>
      markOverdueClaims({ handle: bHandle, clock: b.deps.clock, audit: b.services.audit }),
    );
    expect(overdue).toBe(0);
  });
});
