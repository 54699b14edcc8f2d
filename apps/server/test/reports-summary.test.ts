import { addDays } from '@huzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildReportSummaries } from '../src/services/report-summary.service.ts';
import { expectOk } from './helpers/claims-factory.ts';
import { expectReportsEqualPlain, summaryTableLines } from './helpers/report-flows.ts';
import { buildRandomWorld, useChineseCollation } from './helpers/report-random.ts';
import { buildReportWorld, type ReportWorld } from './helpers/report-world.ts';
import { type Agent, createTestContext, type TestContext } from './helpers/test-context.ts';

let ctx: TestContext;
let world: ReportWorld;
let admin: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  world = await buildReportWorld(ctx);
  admin = await ctx.login(world.users.admin);
});
afterAll(() => ctx.close());

const summaryOf = async (agent: Agent, asOf?: string) =>
  expectOk(await agent.get(`/api/v1/reports/summary${asOf ? `?asOf=${asOf}` : ''}`));
const none = { count: 0, amountFen: 0 };
const paidClaim = { count: 1, amountFen: 255_000 };

describe('GET /reports/summary: known answers', () => {
  it('the hand-built claim was paid on 2026-03-02 China time', () => {
    expect(world.claim).toMatchObject({
      paid_at: '2026-03-01T17:00:00.000Z',
      approved_amount_fen: 255_000,
      agency_id: world.agencyB.id,
    });
  });

  it.each([
    // Before anything.
    [
      '2024-12-31',
      { unitsEver: 0, membersEver: 0, activeUnits: 0, activeMembers: 0, shares: 0, contributionsFen: 0 },
      none,
    ],
    // First day: the continuous member's first term and the lapsed unit's member.
    [
      '2025-01-01',
      { unitsEver: 2, membersEver: 2, activeUnits: 2, activeMembers: 2, shares: 2, contributionsFen: 12_000 },
      none,
    ],
    // Last day of the 2025 terms: + the mover (CI_A in a1) and the claimant (MED in the claims unit).
    [
      '2025-12-31',
      { unitsEver: 3, membersEver: 4, activeUnits: 3, activeMembers: 4, shares: 4, contributionsFen: 28_000 },
      none,
    ],
    // The day after: the renewal (2 shares) carries on, counted once; the lapsed unit drops out; the woman starts.
    [
      '2026-01-01',
      { unitsEver: 3, membersEver: 5, activeUnits: 2, activeMembers: 4, shares: 6, contributionsFen: 37_600 },
      none,
    ],
    // The mover holds CI_A through a1 (agency A) and ALW through b1 (agency B): one member office-wide.
    [
      '2026-02-15',
      { unitsEver: 5, membersEver: 7, activeUnits: 4, activeMembers: 6, shares: 9, contributionsFen: 52_600 },
      none,
    ],
    // The day before the claim's payment day (it was paid at 01:00 on 2026-03-02 in China).
    [
      '2026-03-01',
      { unitsEver: 5, membersEver: 7, activeUnits: 4, activeMembers: 6, shares: 8, contributionsFen: 46_600 },
      none,
    ],
    [
      '2026-03-02',
      { unitsEver: 5, membersEver: 7, activeUnits: 4, activeMembers: 6, shares: 8, contributionsFen: 46_600 },
      paidClaim,
    ],
    // The workflow batch's two policies (1 + 2 shares) start.
    [
      '2026-04-01',
      { unitsEver: 6, membersEver: 9, activeUnits: 5, activeMembers: 8, shares: 11, contributionsFen: 64_600 },
      paidClaim,
    ],
  ])('on %s', async (asOf, figures, claimsPaid) => {
    expect(await summaryOf(admin, asOf)).toEqual({
      asOf,
      ...figures,
      claimsPaid,
      reliefPaid: none,
    });
  });

  it('asOf defaults to today in China (already 2026-03-02 at 17:30 UTC on 2026-03-01)', async () => {
    expect(await summaryOf(admin)).toMatchObject({ asOf: '2026-03-02', activeMembers: 6, claimsPaid: paidClaim });
    ctx.clock.set('2026-03-01T17:30:00.000Z');
    try {
      const early = await ctx.login(world.users.admin);
      expect(await summaryOf(early)).toMatchObject({ asOf: '2026-03-02', claimsPaid: paidClaim });
      ctx.clock.set('2026-03-01T15:30:00.000Z');
      const late = await ctx.login(world.users.admin);
      expect(await summaryOf(late)).toMatchObject({ asOf: '2026-03-01', claimsPaid: none });
    } finally {
      ctx.clock.set('2026-03-02T02:00:00.000Z');
    }
  });
});

