import os from 'node:os';
import path from 'node:path';
import { buildApp, loadConfig } from '@huzhu/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEMBER_MOBILE, demoMemberSignIn, seedDemo, type SeedSummary } from './index.ts';
import { cipher, clock, emptyDatabase, PASSWORD, pgUrl } from './testing/empty-database.ts';

describe(`the member-app demo member (tiny, ${pgUrl ? 'postgres' : 'sqlite'})`, () => {
  let db: Awaited<ReturnType<typeof emptyDatabase>>;
  let summary: SeedSummary;
  beforeAll(async () => {
    db = await emptyDatabase();
    summary = await seedDemo({ handle: db.handle, cipher, clock }, { scale: 'tiny', seed: 7, password: PASSWORD });
  });
  afterAll(() => db.close());

  it('signs in at once with the demo mobile and the texted code, and sees unit cover and claims', async () => {
    expect(summary.demoMember).toMatchObject({ mobile: DEMO_MEMBER_MOBILE });
    expect(await demoMemberSignIn(db.handle.db)).toMatchObject({ mobile: DEMO_MEMBER_MOBILE });
    const config = loadConfig({ DATA_DIR: path.join(os.tmpdir(), 'huzhu-demo-member') } as NodeJS.ProcessEnv);
    const { app } = await buildApp(
      { ...config, consoleDir: undefined, mobileDir: undefined, logLevel: 'silent', jobIntervalMs: 0 },
      { handle: db.handle, cipher, clock, logger: false },
    );
    try {
      expect(
        (await app.inject({ method: 'POST', url: '/api/v1/m/auth/sms-code', payload: { mobile: DEMO_MEMBER_MOBILE } }))
          .statusCode,
      ).toBe(204);
      const text = await db.handle.db
        .selectFrom('sms_outbox')
        .select('params_json')
        .where('to_mobile', '=', DEMO_MEMBER_MOBILE)
        .executeTakeFirstOrThrow();
      const { code } = JSON.parse(text.params_json) as { code: string };
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/m/auth/login',
        payload: { mobile: DEMO_MEMBER_MOBILE, code },
      });
      expect(login.json().member).toMatchObject({ realNameVerified: true, memberId: summary.demoMember!.memberId });
      const cookie = `huzhu_m=${login.cookies.find((c) => c.name === 'huzhu_m')!.value}`;
      const policies = (await app.inject({ url: '/api/v1/m/me/policies', headers: { cookie } })).json();
      expect(
        policies.some(
          (p: { channel: string; status: string }) => p.channel === 'unit' && ['active', 'waiting'].includes(p.status),
        ),
      ).toBe(true);
      const claims = (await app.inject({ url: '/api/v1/m/claims', headers: { cookie } })).json();
      const statuses = claims.items.map((c: { status: string }) => c.status);
      expect(statuses).toContain('paid');
      expect(statuses.some((s: string) => ['submitted', 'prechecked', 'accepted', 'returned'].includes(s))).toBe(true);
      const faq = (await app.inject({ url: '/api/v1/m/faq?q=外地' })).json();
      expect(faq[0].question).toBe('外地就医能报销吗？');
      const all = (await app.inject({ url: '/api/v1/m/faq' })).json();
      expect(all).toHaveLength(20);
    } finally {
      await app.close();
    }
  });
});
