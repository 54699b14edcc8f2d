import {
  type ChannelReport,
  channelFunnelColumns,
  channelReportColumns,
  gigRenewalColumns,
  type RenewalReport,
} from '@huzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.ts';
import { newPolicy } from './helpers/claims-factory.ts';
import { memberLogin, verifyRealName } from './helpers/member-app.ts';
import { expectedCells } from './helpers/report-cells.ts';
import { readWorkbook } from './helpers/report-flows.ts';
import { type Agent, createTestContext, makeIdNumber, type TestContext } from './helpers/test-context.ts';

let ctx: TestContext;
let admin: Agent;
let staffA: Agent;
let staffB: Agent;
let agencyA: string;
let agencyB: string;
let mobileSeq = 0;
const newMobile = () => `134${String(++mobileSeq).padStart(8, '0')}`;

// 2026-05-10 10:00 China time.
beforeAll(async () => {
  ctx = await createTestContext({ now: '2026-05-10T02:00:00.000Z' });
  admin = await ctx.as('office_admin');
  staffA = await ctx.as('agency_staff');
  staffB = await ctx.as('agency_staff');
  agencyA = (await staffA.get('/api/v1/auth/me')).json().user.orgId;
  agencyB = (await staffB.get('/api/v1/auth/me')).json().user.orgId;
});
afterAll(() => ctx.close());

