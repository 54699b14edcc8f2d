import { assembleCampaign, type Campaign, type CampaignReport, campaignColumns, unitOutcomes } from '@huzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyRow } from '../src/db/tables.ts';
import { reportRepository } from '../src/repositories/report.repository.ts';
import { plainCampaignRepository } from '../src/repositories/report-plain-campaign.repository.ts';
import { withCoverageOf } from '../src/services/report-summary.service.ts';
import { newPolicy } from './helpers/claims-factory.ts';
import { expectedCells } from './helpers/report-cells.ts';
import { readWorkbook, seededRandom } from './helpers/report-flows.ts';
import { type Agent, createTestContext, type TestContext } from './helpers/test-context.ts';

const fee = (...policies: PolicyRow[]) => policies.reduce((n, p) => n + Number(p.fee_fen), 0);

describe('campaign report (扩面提质专项行动)', () => {
  let ctx: TestContext;
  let admin: Agent;
  let agencyA: { id: string };
  let agencyB: { id: string };
  let agencyC: { id: string };
  const expected = { newFee: 0, sharesGain: 0, productsGain: 0, periodFee: 0 };

  beforeAll(async () => {
    ctx = await createTestContext({ now: '2026-06-30T04:00:00.000Z' });
    admin = await ctx.as('office_admin');
    agencyA = await ctx.newAgency({ name: '甲区代办处' });
    agencyB = await ctx.newAgency({ name: '乙区代办处' });
    agencyC = await ctx.newAgency({ name: '丙区代办处' });
    const inUnit = async (unitId: string, agencyId: string) => {
      const m = await ctx.newMember({ unit_id: unitId });
      return (productCode: string, startDate: string, shares = 1, continuous = false) =>
        newPolicy(ctx, { memberId: m.id, productCode, startDate, shares, unitId, agencyId, continuous });
    };
    // New: first ever term in the period.
    const uNew = await ctx.newUnit({ agency_id: agencyA.id, name: '新入会单位' });
    const n1 = await (await inUnit(uNew.id, agencyA.id))('CI_A', '2026-03-01');
    const n2 = await (await inUnit(uNew.id, agencyA.id))('CI_A', '2026-03-01', 2);
    // Upgraded by shares: 1 share each → 2 shares each, same members.
    const uShares = await ctx.newUnit({ agency_id: agencyA.id, name: '加份单位' });
    const s1 = await inUnit(uShares.id, agencyA.id);
    const s2 = await inUnit(uShares.id, agencyA.id);
    const sOld = [await s1('CI_A', '2025-01-01'), await s2('CI_A', '2025-01-01')];
    const sNew = [await s1('CI_A', '2026-01-01', 2, true), await s2('CI_A', '2026-01-01', 2, true)];
    // Upgraded by products: CI_A → CI_A + ALW (both twelve months: one term), and one more member.
    const uProducts = await ctx.newUnit({ agency_id: agencyB.id, name: '加险种单位' });
    const p1 = await inUnit(uProducts.id, agencyB.id);
    const p2 = await inUnit(uProducts.id, agencyB.id);
    const pOld = [await p1('CI_A', '2025-01-01')];
    const pNew = [
      await p1('CI_A', '2026-01-01', 1, true),
      await p1('ALW', '2026-01-01'),
      await p2('CI_A', '2026-01-01'),
    ];
    // Renewed unchanged: in the period's totals, not improved.
    const uSame = await ctx.newUnit({ agency_id: agencyB.id, name: '原样续保单位' });
    const r1 = await inUnit(uSame.id, agencyB.id);
    await r1('CI_A', '2025-01-01');
    const rNew = await r1('CI_A', '2026-01-01', 1, true);
    // Lapsed in 2025, back in the period as before: compared with its 2024 term, so neither new nor upgraded.
    const uLapsed = await ctx.newUnit({ agency_id: agencyA.id, name: '断保回归单位' });
    const l1 = await inUnit(uLapsed.id, agencyA.id);
    await l1('CI_A', '2024-01-01');
    const lNew = await l1('CI_A', '2026-04-01');
    // Out of the campaign's scope (agency C) and out of its period.
    const uOther = await ctx.newUnit({ agency_id: agencyC.id, name: '范围外单位' });
    await (await inUnit(uOther.id, agencyC.id))('CI_A', '2026-02-01');
    const uLate = await ctx.newUnit({ agency_id: agencyA.id, name: '期后入会单位' });
    await (await inUnit(uLate.id, agencyA.id))('CI_A', '2026-07-01');
    // A member without a unit (individual channel) is no unit's term.
    const gig = await ctx.newMember({ unit_id: null, employment_kind: 'gig' });
    await newPolicy(ctx, { memberId: gig.id, productCode: 'GIG', startDate: '2026-02-01', agencyId: agencyA.id });

    expected.newFee = fee(n1, n2);
    expected.sharesGain = fee(...sNew) - fee(...sOld);
    expected.productsGain = fee(...pNew) - fee(...pOld);
    expected.periodFee = fee(n1, n2, ...sNew, ...pNew, rNew, lNew);
  });
  afterAll(() => ctx.close());

  const create = (agent: Agent, body: Record<string, unknown>) => agent.post('/api/v1/reports/campaigns', body);
  const valid = () => ({
    name: `2026年上半年扩面提质专项行动`,
    startDate: '2026-01-01',
    endDate: '2026-06-30',
    agencyIds: [agencyA.id, agencyB.id],
    targets: { units: 6, members: 4, contributionsFen: 1_000_000 },
  });
  let campaign: Campaign;

  it('creates a campaign (office admin only), audited', async () => {
    const res = await create(admin, valid());
    expect(res.statusCode, res.body).toBe(201);
    campaign = res.json();
    expect(campaign).toMatchObject({ ...valid(), id: expect.any(String) });
    const audit = await ctx.handle.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('object_id', '=', campaign.id)
      .execute();
    expect(audit).toEqual([{ action: 'campaign.create', actor_id: admin.user.id }]);
    for (const role of ['office_reviewer', 'agency_staff', 'unit_agent'] as const) {
      const r = await create(await ctx.as(role), { ...valid(), name: `其他${role}` });
      expect(r.statusCode, role).toBe(403);
    }
  });

  it('refuses bad definitions with Chinese messages and stores nothing', async () => {
    const before = await ctx.handle.db.selectFrom('campaign').select('id').execute();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...valid(), name: '倒置', endDate: '2025-12-31' }, 400, '结束日期不能早于开始日期'],
      [{ ...valid(), name: '未知代办处', agencyIds: ['no-such-agency'] }, 422, '代办处不存在'],
      [{ ...valid(), name: '负目标', targets: { units: -1, members: 0, contributionsFen: 0 } }, 400, '不能为负数'],
      [valid(), 409, '同名'],
      [{ ...valid(), name: '坏日期', startDate: '2026-02-30' }, 400, '日期'],
    ];
    for (const [body, status, message] of cases) {
      const res = await create(admin, body);
      expect(res.statusCode, res.body).toBe(status);
      expect(JSON.stringify(res.json()), res.body).toContain(message);
    }
    expect(await ctx.handle.db.selectFrom('campaign').select('id').execute()).toEqual(before);
  });

  it('updates name, dates and targets (audited with before and after); a clash of names is refused', async () => {
    const other = (await create(admin, { ...valid(), name: '另一行动', agencyIds: [] })).json() as Campaign;
    expect((await admin.patch(`/api/v1/reports/campaigns/${other.id}`, { name: campaign.name })).statusCode).toBe(409);
    expect((await admin.patch(`/api/v1/reports/campaigns/${other.id}`, { endDate: '2025-01-01' })).statusCode).toBe(
      400,
    );
    const res = await admin.patch(`/api/v1/reports/campaigns/${other.id}`, {
      name: '另一行动（调整）',
      targets: { units: 10 },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: '另一行动（调整）',
      targets: { units: 10, members: 4, contributionsFen: 1_000_000 },
    });
    const audit = await ctx.handle.db
      .selectFrom('audit_log')
      .select(['before_json', 'after_json'])
      .where('object_id', '=', other.id)
      .where('action', '=', 'campaign.update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json!).name).toBe('另一行动');
    expect(JSON.parse(audit.after_json!).name).toBe('另一行动（调整）');
    const reviewer = await ctx.as('office_reviewer');
    expect((await reviewer.patch(`/api/v1/reports/campaigns/${other.id}`, { name: 'x' })).statusCode).toBe(403);
    const list = (await reviewer.get('/api/v1/reports/campaigns')).json().items as Campaign[];
    expect(list.map((c) => c.id).sort()).toEqual([campaign.id, other.id].sort());
    expect((await reviewer.get(`/api/v1/reports/campaigns/${other.id}`)).json().name).toBe('另一行动（调整）');
  });

  it('gives the known answers of the hand-built set', async () => {
    const res = await admin.get(`/api/v1/reports/campaigns/${campaign.id}/report`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as CampaignReport;
    expect(report.rows.map((r) => r.agencyName)).toEqual(
      ['甲区代办处', '乙区代办处'].sort((a, b) => a.localeCompare(b, 'zh-CN')),
    );
    const a = report.rows.find((r) => r.agencyId === agencyA.id)!;
    const b = report.rows.find((r) => r.agencyId === agencyB.id)!;
    expect(a).toMatchObject({
      unitsNew: 1,
      unitsUpgraded: 1,
      unitsImproved: 2,
      membersAdded: 2,
      contributionsAddedFen: expected.newFee + expected.sharesGain,
      periodUnits: 3,
      periodMembers: 5,
    });
    expect(b).toMatchObject({
      unitsNew: 0,
      unitsUpgraded: 1,
      unitsImproved: 1,
      membersAdded: 1,
      contributionsAddedFen: expected.productsGain,
      periodUnits: 2,
      periodMembers: 3,
    });
    expect(report.total).toMatchObject({
      unitsImproved: 3,
      membersAdded: 3,
      periodUnits: 5,
      periodMembers: 8,
      periodContributionsFen: expected.periodFee,
      unitsShare: 3 / 5,
      membersShare: 3 / 8,
      unitsProgress: 3 / 6,
      membersProgress: 3 / 4,
    });
    expect(report.total.contributionsShare).toBeCloseTo(report.total.contributionsAddedFen / expected.periodFee, 12);
  });

  it('scopes: agency staff see their own row, other agencies 404, unit agents 403', async () => {
    const staffA = await ctx.as('agency_staff', { agency_id: agencyA.id });
    const res = await staffA.get(`/api/v1/reports/campaigns/${campaign.id}/report`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as CampaignReport;
    expect(report.agencyId).toBe(agencyA.id);
    expect(report.rows.map((r) => r.agencyId)).toEqual([agencyA.id]);
    expect(report.total.unitsImproved).toBe(2);
    const staffC = await ctx.as('agency_staff', { agency_id: agencyC.id });
    expect((await staffC.get(`/api/v1/reports/campaigns/${campaign.id}/report`)).statusCode).toBe(404);
    expect((await staffC.get(`/api/v1/reports/campaigns/${campaign.id}`)).statusCode).toBe(404);
    expect(((await staffC.get('/api/v1/reports/campaigns')).json().items as Campaign[]).map((c) => c.name)).toEqual([
      '另一行动（调整）',
    ]);
    const agent = await ctx.as('unit_agent');
    expect((await agent.get(`/api/v1/reports/campaigns/${campaign.id}/report`)).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/reports/campaigns' })).statusCode).toBe(401);
  });

  it('exports the same table to xlsx, Chinese headers', async () => {
    const json = (await admin.get(`/api/v1/reports/campaigns/${campaign.id}/report`)).json() as CampaignReport;
    const res = await admin.get(`/api/v1/reports/campaigns/${campaign.id}/report?format=xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const sheets = await readWorkbook(res.rawPayload);
    expect(sheets.get('专项行动')).toEqual(expectedCells(campaignColumns, [...json.rows, json.total]));
  });

  it('equals the plain recomputation after a random sequence of writes', async () => {
    const rnd = seededRandom(20260630);
    const agencies = [agencyA.id, agencyB.id, agencyC.id];
    const units = await Promise.all(
      Array.from({ length: 5 }, (_, i) => ctx.newUnit({ agency_id: agencies[i % 3]!, name: `随机单位${i}` })),
    );
    const members = await Promise.all(
      Array.from({ length: 10 }, (_, i) => ctx.newMember({ unit_id: units[i % 5]!.id })),
    );
    const written: PolicyRow[] = [];
    for (let step = 0; step < 40; step += 1) {
      const op = rnd.int(0, 9);
      if (op < 7 || written.length === 0) {
        const m = rnd.pick(members);
        const unit = units.find((u) => u.id === m.unit_id)!;
        const startDate = rnd.pick([
          '2024-01-01',
          '2025-01-01',
          '2025-07-01',
          '2026-01-01',
          '2026-03-01',
          '2026-05-15',
        ]);
        const clash = written.some(
          (p) =>
            p.member_id === m.id && p.product_code === 'CI_A' && p.state !== 'cancelled' && !(p.end_date < startDate),
        );
        if (clash) continue;
        written.push(
          await newPolicy(ctx, {
            memberId: m.id,
            productCode: 'CI_A',
            startDate,
            shares: rnd.int(1, 3),
            unitId: unit.id,
            agencyId: unit.agency_id,
          }),
        );
      } else if (op < 9) {
        const p = rnd.pick(written);
        await withCoverageOf(ctx.handle.db, ctx.office.id, [p.member_id], () =>
          ctx.handle.db.updateTable('policy').set({ state: 'cancelled' }).where('id', '=', p.id).execute(),
        );
        p.state = 'cancelled';
      } else {
        // A unit moves to another agency: its terms now count there.
        const u = rnd.pick(units);
        const to = rnd.pick(agencies);
        await ctx.handle.db.updateTable('unit').set({ agency_id: to }).where('id', '=', u.id).execute();
        u.agency_id = to;
      }
    }
    const names = await reportRepository.agencyNames(ctx.handle.db, ctx.office.id);
    for (const [startDate, endDate] of [
      ['2026-01-01', '2026-06-30'],
      ['2025-01-01', '2025-12-31'],
      ['2025-07-01', '2026-03-01'],
    ] as const) {
      const c = (
        await create(admin, { ...valid(), name: `随机对照${startDate}${endDate}`, startDate, endDate, agencyIds: [] })
      ).json() as Campaign;
      const api = (await admin.get(`/api/v1/reports/campaigns/${c.id}/report`)).json() as CampaignReport;
      const plainTerms = await plainCampaignRepository.unitTerms(ctx.handle.db, ctx.office.id, endDate, agencies);
      const plain = assembleCampaign(c, unitOutcomes(plainTerms, startDate, endDate), {
        agencyIds: [...names.keys()].filter((k) => k !== ''),
        agencyNames: names,
      });
      expect(api.rows, startDate).toEqual(plain.rows);
      expect(api.total, startDate).toEqual(plain.total);
    }
  });
});