describe('report scope', () => {
  it('agency staff get their own agency: the summary is its figures, another agency is not found', async () => {
    const staffA = await ctx.as('agency_staff', { agency_id: world.agencyA.id });
    // On 2026-03-02 agency A holds the continuous member (2 shares), the woman (CI_A + FEM) and a2's member; the
    // mover's CI_A ended on 2026-02-28 and the paid claim belongs to agency B.
    expect(await summaryOf(staffA, '2026-03-02')).toEqual({
      asOf: '2026-03-02',
      unitsEver: 3,
      membersEver: 5,
      activeUnits: 2,
      activeMembers: 3,
      shares: 5,
      contributionsFen: 27_600,
      claimsPaid: none,
      reliefPaid: none,
    });
    const staffB = await ctx.as('agency_staff', { agency_id: world.agencyB.id });
    expect(await summaryOf(staffB, '2026-03-02')).toMatchObject({ activeMembers: 2, claimsPaid: paidClaim });
    const other = await staffA.get(`/api/v1/reports/enrolment-structure?agencyId=${world.agencyB.id}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('NOT_FOUND');
    const own = expectOk(await staffA.get(`/api/v1/reports/enrolment-structure?asOf=2026-03-02`));
    expect(own.agencyId).toBe(world.agencyA.id);
    expect(new Set(own.rows.map((r: { agencyId: string }) => r.agencyId))).toEqual(new Set([world.agencyA.id]));
    expect(own.notEnrolled.every((u: { agencyId: string }) => u.agencyId === world.agencyA.id)).toBe(true);
  });

  it('unit agents and members may not read reports (403)', async () => {
    const unitAgent = await ctx.as('unit_agent', { unit_id: world.units.a1.id });
    const member = await ctx.as('member', { member_id: world.members.woman.id });
    for (const agent of [unitAgent, member])
      for (const url of ['/api/v1/reports/summary', '/api/v1/reports/enrolment-structure']) {
        const res = await agent.get(url);
        expect(res.statusCode, `${agent.user.role} ${url}`).toBe(403);
        expect(res.json().code).toBe('FORBIDDEN');
      }
  });

  it("another office's admin sees none of this office's figures", async () => {
    const otherOffice = await ctx.newOffice();
    const stranger = await ctx.as('office_admin', { office_id: otherOffice.id });
    expect(await summaryOf(stranger, '2026-03-02')).toEqual({
      asOf: '2026-03-02',
      unitsEver: 0,
      membersEver: 0,
      activeUnits: 0,
      activeMembers: 0,
      shares: 0,
      contributionsFen: 0,
      claimsPaid: none,
      reliefPaid: none,
    });
    const structure = expectOk(await stranger.get('/api/v1/reports/enrolment-structure?asOf=2026-03-02'));
    expect(structure.rows).toEqual([]);
    expect(structure.notEnrolledTotal).toBe(0);
    expect(structure.total).toMatchObject({ knownUnits: 0, members: 0, shares: 0, contributionsFen: 0 });
    const named = await stranger.get(`/api/v1/reports/enrolment-structure?agencyId=${world.agencyA.id}`);
    expect(named.statusCode).toBe(404);
  });

  it('no session: 401', async () => {
    for (const url of ['/api/v1/reports/summary', '/api/v1/reports/enrolment-structure?format=xlsx']) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
    }
  });
});

describe('bad input', () => {
  it.each([
    ['/api/v1/reports/summary?asOf=2026-02-30', 'asOf'],
    ['/api/v1/reports/summary?asOf=abc', 'asOf'],
    ['/api/v1/reports/enrolment-structure?asOf=2026-02-30', 'asOf'],
    ['/api/v1/reports/enrolment-structure?notEnrolledLimit=-1', 'notEnrolledLimit'],
    ['/api/v1/reports/enrolment-structure?notEnrolledLimit=99999', 'notEnrolledLimit'],
    ['/api/v1/reports/enrolment-structure?notEnrolledLimit=ten', 'notEnrolledLimit'],
    ['/api/v1/reports/enrolment-structure?format=pdf', 'format'],
  ])('%s is refused with the validation error body', async (url, field) => {
    const res = await admin.get(url);
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.message).toMatch(/[\u4e00-\u9fff]/);
    expect(JSON.stringify(body.details ?? body)).toContain(field);
  });

  it('an agency id that looks like SQL is simply not found, and the tables are intact', async () => {
    for (const agencyId of ["' OR '1'='1", "x'; DROP TABLE unit; --", '1) OR (1=1']) {
      const res = await admin.get(`/api/v1/reports/enrolment-structure?agencyId=${encodeURIComponent(agencyId)}`);
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    }
    expect(expectOk(await admin.get('/api/v1/reports/enrolment-structure?asOf=2026-03-02')).total.knownUnits).toBe(8);
  });
});

describe('the hand-built office equals the plain recomputation', () => {
  it.each(['2024-12-31', '2025-01-01', '2025-12-31', '2026-01-01', '2026-02-15', '2026-03-02', '2026-04-01'])(
    'on %s',
    async (asOf) => {
      const staff = new Map<string, Agent>();
      for (const a of [world.agencyA, world.agencyB])
        staff.set(a.id, await ctx.as('agency_staff', { agency_id: a.id }));
      await expectReportsEqualPlain(ctx, admin, asOf, [world.agencyA.id, world.agencyB.id], staff);
    },
  );
});

describe('summaries kept under random writes', () => {
  let rctx: TestContext;
  let random: Awaited<ReturnType<typeof buildRandomWorld>>;
  beforeAll(async () => {
    rctx = await createTestContext({ now: '2026-06-30T04:00:00.000Z' });
    await useChineseCollation(rctx);
    random = await buildRandomWorld(rctx, 20_260_630);
  });
  afterAll(() => rctx.close());

  it('every 10 writes the reports equal the plain recomputation; a rebuild gives the same summaries', async () => {
    const { writes, agents, agencies, agencyStaff, rnd } = random;
    const agencyIds = agencies.map((a) => a.id);
    const log: string[] = [];
    for (const [i, write] of writes.entries()) {
      log.push(await write());
      if ((i + 1) % 10 !== 0) continue;
      const someDay = addDays('2025-01-01', rnd.int(0, 1_094));
      for (const asOf of ['2025-01-01', '2025-12-31', '2026-06-30', '2026-07-01', someDay])
        await expectReportsEqualPlain(rctx, agents.admin, asOf, agencyIds, agencyStaff).catch((e: Error) => {
          e.message = `after ${i + 1} writes (${log.join('; ')}), asOf ${asOf}: ${e.message}`;
          throw e;
        });
    }
    expect(log.filter((l) => l.startsWith('claim paid'))).toHaveLength(4);
    const kept = await summaryTableLines(rctx);
    await rebuildReportSummaries(rctx.handle, rctx.office.id);
    const rebuilt = await summaryTableLines(rctx);
    for (const table of Object.keys(kept)) expect(rebuilt[table], table).toEqual(kept[table]);
    expect(kept.cov_policy_delta!.length).toBeGreaterThan(50);
    await expectReportsEqualPlain(rctx, agents.admin, '2026-06-30', agencyIds, agencyStaff);
  });
});