describe('channel report: the funnel per channel, agency and kind, with gifts, and its xlsx', () => {
  const ids = { station: '', event: '', stationB: '', office: '' };
  beforeAll(async () => {
    ids.station = (await staffA.post('/api/v1/channels', { name: '观音桥骑手驿站', kind: 'station' })).json().id;
    ids.event = (await staffA.post('/api/v1/channels', { name: '外卖骑手宣讲会', kind: 'event' })).json().id;
    ids.stationB = (await staffB.post('/api/v1/channels', { name: '万州快递驿站', kind: 'station' })).json().id;
    ids.office = (await admin.post('/api/v1/channels', { name: '新业态专项行动', kind: 'campaign' })).json().id;
    const codeOf = async (id: string) => (await admin.get(`/api/v1/channels/${id}`)).json().code as string;
    /** A worker through a channel up to a step: 0 registered, 1 verified, 2 ordered, 3 paid. */
    const through = async (channelId: string, step: 0 | 1 | 2 | 3, productCode = 'GIG') => {
      const m = await memberLogin(ctx, newMobile());
      expect((await m.post('/api/v1/m/me/channel', { code: await codeOf(channelId) })).statusCode).toBe(200);
      if (step < 1) return;
      await verifyRealName(m, '骑手丁', makeIdNumber('1992-02-02'));
      if (step < 2) return;
      const order = (await m.post('/api/v1/m/enrolments', { productCode })).json();
      if (step < 3) return;
      expect((await m.post(`/api/v1/m/payments/${order.id}/demo-pay`)).statusCode).toBe(200);
    };
    // Station A: 4 registered, 3 verified, 2 ordered, 1 paid (GIG ¥30).
    await through(ids.station, 0);
    await through(ids.station, 1);
    await through(ids.station, 2);
    await through(ids.station, 3);
    // Event A: 1 paid SHORT_ACC (¥5).
    await through(ids.event, 3, 'SHORT_ACC');
    // Station B: 1 registered.
    await through(ids.stationB, 0);
    // The office's campaign: one gift granted to a worker registered there (the gift itself is another feature's;
    // the report counts an effective gift order of the channel).
    await through(ids.office, 1);
    const account = await ctx.handle.db
      .selectFrom('member_account')
      .select(['id', 'member_id'])
      .where('channel_id', '=', ids.office)
      .executeTakeFirstOrThrow();
    const version = await ctx.handle.db
      .selectFrom('product_version')
      .innerJoin('product', 'product.id', 'product_version.product_id')
      .select('product_version.id')
      .where('product.code', '=', 'GIG_GIFT')
      .executeTakeFirstOrThrow();
    const at = ctx.clock.now().toISOString();
    await ctx.handle.db
      .insertInto('gig_enrolment')
      .values({
        id: newId(),
        office_id: ctx.office.id,
        member_id: account.member_id!,
        account_id: account.id,
        channel_id: ids.office,
        agency_id: null,
        product_version_id: version.id,
        product_code: 'GIG_GIFT',
        exclusive_group: 'GIG',
        shares: 1,
        fee_fen: 0,
        status: 'effective',
        provider: 'demo',
        out_trade_no: `GIFT${newId().replaceAll('-', '')}`.slice(0, 32),
        prepay_json: null,
        expires_at: at,
        paid_at: null,
        policy_id: null,
        gift_campaign_id: newId(),
        renewal_of: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  });

  const report = async (agent: Agent, q: string) => {
    const res = await agent.get(`/api/v1/reports/channels?from=2026-05-01&to=2026-05-31${q}`);
    expect(res.statusCode).toBe(200);
    return res.json() as ChannelReport;
  };

  it('per channel: every step of the funnel, gifts and fees', async () => {
    const r = await report(admin, '');
    const row = (id: string) => r.rows.find((x) => x.channelId === id);
    expect(row(ids.station)).toMatchObject({
      registrations: 4,
      verified: 3,
      enrolments: 2,
      paid: 1,
      gifts: 0,
      feeFen: 3000,
    });
    expect(row(ids.event)).toMatchObject({ registrations: 1, verified: 1, enrolments: 1, paid: 1, feeFen: 500 });
    expect(row(ids.office)).toMatchObject({ registrations: 1, verified: 1, enrolments: 0, paid: 0, gifts: 1 });
    expect(r.groupBy).toBe('channel');
    expect(r.total).toMatchObject({
      channels: 4,
      registrations: 7,
      verified: 5,
      enrolments: 3,
      paid: 2,
      gifts: 1,
      feeFen: 3500,
    });
    // The busiest group first.
    expect(r.groups?.[0]?.key).toBe(ids.station);
  });

  it('per agency (office channels apart) and per kind; one kind only (the stations)', async () => {
    const byAgency = await report(admin, '&groupBy=agency');
    const g = (key: string) => byAgency.groups?.find((x) => x.key === key);
    expect(g(agencyA)).toMatchObject({
      channels: 2,
      registrations: 5,
      verified: 4,
      enrolments: 3,
      paid: 2,
      feeFen: 3500,
    });
    expect(g(agencyB)).toMatchObject({ channels: 1, registrations: 1, paid: 0 });
    expect(g('')).toMatchObject({ label: '办事处直属', gifts: 1 });
    const byKind = await report(admin, '&groupBy=kind');
    expect(byKind.groups?.find((x) => x.key === 'station')).toMatchObject({
      label: '驿站',
      channels: 2,
      registrations: 5,
    });
    const stations = await report(admin, '&kind=station');
    expect(stations.rows.map((x) => x.channelId).sort()).toEqual([ids.station, ids.stationB].sort());
    expect(stations.total).toMatchObject({ registrations: 5, paid: 1 });
  });

  it("agency staff see their own agency's channels only; another agency's → 404", async () => {
    const mine = await report(staffA, '&groupBy=agency');
    expect(mine.rows.map((x) => x.channelId).sort()).toEqual([ids.station, ids.event].sort());
    expect(mine.total?.paid).toBe(2);
    const other = await staffA.get(`/api/v1/reports/channels?from=2026-05-01&to=2026-05-31&agencyId=${agencyB}`);
    expect(other.statusCode).toBe(404);
  });

  it('another period counts nothing; the default period is the year so far; bad input is refused', async () => {
    const june = await report(admin, '').then(() =>
      admin.get('/api/v1/reports/channels?from=2026-06-01&to=2026-06-30').then((x) => x.json() as ChannelReport),
    );
    expect(june.total).toMatchObject({ registrations: 0, paid: 0, gifts: 0, feeFen: 0 });
    const dflt = (await admin.get('/api/v1/reports/channels')).json() as ChannelReport;
    expect(dflt).toMatchObject({ from: '2026-01-01', to: '2026-05-10' });
    expect(dflt.total?.paid).toBe(2);
    const reversed = await admin.get('/api/v1/reports/channels?from=2026-05-31&to=2026-05-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: '结束日期不能早于开始日期' });
    expect((await admin.get('/api/v1/reports/channels?groupBy=unit')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/reports/channels?kind=shop')).statusCode).toBe(400);
  });

  it('the xlsx holds the groups with the total, the funnel total and every channel, as the screen', async () => {
    const json = await report(admin, '&groupBy=agency');
    const res = await admin.get('/api/v1/reports/channels?from=2026-05-01&to=2026-05-31&groupBy=agency&format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const sheets = await readWorkbook(res.rawPayload);
    expect([...sheets.keys()]).toEqual(['按代办处', '漏斗合计', '渠道明细']);
    expect(sheets.get('按代办处')).toEqual(expectedCells(channelFunnelColumns, [...json.groups!, json.total!]));
    expect(sheets.get('漏斗合计')).toEqual(expectedCells(channelFunnelColumns, [json.total!]));
    expect(sheets.get('渠道明细')).toEqual(expectedCells(channelReportColumns, json.rows));
    const total = sheets.get('漏斗合计')![1]!;
    // registrations 7 → paid 2: conversion 2/7; fees in yuan.
    expect(total.slice(1, 8)).toEqual([4, 7, 5, 3, 2, 1, 35]);
    expect(total[8]).toBeCloseTo(2 / 7);
  });
});

describe('renewal report: the gig renewal rate', () => {
  it("counts the gig workers' own policies apart (renewed ÷ ending), on screen and in the xlsx", async () => {
    const gigWorker = () => ctx.newMember({ unit_id: null, employment_kind: 'gig' });
    // Two GIG policies end in 2026-04; one is renewed continuously.
    const a = await gigWorker();
    await newPolicy(ctx, { memberId: a.id, productCode: 'GIG', startDate: '2025-04-05', agencyId: agencyA });
    await newPolicy(ctx, {
      memberId: a.id,
      productCode: 'GIG',
      startDate: '2026-04-05',
      agencyId: agencyA,
      continuous: true,
    });
    const b = await gigWorker();
    await newPolicy(ctx, { memberId: b.id, productCode: 'GIG', startDate: '2025-04-10', agencyId: agencyA });
    // A unit policy renewed: not a gig worker's own.
    const unit = await ctx.newUnit({ agency_id: agencyA });
    const e = await ctx.newMember({ unit_id: unit.id });
    await newPolicy(ctx, {
      memberId: e.id,
      productCode: 'CI_A',
      startDate: '2025-04-15',
      unitId: unit.id,
      agencyId: agencyA,
    });
    await newPolicy(ctx, {
      memberId: e.id,
      productCode: 'CI_A',
      startDate: '2026-04-15',
      unitId: unit.id,
      agencyId: agencyA,
      continuous: true,
    });
    const res = await admin.get('/api/v1/reports/renewal?from=2026-04-01&to=2026-04-30');
    expect(res.statusCode).toBe(200);
    const r = res.json() as RenewalReport;
    expect(r.gig).toMatchObject({ ending: 2, renewed: 1, rate: 0.5, employmentKind: 'gig' });
    expect(r.total).toMatchObject({ ending: 3, renewed: 2 });
    // Agency B has none: no rate rather than 0 %.
    const b2 = (await admin.get(`/api/v1/reports/renewal?from=2026-04-01&to=2026-04-30&agencyId=${agencyB}`)).json();
    expect(b2.gig).toMatchObject({ ending: 0, renewed: 0, rate: null });
    const x = await admin.get('/api/v1/reports/renewal?from=2026-04-01&to=2026-04-30&format=xlsx');
    const sheets = await readWorkbook(x.rawPayload);
    expect(sheets.get('新就业形态续保率')).toEqual(expectedCells(gigRenewalColumns, [r.gig!]));
    expect(sheets.get('新就业形态续保率')![1]).toEqual(['新就业形态劳动者（个人参保、赠险）', 2, 1, 0.5]);
  });
});

describe('the summary and the enrolment-structure table count gig workers by agency as category gig', () => {
  it('a gig worker enrolled through agency A counts in its members, under category gig', async () => {
    const asOf = '2026-05-10';
    const structure = async (q: string) =>
      (await admin.get(`/api/v1/reports/enrolment-structure?asOf=${asOf}${q}`)).json() as {
        rows: { agencyId: string; category: string | null; members: number; contributionsFen: number }[];
        total: { members: number };
      };
    const summary = async () => (await admin.get(`/api/v1/reports/summary?asOf=${asOf}`)).json();
    const beforeA = (await structure(`&agencyId=${agencyA}`)).rows.find((r) => r.category === 'gig');
    const beforeSummary = await summary();
    const w = await ctx.newMember({ unit_id: null, employment_kind: 'gig' });
    await newPolicy(ctx, { memberId: w.id, productCode: 'GIG', startDate: '2026-05-01', agencyId: agencyA });
    const afterA = await structure(`&agencyId=${agencyA}`);
    const gigRow = afterA.rows.find((r) => r.category === 'gig');
    expect(gigRow).toBeDefined();
    expect(gigRow!.members).toBe((beforeA?.members ?? 0) + 1);
    expect(gigRow!.contributionsFen).toBe((beforeA?.contributionsFen ?? 0) + 3000);
    expect(afterA.rows.some((r) => r.category === 'individual')).toBe(false);
    const office = await structure('');
    expect(office.rows.find((r) => r.agencyId === agencyA)!.members).toBeGreaterThanOrEqual(gigRow!.members);
    const after = await summary();
    expect(after.activeMembers).toBe(beforeSummary.activeMembers + 1);
    expect(after.contributionsFen).toBe(beforeSummary.contributionsFen + 3000);
    // The xlsx names the category in words.
    const x = await admin.get(`/api/v1/reports/enrolment-structure?asOf=${asOf}&agencyId=${agencyA}&format=xlsx`);
    const cells = JSON.stringify([...(await readWorkbook(x.rawPayload)).values()]);
    expect(cells).toContain('新就业形态劳动者（个人参保）');
  });
});
