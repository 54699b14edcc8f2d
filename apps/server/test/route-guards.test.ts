import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberLogin } from './helpers/member-app.ts';
import { createTestContext, type TestContext } from './helpers/test-context.ts';

/**
 * Structural guards over every API route the OpenAPI document lists, so routes added later are covered too:
 * nothing but the public ones answers without a session, and nothing state-changing accepts a cookie without
 * the CSRF header. Both checks run before the body is read, so a dummy id and no body are enough.
 */
let ctx: TestContext;
let routes: { method: string; url: string; path: string }[];
beforeAll(async () => {
  ctx = await createTestContext();
  const doc = (await ctx.app.inject('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path, url: path.replace(/\{[^}]+\}/g, 'x') })),
  );
});
afterAll(() => ctx.close());

const isPublic = (path: string) =>
  path === '/api/v1/health' ||
  path === '/api/v1/auth/login' ||
  path.startsWith('/api/v1/public/') ||
  ['/api/v1/m/auth/sms-code', '/api/v1/m/auth/login', '/api/v1/m/faq'].includes(path) ||
  // A scanned channel's landing page, and WeChat Pay's notification (authenticated by its signature, not a session).
  ['/api/v1/m/channels/{code}', '/api/v1/payments/wechat/notify', '/api/v1/payments/wechat/refund-notify'].includes(
    path,
  );
/** Member-app routes take the member cookie only: their CSRF check is made with a member's session. */
const isMemberRoute = (path: string) => path.startsWith('/api/v1/m/');

describe('every API route', () => {
  it('the OpenAPI document lists the core routes', () => {
    const paths = new Set(routes.map((r) => r.path));
    for (const p of ['/api/v1/units', '/api/v1/members/{id}/reveal', '/api/v1/registry-imports', '/api/v1/audit']) {
      expect(paths).toContain(p);
    }
  });

  it('answers 401 UNAUTHENTICATED without a session, unless public', async () => {
    const open: string[] = [];
    for (const r of routes) {
      if (isPublic(r.path)) continue;
      const res = await ctx.app.inject({ method: r.method as 'GET', url: r.url });
      if (res.statusCode !== 401 || res.json().code !== 'UNAUTHENTICATED')
        open.push(`${r.method} ${r.path} → ${res.statusCode}`);
    }
    expect(open).toEqual([]);
  });

  it('refuses a state-changing request with the cookie but no CSRF header (403 CSRF_INVALID)', async () => {
    const admin = await ctx.as('office_admin');
    const member = await memberLogin(ctx, '13700000001');
    const unguarded: string[] = [];
    for (const r of routes) {
      if (isPublic(r.path) || r.method === 'GET' || r.path === '/api/v1/auth/logout') continue;
      const cookie = isMemberRoute(r.path) ? member.cookie : admin.cookie;
      const res = await ctx.app.inject({ method: r.method as 'POST', url: r.url, headers: { cookie } });
      if (res.statusCode !== 403 || res.json().code !== 'CSRF_INVALID')
        unguarded.push(`${r.method} ${r.path} → ${res.statusCode}`);
    }
    expect(unguarded).toEqual([]);
  });

  it('logout without the CSRF header is refused too, and the session survives', async () => {
    const agent = await ctx.as('office_finance');
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: agent.cookie } });
    expect(res.statusCode).toBe(403);
    expect((await agent.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('never answers a 5xx to staff sending unknown ids, empty or junk bodies and junk queries', async () => {
    const callers = [await ctx.as('office_admin'), await ctx.as('agency_staff'), await ctx.as('unit_agent')];
    const bodies: unknown[] = [
      undefined,
      {},
      { id: "'; drop table unit; --", amountFen: -1, date: '2026-02-30' },
      [1, 2],
    ];
    const failures: string[] = [];
    for (const agent of callers) {
      for (const r of routes) {
        if (r.path === '/api/v1/auth/logout') continue;
        for (const payload of r.method === 'GET' ? [undefined] : bodies) {
          const url = r.method === 'GET' ? `${r.url}?page=0&pageSize=abc&q=%25&from=x` : r.url;
          const res = await agent.inject({ method: r.method as 'GET', url, payload: payload as object });
          if (res.statusCode >= 500)
            failures.push(`${agent.user.role} ${r.method} ${r.path} → ${res.statusCode} ${res.body}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('never answers a 5xx to a national viewer or a member poking at any route', async () => {
    const callers = [
      await ctx.as('national_viewer'),
      await ctx.as('member', { member_id: (await ctx.newMember()).id }),
    ];
    const failures: string[] = [];
    for (const agent of callers) {
      for (const r of routes) {
        const res = await agent.inject({ method: r.method as 'GET', url: r.url });
        if (res.statusCode >= 500)
          failures.push(`${agent.user.role} ${r.method} ${r.path} → ${res.statusCode} ${res.body}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
