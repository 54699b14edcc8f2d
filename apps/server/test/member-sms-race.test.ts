import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextIp } from './helpers/member-app.ts';
import { createTestContext, type TestContext } from './helpers/test-context.ts';

/**
 * Issue 15 item 10: the member SMS-code limits (1 per number per 60 s, a daily cap per number, an hourly cap per
 * client address) are checked and recorded in one step, so parallel requests cannot all pass the check.
 */
let ctx: TestContext;
let mobileSeq = 0;
const newMobile = () => `137${String(process.pid % 1000).padStart(3, '0')}${String(++mobileSeq).padStart(5, '0')}`;
const NOW = '2026-03-02T02:00:00.000Z';
const at = (seconds: number) => ctx.clock.set(new Date(Date.parse(NOW) + seconds * 1000).toISOString());

beforeAll(async () => {
  ctx = await createTestContext({ now: NOW });
});
afterAll(() => ctx.close());

const sendCode = (mobile: string, ip = nextIp()) =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/m/auth/sms-code', payload: { mobile }, remoteAddress: ip });
const texted = async (mobile: string) =>
  Number(
    (
      await ctx.handle.db
        .selectFrom('sms_outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('to_mobile', '=', mobile)
        .where('template', '=', 'login_code')
        .executeTakeFirstOrThrow()
    ).n,
  );
const outcome = (res: { statusCode: number; json(): { code: string } }[]) => ({
  sent: res.filter((r) => r.statusCode === 204).length,
  limited: res.filter((r) => r.statusCode === 429 && r.json().code === 'RATE_LIMITED').length,
});

describe('member SMS codes under parallel requests', () => {
  it('10 requests at once for one number → exactly one code sent, nine RATE_LIMITED', async () => {
    at(0);
    const mobile = newMobile();
    const res = await Promise.all(Array.from({ length: 10 }, () => sendCode(mobile)));
    expect(outcome(res)).toEqual({ sent: 1, limited: 9 });
    expect(await texted(mobile)).toBe(1);
    const codes = await ctx.handle.db
      .selectFrom('member_login_code')
      .select('id')
      .where('mobile', '=', mobile)
      .execute();
    expect(codes).toHaveLength(1);
  });

  it('the daily cap per number holds under parallel requests (one left → one sent)', async () => {
    const mobile = newMobile();
    const perDay = ctx.deps.config.memberApp.codesPerDay;
    for (let i = 0; i < perDay - 1; i++) {
      at(10_000 + i * 61);
      expect((await sendCode(mobile)).statusCode).toBe(204);
    }
    at(10_000 + perDay * 61);
    const res = await Promise.all(Array.from({ length: 10 }, () => sendCode(mobile)));
    expect(outcome(res)).toEqual({ sent: 1, limited: 9 });
    expect(await texted(mobile)).toBe(perDay);
    at(10_000 + perDay * 61 + 120);
    const next = await sendCode(mobile);
    expect(next.statusCode).toBe(429);
    expect(next.json().details).toMatchObject({ limit: 'per-number-day' });
  });

  it('the hourly cap per client address holds under parallel requests for many numbers', async () => {
    at(50_000);
    const limits = ctx.deps.config.memberApp;
    const before = limits.codesPerIpPerHour;
    limits.codesPerIpPerHour = 3;
    try {
      const ip = nextIp();
      expect((await sendCode(newMobile(), ip)).statusCode).toBe(204);
      expect((await sendCode(newMobile(), ip)).statusCode).toBe(204);
      const mobiles = Array.from({ length: 10 }, () => newMobile());
      const res = await Promise.all(mobiles.map((m) => sendCode(m, ip)));
      expect(outcome(res)).toEqual({ sent: 1, limited: 9 });
      let total = 0;
      for (const m of mobiles) total += await texted(m);
      expect(total).toBe(1);
    } finally {
      limits.codesPerIpPerHour = before;
    }
  });
});
