import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberLogin, verifyRealName } from './helpers/member-app.ts';
import { type Agent, createTestContext, makeIdNumber, type TestContext } from './helpers/test-context.ts';

let ctx: TestContext;
let admin: Agent;
let staffA: Agent;
let staffB: Agent;
let mobileSeq = 0;
const newMobile = () => `135${String(++mobileSeq).padStart(8, '0')}`;

beforeAll(async () => {
  ctx = await createTestContext({ now: '2026-05-10T02:00:00.000Z' });
  admin = await ctx.as('office_admin');
  staffA = await ctx.as('agency_staff');
  staffB = await ctx.as('agency_staff');
});
afterAll(() => ctx.close());

describe('QR channels', () => {
  it('agency staff make a channel of their own agency: code, /m/?c=CODE, landing page with its products', async () => {
    const res = await staffA.post('/api/v1/channels', { name: '观音桥骑手驿站', kind: 'station' });
    expect(res.statusCode).toBe(201);
    const { id, code, url } = res.json();
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    expect(url).toMatch(new RegExp(`/m/\\?c=${code}$`));
    const landing = await ctx.app.inject({ method: 'GET', url: `/api/v1/m/channels/${code}` });
    expect(landing.statusCode).toBe(200);
    expect(landing.json()).toMatchObject({ code, name: '观音桥骑手驿站', kind: 'station' });
    expect(landing.json().products.map((p: { code: string }) => p.code)).toEqual(['GIG', 'SHORT_ACC']);
    expect(landing.json().agencyName).toEqual(expect.any(String));
    // Another agency's staff do not see it; the office does.
    expect((await staffB.get(`/api/v1/channels/${id}`)).statusCode).toBe(404);
    expect((await staffB.post(`/api/v1/channels/${id}/close`)).statusCode).toBe(404);
    expect((await staffB.get(`/api/v1/channels/${id}/poster`)).statusCode).toBe(404);
    expect((await staffB.get('/api/v1/channels')).json().items.map((c: { id: string }) => c.id)).not.toContain(id);
    expect((await admin.get(`/api/v1/channels?q=${encodeURIComponent('骑手')}`)).json().items[0].id).toBe(id);
  });

  it('the poster is an A4 PDF carrying the QR code', async () => {
    const { id } = (await admin.post('/api/v1/channels', { name: '外卖平台专场', kind: 'platform' })).json();
    const res = await admin.get(`/api/v1/channels/${id}/poster`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload.toString('latin1');
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    expect(pdf).toContain('/MediaBox [0 0 595 842]');
    expect(pdf).toContain('/STSong-Light');
    expect((pdf.match(/ re/g) ?? []).length).toBeGreaterThan(100);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
  });

  it('a unit product cannot be offered; a bad kind is refused', async () => {
    const bad = await admin.post('/api/v1/channels', { name: '错误渠道', kind: 'station', products: ['CI_A'] });
    expect(bad.statusCode).toBe(400);
    expect((await admin.post('/api/v1/channels', { name: '错误渠道', kind: 'shop' })).statusCode).toBe(400);
  });

  it('attribution sticks from registration to the enrolment; a closed code answers 404 and its history stays', async () => {
    const { id, code } = (await staffA.post('/api/v1/channels', { name: '快递行业工会', kind: 'union' })).json();
    const m = await memberLogin(ctx, newMobile());
    expect((await m.post('/api/v1/m/me/channel', { code })).statusCode).toBe(200);
    await verifyRealName(m, '快递员丙', makeIdNumber('1994-04-04'));
    // No code on the order: the account's channel counts.
    const order = (await m.post('/api/v1/m/enrolments', { productCode: 'GIG' })).json();
    expect(order.channelCode).toBe(code);
    const paid = (await m.post(`/api/v1/m/payments/${order.id}/demo-pay`)).json();
    // The policy counts for the channel's agency (gig workers by agency in the reports).
    const policy = await ctx.handle.db
      .selectFrom('policy')
      .select('agency_id')
      .where('id', '=', paid.policy.id)
      .executeTakeFirstOrThrow();
    expect(policy.agency_id).toBe((await staffA.get(`/api/v1/channels/${id}`)).json().agencyId);
    const report = await staffA.get('/api/v1/reports/channels?from=2026-05-01&to=2026-05-31');
    expect(report.statusCode).toBe(200);
    const row = report.json().rows.find((r: { channelId: string }) => r.channelId === id);
    expect(row).toMatchObject({ registrations: 1, verified: 1, enrolments: 1, paid: 1, feeFen: 3000 });
    const xlsx = await admin.get('/api/v1/reports/channels?from=2026-05-01&to=2026-05-31&format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    expect((await staffA.post(`/api/v1/channels/${id}/close`)).json().status).toBe('closed');
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/m/channels/${code}` })).statusCode).toBe(404);
    const n = await memberLogin(ctx, newMobile());
    await verifyRealName(n, '骑手丁', makeIdNumber('1995-05-05'));
    expect((await n.post('/api/v1/m/enrolments', { productCode: 'GIG', channelCode: code })).statusCode).toBe(404);
    const after = await staffA.get('/api/v1/reports/channels?from=2026-05-01&to=2026-05-31');
    expect(after.json().rows.find((r: { channelId: string }) => r.channelId === id).paid).toBe(1);
    // Another agency's staff cannot ask for this agency's report.
    const agencyId = (await staffA.get(`/api/v1/channels/${id}`)).json().agencyId;
    expect(
      (await staffB.get(`/api/v1/reports/channels?from=2026-05-01&to=2026-05-31&agencyId=${agencyId}`)).statusCode,
    ).toBe(404);
  });

  it('a channel offering only SHORT_ACC refuses GIG (NOT_ELIGIBLE)', async () => {
    const { code } = (
      await admin.post('/api/v1/channels', { name: '马拉松活动', kind: 'event', products: ['SHORT_ACC'] })
    ).json();
    const m = await memberLogin(ctx, newMobile());
    await verifyRealName(m, '跑者戊', makeIdNumber('1996-06-06'));
    const res = await m.post('/api/v1/m/enrolments', { productCode: 'GIG', channelCode: code });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('NOT_ELIGIBLE');
  });
});
