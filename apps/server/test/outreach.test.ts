import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk } from './helpers/claims-factory.ts';
import { type Agent, createTestContext, type TestContext } from './helpers/test-context.ts';

let ctx: TestContext;
let office: Agent;
let agencyA: Agent;
let agencyB: Agent;
let agencyAId: string;
let agencyBId: string;
beforeAll(async () => {
  ctx = await createTestContext({ now: '2026-11-20T02:00:00.000Z' });
  const a = await ctx.newAgency({ name: '江北区代办处' });
  const b = await ctx.newAgency({ name: '渝中区代办处' });
  agencyAId = a.id;
  agencyBId = b.id;
  office = await ctx.as('office_admin');
  agencyA = await ctx.as('agency_staff', { agency_id: a.id });
  agencyB = await ctx.as('agency_staff', { agency_id: b.id });
});
afterAll(() => ctx.close());

const training = (over: Record<string, unknown> = {}) => ({
  date: '2026-03-12',
  place: '江北区总工会三楼会议室',
  organiser: '江北区总工会',
  topic: '职工互助保障政策与申领流程',
  attendees: 120,
  ...over,
});
const event = (over: Record<string, unknown> = {}) => ({
  date: '2026-05-01',
  place: '观音桥步行街',
  kind: 'booth',
  topic: '五一劳动节咨询',
  attendees: 300,
  consultations: 85,
  ...over,
});
const counts = async () => {
  const t = await ctx.handle.db
    .selectFrom('training_session')
    .select((e) => e.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const e = await ctx.handle.db
    .selectFrom('outreach_event')
    .select((x) => x.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return [Number(t.n), Number(e.n)];
};

describe('trainings and outreach events', () => {
  let channelCode: string;
  it('an agency records sessions and events of its own; the office records one for an agency and its own', async () => {
    const t = expectOk(await agencyA.post('/api/v1/trainings', training()), 201);
    expect(t).toMatchObject({ agencyId: agencyAId, agencyName: '江北区代办处', attendees: 120, date: '2026-03-12' });
    expectOk(await agencyA.post('/api/v1/trainings', training({ date: '2026-07-08', attendees: 80 })), 201);
    expectOk(await office.post('/api/v1/trainings', training({ agencyId: agencyBId, attendees: 60 })), 201);
    const own = expectOk(
      await office.post('/api/v1/trainings', training({ organiser: '市总工会', attendees: 200 })),
      201,
    );
    expect(own.agencyId).toBeNull();
    channelCode = expectOk(await agencyA.post('/api/v1/channels', { name: '观音桥咨询点', kind: 'event' }), 201).code;
    const e = expectOk(await agencyA.post('/api/v1/outreach-events', event({ channelCode })), 201);
    expect(e).toMatchObject({ kind: 'booth', channelCode, channelName: '观音桥咨询点', attendees: 300 });
    expectOk(
      await agencyB.post('/api/v1/outreach-events', event({ kind: 'talk', attendees: 50, consultations: 10 })),
      201,
    );
    const audit = await ctx.handle.db.selectFrom('audit_log').select('action').where('object_id', '=', e.id).execute();
    expect(audit.map((x) => x.action)).toEqual(['outreach_event.create']);
  });

  it('lists in scope, searchable and paged; another agency’s are not found', async () => {
    const mine = expectOk(await agencyA.get('/api/v1/trainings?year=2026'));
    expect(mine.total).toBe(2);
    const all = expectOk(await office.get('/api/v1/trainings?pageSize=1'));
    expect(all).toMatchObject({ total: 4, pageSize: 1 });
    expect(all.items).toHaveLength(1);
    expect(expectOk(await office.get(`/api/v1/trainings?q=${encodeURIComponent('市总')}`)).total).toBe(1);
    expect((await agencyA.get(`/api/v1/trainings?agencyId=${agencyBId}`)).statusCode).toBe(404);
    const bEvents = expectOk(await agencyB.get('/api/v1/outreach-events'));
    expect(bEvents.items.map((x: { kind: string }) => x.kind)).toEqual(['talk']);
    const aTraining = mine.items[0].id;
    expect((await agencyB.del(`/api/v1/trainings/${aTraining}`)).statusCode).toBe(404);
  });

  it('bad input: a future date, no attendees, an unknown kind, another agency’s channel or agency — nothing written', async () => {
    const before = await counts();
    const bad = [
      await agencyA.post('/api/v1/trainings', training({ date: '2026-12-01' })),
      await agencyA.post('/api/v1/trainings', training({ attendees: 0 })),
      await agencyA.post('/api/v1/trainings', training({ attendees: 1.5 })),
      await agencyA.post('/api/v1/trainings', training({ date: '2026-02-30' })),
      await agencyA.post('/api/v1/outreach-events', event({ kind: 'party' })),
      await agencyA.post('/api/v1/outreach-events', event({ kind: 'talk', attendees: 10, consultations: 20 })),
    ];
    for (const res of bad) {
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const foreignChannel = await agencyB.post('/api/v1/outreach-events', event({ channelCode }));
    expect(foreignChannel.statusCode).toBe(404);
    const foreignAgency = await agencyA.post('/api/v1/trainings', training({ agencyId: agencyBId }));
    expect(foreignAgency.statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('the outreach report per year and agency, with its xlsx; agency staff get their own only', async () => {
    const r = expectOk(await office.get('/api/v1/reports/outreach?year=2026'));
    expect(r.trainings).toEqual({ sessions: 4, personTimes: 460 });
    expect(r.events).toEqual({ count: 2, attendees: 350, consultations: 95, enrolments: 0 });
    const a = r.rows.find((x: { agencyId: string }) => x.agencyId === agencyAId);
    expect(a).toMatchObject({ sessions: 2, personTimes: 200, events: 1, eventAttendees: 300, consultations: 85 });
    expect(r.rows.at(-1)).toMatchObject({ agencyId: '', sessions: 1, personTimes: 200 });
    expect(r.months[2]).toMatchObject({ month: 3, sessions: 3, personTimes: 380 });
    expect(expectOk(await office.get('/api/v1/reports/outreach?year=2025')).trainings).toEqual({
      sessions: 0,
      personTimes: 0,
    });
    const own = expectOk(await agencyA.get('/api/v1/reports/outreach?year=2026'));
    expect(own.rows.map((x: { agencyId: string }) => x.agencyId)).toEqual([agencyAId]);
    expect(own.trainings).toEqual({ sessions: 2, personTimes: 200 });
    expect((await agencyA.get(`/api/v1/reports/outreach?agencyId=${agencyBId}`)).statusCode).toBe(404);
    expect((await office.get('/api/v1/reports/outreach?year=1999')).statusCode).toBe(400);
    const xlsx = await office.get('/api/v1/reports/outreach?year=2026&format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('培训与宣讲')!;
    expect(sheet.getRow(1).values).toContain('培训人次');
    const totalRow = sheet.getRow(sheet.rowCount).values as unknown[];
    expect(totalRow).toContain('合计');
    expect(totalRow).toContain(460);
  });

  it('counts paid enrolments through an event’s channel within 7 days of the event', async () => {
    const channel = await ctx.handle.db
      .selectFrom('channel')
      .select('id')
      .where('code', '=', channelCode)
      .executeTakeFirstOrThrow();
    const version = await ctx.handle.db
      .selectFrom('product_version')
      .select(['id', 'code'])
      .where('office_id', '=', ctx.office.id)
      .where('code', '=', 'GIG')
      .executeTakeFirstOrThrow();
    const order = async (paidAt: string | null, status: 'effective' | 'awaiting_payment') => {
      const m = await ctx.newMember({ name: '骑手' });
      const id = `0190cccc-0000-7000-8000-${Math.random().toString(16).slice(2, 14).padEnd(12, '0')}`;
      await ctx.handle.db
        .insertInto('gig_enrolment')
        .values({
          id,
          office_id: ctx.office.id,
          member_id: m.id,
          account_id: 'acc',
          channel_id: channel.id,
          agency_id: agencyAId,
          product_version_id: version.id,
          product_code: 'GIG',
          exclusive_group: null,
          shares: 1,
          fee_fen: 3000,
          status,
          provider: 'demo',
          out_trade_no: id.replaceAll('-', ''),
          prepay_json: null,
          expires_at: '2026-05-09T00:00:00.000Z',
          paid_at: paidAt,
          policy_id: null,
          gift_campaign_id: null,
          created_at: '2026-05-01T02:00:00.000Z',
          updated_at: '2026-05-01T02:00:00.000Z',
        })
        .execute();
    };
    // The event was on 1 May (China): 30 April 16:00 UTC is its midnight; 7 days end at 7 May 16:00 UTC.
    await order('2026-04-30T16:00:00.000Z', 'effective');
    await order('2026-05-07T15:59:59.000Z', 'effective');
    await order('2026-05-07T16:00:00.000Z', 'effective');
    await order('2026-04-30T15:59:59.000Z', 'effective');
    await order(null, 'awaiting_payment');
    const r = expectOk(await office.get('/api/v1/reports/outreach?year=2026'));
    expect(r.events.enrolments).toBe(2);
    expect(r.rows.find((x: { agencyId: string }) => x.agencyId === agencyAId).enrolments).toBe(2);
  });

  it('a record made by mistake is deleted, audited with what it held', async () => {
    const t = expectOk(await agencyA.post('/api/v1/trainings', training({ topic: '录入错误的培训' })), 201);
    const res = await agencyA.del(`/api/v1/trainings/${t.id}`);
    expect(res.statusCode).toBe(204);
    const audit = await ctx.handle.db
      .selectFrom('audit_log')
      .select(['action', 'before_json'])
      .where('object_id', '=', t.id)
      .orderBy('created_at')
      .execute();
    expect(audit.map((x) => x.action)).toEqual(['training.create', 'training.delete']);
    expect(audit[1]!.before_json).toContain('录入错误的培训');
  });
});
