import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MemberAgent, memberLogin, verifyRealName } from './helpers/member-app.ts';
import { type Agent, createTestContext, makeIdNumber, type TestContext } from './helpers/test-context.ts';
import { csvOf, multipartBody, uploadThenHangUp, xlsxOf } from './helpers/upload.ts';

let ctx: TestContext;
let admin: Agent;
let mobileSeq = 0;
const newMobile = () => `135${String(++mobileSeq).padStart(8, '0')}`;
// 2026-03-02 23:30 China time: a gift claimed now covers from 2026-03-03.
const NOW = '2026-03-02T15:30:00.000Z';

beforeAll(async () => {
  ctx = await createTestContext({ now: NOW });
  admin = await ctx.as('office_admin');
});
afterAll(() => ctx.close());

async function worker(birthDate = '1990-05-05'): Promise<MemberAgent & { memberId: string }> {
  const m = await memberLogin(ctx, newMobile());
  const face = await verifyRealName(m, '骑手丙', makeIdNumber(birthDate));
  if (face.status !== 'verified' || !face.memberId) throw new Error(JSON.stringify(face));
  return Object.assign(m, { memberId: face.memberId });
}

const campaignBody = (o: Record<string, unknown> = {}) => ({
  name: '骑手关爱赠险',
  sponsor: '某外卖平台',
  budgetCount: 100,
  startDate: '2026-03-01',
  endDate: '2026-06-30',
  ...o,
});
async function campaign(o: Record<string, unknown> = {}) {
  const res = await admin.post('/api/v1/gift-campaigns', campaignBody(o));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; budgetCount: number; granted: number; remaining: number };
}
const n = async (table: 'gift_grant' | 'gift_campaign' | 'policy', where?: [string, string]) => {
  let q = ctx.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  // biome-ignore lint/suspicious/noExplicitAny: a column name chosen by the test
  if (where) q = q.where(where[0] as any, '=', where[1]);
  return Number((await q.executeTakeFirstOrThrow()).n);
};
const audits = async (action: string) =>
  Number(
    (
      await ctx.handle.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', action)
        .executeTakeFirstOrThrow()
    ).n,
  );
const claim = (m: MemberAgent, giftCampaignId: string, extra: Record<string, unknown> = {}) =>
  m.post('/api/v1/m/enrolments', { productCode: 'GIG_GIFT', giftCampaignId, ...extra });

