import os from 'node:os';
import path from 'node:path';
import type { ChannelReport } from '@huzhu/core';
import { buildApp, loadConfig } from '@huzhu/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from './index.ts';
import { cipher, clock, emptyDatabase, PASSWORD, pgUrl } from './testing/empty-database.ts';

describe(`demo QR channels and gig workers on ${pgUrl ? 'postgres' : 'sqlite'}`, () => {
  let db: Awaited<ReturnType<typeof emptyDatabase>>;
  let app: Awaited<ReturnType<typeof buildApp>>['app'];
  let get: (username: string, url: string) => Promise<{ statusCode: number; json(): unknown }>;

  beforeAll(async () => {
    db = await emptyDatabase();
    await seedDemo({ handle: db.handle, cipher, clock }, { scale: 'tiny', seed: 11, password: PASSWORD });
    const config = {
      ...loadConfig({ DATA_DIR: path.join(os.tmpdir(), 'huzhu-seed-channels') } as NodeJS.ProcessEnv),
      logLevel: 'silent',
    };
    ({ app } = await buildApp(
      { ...config, consoleDir: undefined, mobileDir: undefined },
      { handle: db.handle, cipher, clock, logger: false },
    ));
    const cookies = new Map<string, string>();
    get = async (username, url) => {
      if (!cookies.has(username)) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username, password: PASSWORD },
        });
        cookies.set(username, `huzhu_sid=${res.cookies.find((c) => c.name === 'huzhu_sid')!.value}`);
      }
      return app.inject({ method: 'GET', url, headers: { cookie: cookies.get(username)! } });
    };
  });
  afterAll(async () => {
    await app?.close();
    await db.close();
  });

  it('spreads channels of every kind over the agencies', async () => {
    const d = db.handle.db;
    const channels = await d.selectFrom('channel').select(['kind', 'agency_id', 'status']).execute();
    expect(channels.length).toBeGreaterThanOrEqual(20);
    expect(new Set(channels.map((c) => c.kind))).toEqual(
      new Set(['station', 'event', 'platform', 'campaign', 'union']),
    );
    expect(new Set(channels.map((c) => c.agency_id)).size).toBeGreaterThan(5);
    expect(channels.some((c) => c.status === 'closed')).toBe(true);
  });

  it('the funnel narrows from registrations to paid, with fees, over the past years', async () => {
    const res = await get('admin', '/api/v1/reports/channels?from=2020-01-01&to=2030-12-31&groupBy=kind');
    expect(res.statusCode).toBe(200);
    const r = res.json() as ChannelReport;
    const t = r.total!;
    expect(t.registrations).toBeGreaterThan(20);
    expect(t.registrations).toBeGreaterThan(t.verified);
    expect(t.verified).toBeGreaterThan(0);
    expect(t.enrolments).toBeGreaterThan(t.paid);
    expect(t.paid).toBeGreaterThan(0);
    expect(t.feeFen).toBeGreaterThan(0);
    expect(r.groups!.find((g) => g.key === 'station')!.paid).toBeGreaterThan(0);
    // A paid order is a policy of the worker, counted for the channel's agency.
    const d = db.handle.db;
    const mismatched = await d
      .selectFrom('gig_enrolment')
      .innerJoin('policy', 'policy.id', 'gig_enrolment.policy_id')
      .select('gig_enrolment.id')
      .where('gig_enrolment.status', '=', 'effective')
      .where((eb) =>
        eb.or([
          eb('policy.member_id', '!=', eb.ref('gig_enrolment.member_id')),
          eb('policy.fee_fen', '!=', eb.ref('gig_enrolment.fee_fen')),
        ]),
      )
      .execute();
    expect(mismatched).toEqual([]);
    const payments = await d.selectFrom('gig_payment').select('id').execute();
    expect(payments.length).toBeGreaterThan(0);
  });

  it('the enrolment-structure table counts gig workers per agency as category gig; the summary counts them', async () => {
    const d = db.handle.db;
    const jiangbei = await d.selectFrom('agency').select('id').where('code', '=', '500105').executeTakeFirst();
    const agencies = await d.selectFrom('agency').select('id').execute();
    let found = 0;
    for (const a of [jiangbei, ...agencies].filter(Boolean).slice(0, 12)) {
      const res = await get('admin', `/api/v1/reports/enrolment-structure?agencyId=${a!.id}`);
      expect(res.statusCode).toBe(200);
      const rows = (res.json() as { rows: { category: string | null; members: number }[] }).rows;
      expect(rows.some((r) => r.category === 'individual')).toBe(false);
      const gig = rows.find((r) => r.category === 'gig');
      if (gig && gig.members > 0) found += 1;
    }
    expect(found).toBeGreaterThan(0);
    // Unitless gig workers with cover in force are in the summary's active members.
    const summary = (await get('admin', '/api/v1/reports/summary')).json() as { activeMembers: number };
    expect(summary.activeMembers).toBeGreaterThan(0);
  });
});