describe('gift cover campaigns in the console', () => {
  it('creates, lists (search, pages), reads, edits and closes a campaign — each audited', async () => {
    const c = await campaign({ name: '快递小哥暖心赠险', sponsor: '某快递公司' });
    expect(c).toMatchObject({
      productCode: 'GIG_GIFT',
      productName: '新业态劳动者赠送意外互助保障',
      budgetCount: 100,
      granted: 0,
      remaining: 100,
      status: 'open',
      claimable: true,
    });
    await campaign({ name: '其他活动甲' });
    await campaign({ name: '其他活动乙' });
    const found = (await admin.get('/api/v1/gift-campaigns?q=快递')).json();
    expect(found.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    const page = (await admin.get('/api/v1/gift-campaigns?pageSize=2&page=2')).json();
    expect(page.total).toBeGreaterThanOrEqual(3);
    expect(page.items.length).toBeGreaterThanOrEqual(1);
    expect((await admin.get(`/api/v1/gift-campaigns/${c.id}`)).json().name).toBe('快递小哥暖心赠险');
    const edited = await admin.patch(`/api/v1/gift-campaigns/${c.id}`, {
      budgetCount: 120,
      eligibility: { employmentKinds: ['gig'], minAge: 18, maxAge: 60 },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ budgetCount: 120, remaining: 120, eligibility: { minAge: 18 } });
    const closed = await admin.post(`/api/v1/gift-campaigns/${c.id}/close`);
    expect(closed.json()).toMatchObject({ status: 'closed', claimable: false });
    expect((await admin.patch(`/api/v1/gift-campaigns/${c.id}`, { name: '改名活动' })).json().code).toBe(
      'GIFT_CAMPAIGN_CLOSED',
    );
    expect(await audits('gift_campaign.create')).toBeGreaterThanOrEqual(3);
    expect(await audits('gift_campaign.update')).toBe(1);
    expect(await audits('gift_campaign.close')).toBe(1);
  });

  it('refuses bad input with a Chinese message and its field, writing nothing', async () => {
    const before = await n('gift_campaign');
    const cases: [Record<string, unknown>, string][] = [
      [{ endDate: '2026-02-01' }, 'endDate'],
      [{ productCode: 'GIG' }, 'productCode'],
      [{ eligibility: { agencyIds: ['no-such-agency'] } }, 'eligibility.agencyIds'],
    ];
    for (const [o, field] of cases) {
      const res = await admin.post('/api/v1/gift-campaigns', campaignBody(o));
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().details.field).toBe(field);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    for (const o of [{ budgetCount: 0 }, { startDate: '2026-02-30' }, { eligibility: { minAge: 50, maxAge: 30 } }]) {
      const res = await admin.post('/api/v1/gift-campaigns', campaignBody(o));
      expect(res.statusCode).toBe(400);
    }
    expect(await n('gift_campaign')).toBe(before);
  });

  it('agency staff read campaigns open to their agency and grant from rosters; they cannot create; unit agents 403', async () => {
    const agency = await ctx.as('agency_staff');
    const unit = await ctx.as('unit_agent');
    const other = await ctx.newAgency();
    const mine = await campaign({ eligibility: { agencyIds: [agency.user.agency_id] } });
    const theirs = await campaign({ eligibility: { agencyIds: [other.id] } });
    expect((await agency.get(`/api/v1/gift-campaigns/${mine.id}`)).statusCode).toBe(200);
    expect((await agency.get(`/api/v1/gift-campaigns/${theirs.id}`)).statusCode).toBe(404);
    const listed = (await agency.get('/api/v1/gift-campaigns?pageSize=100'))
      .json()
      .items.map((i: { id: string }) => i.id);
    expect(listed).toContain(mine.id);
    expect(listed).not.toContain(theirs.id);
    expect((await agency.post('/api/v1/gift-campaigns', campaignBody())).statusCode).toBe(403);
    expect((await agency.post(`/api/v1/gift-campaigns/${mine.id}/close`)).statusCode).toBe(403);
    expect((await unit.get('/api/v1/gift-campaigns')).statusCode).toBe(403);
  });
});

describe('claiming a gift in the member app', () => {
  it('a channel landing shows the gift; a claim is effective at once: policy from 00:00 China time tomorrow, certificate, audit', async () => {
    const c = await campaign({ name: '驿站骑手赠险', budgetCount: 5 });
    const station = await admin.post('/api/v1/channels', { name: '观音桥骑手驿站', kind: 'station' });
    const code = station.json().code as string;
    const landing = (await ctx.app.inject({ method: 'GET', url: `/api/v1/m/channels/${code}` })).json();
    expect(landing.gifts).toContainEqual({ campaignId: c.id, name: '驿站骑手赠险（某外卖平台）', remaining: 5 });

    const m = await worker();
    const res = await claim(m, c.id, { channelCode: code });
    expect(res.statusCode, res.body).toBe(201);
    const gift = res.json();
    expect(gift).toMatchObject({ status: 'effective', productCode: 'GIG_GIFT', feeFen: 0, channelCode: code });
    expect(gift.policy).toMatchObject({ productCode: 'GIG_GIFT', startDate: '2026-03-03', endDate: '2027-03-02' });
    expect((await m.get(`/api/v1/m/enrolments/${gift.id}`)).json()).toMatchObject({ status: 'effective' });
    const mine = (await m.get('/api/v1/m/me/policies')).json();
    expect(mine).toEqual([expect.objectContaining({ productCode: 'GIG_GIFT', startDate: '2026-03-03' })]);
    expect((await m.get(`/api/v1/m/me/policies/${gift.policy.id}/certificate`)).statusCode).toBe(200);
    expect((await admin.get(`/api/v1/gift-campaigns/${c.id}`)).json()).toMatchObject({ granted: 1, remaining: 4 });
    const grantAudit = await ctx.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'gift.grant')
      .where('object_id', '=', gift.id)
      .execute();
    expect(grantAudit).toHaveLength(1);
    expect(JSON.parse(grantAudit[0]!.after_json!)).toMatchObject({ campaignId: c.id, source: 'app' });
    const after = (await ctx.app.inject({ method: 'GET', url: `/api/v1/m/channels/${code}` })).json();
    expect(after.gifts.find((g: { campaignId: string }) => g.campaignId === c.id).remaining).toBe(4);

    // The channel report counts the gift.
    const report = (await admin.get('/api/v1/reports/channels?from=2026-03-01&to=2026-03-31')).json();
    expect(report.rows.find((r: { channelId: string }) => r.channelId === station.json().id).gifts).toBe(1);

    // Another member never sees it.
    const other = await worker();
    expect((await other.get(`/api/v1/m/enrolments/${gift.id}`)).statusCode).toBe(404);
  });

  it('a second gift of the same campaign is GIFT_ALREADY_CLAIMED; ten at once still make one', async () => {
    const c = await campaign({ budgetCount: 50 });
    const m = await worker();
    expect((await claim(m, c.id)).statusCode).toBe(201);
    const again = await claim(m, c.id);
    expect(again.statusCode).toBe(422);
    expect(again.json()).toMatchObject({
      code: 'GIFT_ALREADY_CLAIMED',
      message: expect.stringMatching(/每人限领一份/),
    });

    const racer = await worker();
    const all = await Promise.all(Array.from({ length: 10 }, () => claim(racer, c.id)));
    expect(all.filter((r) => r.statusCode === 201)).toHaveLength(1);
    for (const r of all.filter((x) => x.statusCode !== 201)) expect(r.json().code).toBe('GIFT_ALREADY_CLAIMED');
    expect(await n('gift_grant', ['member_id', racer.memberId])).toBe(1);
    expect(await n('policy', ['member_id', racer.memberId])).toBe(1);
    expect((await admin.get(`/api/v1/gift-campaigns/${c.id}`)).json().granted).toBe(2);
  });

  it('gifts of two campaigns, or a gift and a paid order, racing for one worker: one cover in the exclusive group', async () => {
    const a = await campaign({ name: '骑手关爱赠险甲' });
    const b = await campaign({ name: '骑手关爱赠险乙' });
    for (let round = 0; round < 3; round++) {
      const m = await worker();
      const both = await Promise.all([claim(m, a.id), claim(m, b.id)]);
      expect(both.map((r) => r.statusCode).sort()).toEqual([201, 422]);
      expect(await n('policy', ['member_id', m.memberId])).toBe(1);
      expect(await n('gift_grant', ['member_id', m.memberId])).toBe(1);
    }
    // A GIG order paid while a gift is claimed: one policy; the money of the order that lost is given back.
    for (let round = 0; round < 3; round++) {
      const m = await worker();
      const order = (await m.post('/api/v1/m/enrolments', { productCode: 'GIG' })).json();
      const [paid, gift] = await Promise.all([m.post(`/api/v1/m/payments/${order.id}/demo-pay`), claim(m, a.id)]);
      expect(paid.statusCode, paid.body).toBeLessThan(300);
      expect(await n('policy', ['member_id', m.memberId])).toBe(1);
      const status = (await m.get(`/api/v1/m/enrolments/${order.id}`)).json().status;
      if (gift.statusCode === 201) expect(status).not.toBe('effective');
      else expect([gift.json().code, status]).toEqual(['EXCLUSIVE_GROUP_CONFLICT', 'effective']);
    }
  });

  it('refuses workers outside the campaign conditions (kind, agency, age) and the covered — nothing written', async () => {
    const employeesOnly = await campaign({ eligibility: { employmentKinds: ['employee'] } });
    const otherAgency = await ctx.newAgency();
    const agencyOnly = await campaign({ eligibility: { agencyIds: [otherAgency.id] } });
    const young = await campaign({ eligibility: { maxAge: 30 } });
    const riders = await campaign({ eligibility: { gigKinds: ['courier'] } });
    const open = await campaign();
    const m = await worker('1980-01-01');
    const grantsBefore = await n('gift_grant');
    for (const id of [employeesOnly.id, agencyOnly.id, young.id, riders.id]) {
      const res = await claim(m, id);
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('GIFT_NOT_ELIGIBLE');
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await claim(m, young.id)).json().message).toMatch(/46 周岁/);
    // Outside the product's own age band.
    const old = await worker('1955-01-01');
    expect((await claim(old, open.id)).json().code).toBe('AGE_OUT_OF_RANGE');
    // Already covered by GIG (same exclusive group).
    const covered = await worker();
    const order = (await covered.post('/api/v1/m/enrolments', { productCode: 'GIG' })).json();
    await covered.post(`/api/v1/m/payments/${order.id}/demo-pay`);
    expect((await claim(covered, open.id)).json().code).toBe('EXCLUSIVE_GROUP_CONFLICT');
    expect(await n('gift_grant')).toBe(grantsBefore);
    expect((await admin.get(`/api/v1/gift-campaigns/${open.id}`)).json().granted).toBe(0);
    // An unknown campaign: 404; a gift product without a campaign: NOT_ELIGIBLE.
    expect((await claim(m, 'no-such-campaign')).statusCode).toBe(404);
    expect((await m.post('/api/v1/m/enrolments', { productCode: 'GIG_GIFT' })).json().code).toBe('NOT_ELIGIBLE');
  });

  it('a closed campaign, one not yet started and one ended answer GIFT_CAMPAIGN_CLOSED; an empty budget GIFT_EXHAUSTED', async () => {
    const m = await worker();
    const closed = await campaign();
    await admin.post(`/api/v1/gift-campaigns/${closed.id}/close`);
    const later = await campaign({ startDate: '2026-04-01' });
    const ended = await campaign({ startDate: '2026-01-01', endDate: '2026-02-28' });
    for (const id of [closed.id, later.id, ended.id]) {
      const res = await claim(m, id);
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('GIFT_CAMPAIGN_CLOSED');
    }
    expect((await claim(m, later.id)).json().message).toMatch(/2026-04-01/);
    const tiny = await campaign({ budgetCount: 1 });
    expect((await claim(m, tiny.id)).statusCode).toBe(201);
    const next = await worker();
    const out = await claim(next, tiny.id);
    expect(out.statusCode).toBe(422);
    expect(out.json()).toMatchObject({ code: 'GIFT_EXHAUSTED', message: '本期赠险名额已领完' });
    expect(await n('policy', ['member_id', next.memberId])).toBe(0);
    // The budget cannot be cut below what was granted.
    const cut = await admin.patch(`/api/v1/gift-campaigns/${tiny.id}`, { budgetCount: 1, name: '改名' });
    expect(cut.statusCode).toBe(200);
    const grown = await admin.patch(`/api/v1/gift-campaigns/${tiny.id}`, { budgetCount: 2 });
    expect(grown.json().remaining).toBe(1);
    const shrink = await admin.patch(`/api/v1/gift-campaigns/${tiny.id}`, { budgetCount: 1 });
    expect(shrink.statusCode).toBe(200);
    expect((await claim(next, tiny.id)).json().code).toBe('GIFT_EXHAUSTED');
  });

  it('50 workers claim a 10-gift campaign at once: exactly 10 gifts, 10 policies, 10 audit rows, 40 GIFT_EXHAUSTED', async () => {
    const c = await campaign({ budgetCount: 10 });
    const workers = [];
    for (let i = 0; i < 50; i++) workers.push(await worker());
    const auditsBefore = await audits('gift.grant');
    const answers = await Promise.all(workers.map((w) => claim(w, c.id)));
    const codes = answers.map((a) => (a.statusCode === 201 ? 'ok' : a.json().code));
    expect(codes.filter((x) => x === 'ok')).toHaveLength(10);
    expect(codes.filter((x) => x === 'GIFT_EXHAUSTED')).toHaveLength(40);
    expect(await n('gift_grant', ['campaign_id', c.id])).toBe(10);
    const row = await ctx.handle.db
      .selectFrom('gift_campaign')
      .select(['granted_count'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row.granted_count).toBe(10);
    const policies = await ctx.handle.db
      .selectFrom('policy')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(
        'member_id',
        'in',
        workers.map((w) => w.memberId),
      )
      .executeTakeFirstOrThrow();
    expect(Number(policies.n)).toBe(10);
    expect((await audits('gift.grant')) - auditsBefore).toBe(10);
  }, 120_000);
});

describe('granting gifts from a roster', () => {
  const upload = async (agent: Agent, id: string, rows: (string | number | null)[][], fields = {}) => {
    const body = multipartBody(
      { name: '骑手名单.xlsx', content: await xlsxOf([['姓名', '身份证号', '手机号', '职业'], ...rows]) },
      fields,
    );
    return agent.inject({
      method: 'POST',
      url: `/api/v1/gift-campaigns/${id}/grants`,
      payload: body.payload,
      headers: body.headers,
    });
  };

  it('grants each valid row (new and known workers), reports every refused row with its row, column and code', async () => {
    const c = await campaign({ budgetCount: 3, eligibility: { maxAge: 60 } });
    const known = await ctx.newMember({ name: '已登记', unit_id: null });
    const newId1 = makeIdNumber('1991-01-01');
    const res = await upload(admin, c.id, [
      ['王骑手', newId1, '13911112222', '外卖骑手'],
      ['李快递', makeIdNumber('1992-02-02'), '', '快递员'],
      ['王骑手', newId1, '', ''],
      ['坏号码', '500105199001011230', '', ''],
      ['老师傅', makeIdNumber('1962-01-01'), '', ''],
      [known.name, known.idNumber, '', ''],
      ['赵四', makeIdNumber('1993-03-03'), '', ''],
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ campaignId: c.id, totalRows: 7, granted: 3, refused: 4, remaining: 0 });
    expect(r.issues.map((i: { row: number; code: string }) => [i.row, i.code])).toEqual([
      [4, 'DUPLICATE_IN_FILE'],
      [5, 'ID_CHECKSUM_INVALID'],
      [6, 'GIFT_NOT_ELIGIBLE'],
      [8, 'GIFT_EXHAUSTED'],
    ]);
    for (const i of r.issues) expect(i.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await n('gift_grant', ['campaign_id', c.id])).toBe(3);
    expect(await n('gift_grant', ['member_id', known.id])).toBe(1);
    const made = await ctx.handle.db
      .selectFrom('member')
      .select(['employment_kind', 'gig_kind', 'mobile'])
      .where('name', '=', '王骑手')
      .executeTakeFirstOrThrow();
    expect(made).toEqual({ employment_kind: 'gig', gig_kind: 'rider', mobile: '13911112222' });
    expect(await audits('gift_campaign.roster_grant')).toBeGreaterThanOrEqual(1);
    // The same roster again: each worker already holds the gift.
    const again = await upload(admin, c.id, [['王骑手', newId1, '', '']]);
    expect(again.json().issues[0].code).toBe('GIFT_ALREADY_CLAIMED');
  });

  it('agency staff grant as their agency; a closed campaign or an unreadable file changes nothing', async () => {
    const agency = await ctx.as('agency_staff');
    const c = await campaign({ eligibility: { agencyIds: [agency.user.agency_id] } });
    const ok = await upload(agency, c.id, [['钱五', makeIdNumber('1994-04-04'), '', '']]);
    expect(ok.json()).toMatchObject({ granted: 1 });
    const grant = await ctx.handle.db
      .selectFrom('gift_grant')
      .selectAll()
      .where('campaign_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(grant).toMatchObject({ agency_id: agency.user.agency_id, source: 'roster', granted_by: agency.user.id });
    // The office grants for an agency-bound campaign only by naming the agency.
    const officeNoAgency = await upload(admin, c.id, [['孙六', makeIdNumber('1995-05-05'), '', '']]);
    expect(officeNoAgency.json().issues[0].code).toBe('GIFT_NOT_ELIGIBLE');
    const officeNamed = await upload(admin, c.id, [['孙六', makeIdNumber('1995-05-06'), '', '']], {
      agencyId: agency.user.agency_id,
    });
    expect(officeNamed.json().granted).toBe(1);

    const before = await n('gift_grant');
    const bad = multipartBody({ name: 'x.xlsx', content: Buffer.from('not a spreadsheet at all') });
    const unreadable = await admin.inject({
      method: 'POST',
      url: `/api/v1/gift-campaigns/${c.id}/grants`,
      payload: bad.payload,
      headers: bad.headers,
    });
    expect(unreadable.statusCode).toBe(400);
    expect(unreadable.json().code).toBe('FILE_UNREADABLE');
    const noColumn = multipartBody({
      name: 'x.xlsx',
      content: await xlsxOf([
        ['姓名', '电话'],
        ['周七', '1'],
      ]),
    });
    const missing = await admin.inject({
      method: 'POST',
      url: `/api/v1/gift-campaigns/${c.id}/grants`,
      payload: noColumn.payload,
      headers: noColumn.headers,
    });
    expect(missing.statusCode).toBe(400);
    await admin.post(`/api/v1/gift-campaigns/${c.id}/close`);
    const closed = await upload(admin, c.id, [['吴八', makeIdNumber('1996-06-06'), '', '']]);
    expect(closed.statusCode).toBe(422);
    expect(closed.json().code).toBe('GIFT_CAMPAIGN_CLOSED');
    expect(await n('gift_grant')).toBe(before);
  });

  it('the template downloads as xlsx', async () => {
    const res = await admin.get('/api/v1/gift-campaigns/grant-template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('a roster grant past the import time limit', () => {
  it('stops, reports the row it stopped at, and keeps every row granted before it whole', async () => {
    const slow = await createTestContext({ now: NOW, config: { importTimeoutMs: 1 } });
    try {
      const a = await slow.as('office_admin');
      const c = (await a.post('/api/v1/gift-campaigns', { ...campaignBody(), budgetCount: 10 })).json() as {
        id: string;
      };
      const rows = Array.from({ length: 5 }, (_, i) => [`孙${'一二三四五'[i]}`, makeIdNumber(`199${i}-01-01`)]);
      const body = multipartBody({ name: 'r.xlsx', content: await xlsxOf([['姓名', '身份证号'], ...rows]) });
      await new Promise((r) => setTimeout(r, 5));
      const res = await a.inject({
        method: 'POST',
        url: `/api/v1/gift-campaigns/${c.id}/grants`,
        payload: body.payload,
        headers: body.headers,
      });
      expect(res.statusCode, res.body).toBe(201);
      const r = res.json();
      expect(r.issues.at(-1)).toMatchObject({ code: 'IMPORT_CANCELLED', message: expect.stringMatching(/再次上传/) });
      const grants = await slow.handle.db
        .selectFrom('gift_grant')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('campaign_id', '=', c.id)
        .executeTakeFirstOrThrow();
      expect(Number(grants.n)).toBe(r.granted);
    } finally {
      await slow.close();
    }
  });
});

describe('a roster grant whose client hangs up', () => {
  it('stops between rows: every gift granted is whole, the rest are not granted, the stop is audited', async () => {
    const c = await campaign({ name: '挂断测试赠险', budgetCount: 3_000 });
    const ROWS = 1_500;
    const content = csvOf([
      ['姓名', '身份证号'],
      ...Array.from({ length: ROWS }, (_, i) => [
        `挂断${i}`,
        makeIdNumber(`19${70 + (i % 30)}-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`),
      ]),
    ]);
    const body = multipartBody({ name: 'roster.csv', content });
    const tmp = path.join(ctx.deps.config.dataDir, 'tmp');
    const tmpFiles = () => (fs.existsSync(tmp) ? fs.readdirSync(tmp) : []);
    const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    await uploadThenHangUp({
      address,
      path: `/api/v1/gift-campaigns/${c.id}/grants`,
      body,
      size: Buffer.byteLength(content),
      tmpDir: tmp,
      agent: admin,
    });
    await expect.poll(() => tmpFiles().length, { timeout: 60_000 }).toBe(0);
    const granted = await n('gift_grant', ['campaign_id', c.id]);
    expect(granted).toBeLessThan(ROWS);
    // Stopped, not still running: the count stays where it is.
    await new Promise((r) => setTimeout(r, 500));
    expect(await n('gift_grant', ['campaign_id', c.id])).toBe(granted);
    const policies = await ctx.handle.db
      .selectFrom('gift_grant')
      .innerJoin('policy', 'policy.id', 'gift_grant.policy_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('gift_grant.campaign_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(Number(policies.n)).toBe(granted);
    expect((await admin.get(`/api/v1/gift-campaigns/${c.id}`)).json().granted).toBe(granted);
    const entry = await ctx.handle.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'gift_campaign.roster_grant')
      .where('object_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.after_json!)).toMatchObject({ granted, stoppedBy: 'client-gone' });
  }, 120_000);
});
