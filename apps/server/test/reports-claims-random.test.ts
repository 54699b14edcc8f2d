import { addDays, assembleClaimsOps, assembleFundHealth, chinaDate } from '@huzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportRepository } from '../src/repositories/report.repository.ts';
import { claimsReportRepository } from '../src/repositories/report-claims.repository.ts';
import { plainClaimsReportRepository } from '../src/repositories/report-plain-claims.repository.ts';
import { plainFundReportRepository } from '../src/repositories/report-plain-fund.repository.ts';
import { rebuildReportSummaries } from '../src/services/report-summary.service.ts';
import { expectOk, inpatientClaim, newPolicy, uploadSlots } from './helpers/claims-factory.ts';
import { seededRandom } from './helpers/report-flows.ts';
import type { Agent, TestContext } from './helpers/test-context.ts';
import { createTestContext } from './helpers/test-context.ts';

/**
 * A random sequence of claim writes through the real endpoints (file, accept, return, resubmit, approve, reject,
 * pay, fail a transfer) and policy writes, with the clock moving on; then both reports, over several periods and
 * scopes, must equal their plain recomputation from the base tables.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ now: '2026-03-02T02:00:00.000Z' });
});
afterAll(() => ctx.close());

interface Place {
  agencyId: string;
  unitId: string;
  members: string[];
}

async function buildPlaces(): Promise<Place[]> {
  const places: Place[] = [];
  for (const name of ['南岸区代办处', '沙坪坝区代办处']) {
    const agency = await ctx.newAgency({ name });
    const unit = await ctx.newUnit({ agency_id: agency.id });
    const clerk = await ctx.as('unit_agent', { unit_id: unit.id });
    const members: string[] = [];
    for (let i = 0; i < 3; i++) {
      const m = await ctx.newMember({ unit_id: unit.id });
      const place = { unitId: unit.id, agencyId: agency.id };
      await newPolicy(ctx, { memberId: m.id, productCode: 'MED', startDate: '2025-12-01', continuous: true, ...place });
      if (i === 0) await newPolicy(ctx, { memberId: m.id, productCode: 'GIG', startDate: '2026-01-01', ...place });
      expectOk(
        await clerk.patch(`/api/v1/members/${m.id}/bank-account`, {
          bankName: '中国农业银行',
          accountNumber: '6228 4801 2345 6789 012',
        }),
      );
      members.push(m.id);
    }
    // A member still in MED's illness waiting period: the engine refuses, the reviewer rejects.
    const waiting = await ctx.newMember({ unit_id: unit.id });
    await newPolicy(ctx, {
      memberId: waiting.id,
      productCode: 'MED',
      startDate: '2026-02-20',
      unitId: unit.id,
      agencyId: agency.id,
    });
    members.push(waiting.id);
    places.push({ agencyId: agency.id, unitId: unit.id, members });
  }
  return places;
}

describe('claims operations and fund health after random writes', () => {
  it('equal the plain recomputation', async () => {
    const rng = seededRandom(20261001);
    const places = await buildPlaces();
    type Agents = { clerk: Map<string, Agent>; staff: Map<string, Agent>; reviewer: Agent; finance: Agent };
    const signIn = async (): Promise<Agents> => ({
      clerk: new Map(
        await Promise.all(
          places.map(async (p) => [p.unitId, await ctx.as('unit_agent', { unit_id: p.unitId })] as const),
        ),
      ),
      staff: new Map(
        await Promise.all(
          places.map(async (p) => [p.agencyId, await ctx.as('agency_staff', { agency_id: p.agencyId })] as const),
        ),
      ),
      reviewer: await ctx.as('office_reviewer'),
      finance: await ctx.as('office_finance'),
    });
    let agents = await signIn();
    const claims: { id: string; place: Place; status: string }[] = [];
    const today = () => chinaDate(ctx.clock.now());
    const byStatus = (...s: string[]) => claims.filter((c) => s.includes(c.status));
    const seen = new Set<string>();

    for (let step = 0; step < 60; step++) {
      if (rng.next() < 0.4) {
        const next = new Date(ctx.clock.now().getTime() + rng.int(1, 96) * 3_600_000);
        ctx.clock.set(next.toISOString());
        agents = await signIn();
      }
      const roll = rng.next();
      const place = rng.pick(places);
      if (roll < 0.3 || claims.length < 3) {
        const memberId = rng.pick(place.members);
        const event = addDays(today(), -rng.int(1, 20));
        const body =
          rng.next() < 0.7
            ? inpatientClaim(memberId, { eventDate: event, admissionDate: event, dischargeDate: event })
            : {
                memberId,
                kind: 'accident_medical',
                cause: 'accident',
                eventDate: event,
                totalExpensesFen: 300_000,
                selfPaidFen: 120_000,
              };
        const filed = expectOk(await agents.clerk.get(place.unitId)!.post('/api/v1/claims', body), 201);
        await uploadSlots(agents.clerk.get(place.unitId)!, filed.id);
        claims.push({ id: filed.id, place, status: 'submitted' });
        seen.add('file');
      } else if (roll < 0.5 && byStatus('submitted').length) {
        const c = rng.pick(byStatus('submitted'));
        expectOk(await agents.staff.get(c.place.agencyId)!.post(`/api/v1/claims/${c.id}/accept`));
        c.status = 'accepted';
        seen.add('accept');
      } else if (roll < 0.75 && byStatus('accepted').length) {
        const c = rng.pick(byStatus('accepted'));
        const what = rng.next();
        const reviewer = agents.reviewer;
        if (what < 0.6) {
          const res = await reviewer.post(`/api/v1/claims/${c.id}/decision`, { decision: 'approve' });
          if (res.statusCode === 200) {
            c.status = 'approved';
            seen.add('approve');
          } else {
            expectOk(
              await reviewer.post(`/api/v1/claims/${c.id}/decision`, { decision: 'reject', reason: '不符合给付条件' }),
            );
            c.status = 'rejected';
            seen.add('reject');
          }
        } else if (what < 0.85) {
          expectOk(
            await reviewer.post(`/api/v1/claims/${c.id}/decision`, {
              decision: 'reject',
              reason: '材料显示不属保障范围',
            }),
          );
          c.status = 'rejected';
          seen.add('reject');
        } else {
          expectOk(
            await reviewer.post(`/api/v1/claims/${c.id}/decision`, { decision: 'return', reason: '请补充出院小结' }),
          );
          c.status = 'returned';
          seen.add('return');
        }
      } else if (roll < 0.8 && byStatus('returned').length) {
        const c = rng.pick(byStatus('returned'));
        expectOk(await agents.clerk.get(c.place.unitId)!.post(`/api/v1/claims/${c.id}/resubmit`, {}));
        c.status = 'submitted';
        seen.add('resubmit');
      } else if (roll < 0.92 && byStatus('approved', 'payout_failed').length) {
        const due = byStatus('approved', 'payout_failed');
        const batch = expectOk(
          await agents.finance.post('/api/v1/payout-batches', { claimIds: due.map((c) => c.id) }),
          201,
        );
        const results = due.map((c) => ({ c, ok: rng.next() < 0.8 }));
        expectOk(
          await agents.finance.post(
            `/api/v1/payout-batches/${batch.id}/results`,
            results.map(({ c, ok }) =>
              ok ? { claimId: c.id, status: 'paid' } : { claimId: c.id, status: 'failed', reason: '户名不符' },
            ),
          ),
        );
        for (const { c, ok } of results) {
          c.status = ok ? 'paid' : 'payout_failed';
          seen.add(ok ? 'pay' : 'fail');
        }
      } else {
        // A policy write: another member joins (fund health counts its fee in the year it starts).
        const m = await ctx.newMember({ unit_id: place.unitId });
        await newPolicy(ctx, {
          memberId: m.id,
          productCode: rng.pick(['MED', 'ALW', 'GIG']),
          startDate: addDays(today(), rng.int(-30, 30)),
          unitId: place.unitId,
          agencyId: place.agencyId,
        });
        seen.add('policy');
      }
    }
    // The sequence went through every kind of write the reports depend on.
    expect([...seen].sort()).toEqual([
      'accept',
      'approve',
      'fail',
      'file',
      'pay',
      'policy',
      'reject',
      'resubmit',
      'return',
    ]);

    const admin = await ctx.as('office_admin');
    const agencyNames = await reportRepository.agencyNames(ctx.handle.db, ctx.office.id);
    const productNames = await claimsReportRepository.productNames(ctx.handle.db, ctx.office.id);
    const end = today();
    const periods = [
      ['2026-01-01', end],
      ['2026-03-01', '2026-03-15'],
      [addDays(end, -10), end],
    ];
    const answers: unknown[] = [];
    for (const agencyId of [null, ...places.map((p) => p.agencyId)]) {
      const scope = agencyId ? `&agencyId=${agencyId}` : '';
      for (const [from, to] of periods) {
        const got = expectOk(await admin.get(`/api/v1/reports/claims-operations?from=${from}&to=${to}${scope}`));
        const figures = await plainClaimsReportRepository.figures(
          ctx.handle.db,
          ctx.office.id,
          { from: from!, to: to!, today: got.today },
          agencyId,
        );
        answers.push(got);
        // Complaints are not in the plain recomputation (complaints.test.ts holds them).
        const { from: _f, to: _t, today: _d, agencyId: _a, complaints: _c, ...report } = got;
        expect(report, `${from}..${to} ${agencyId}`).toEqual(
          assembleClaimsOps(figures, { agencyId, agencyNames, productNames }),
        );
      }
      const fund = expectOk(await admin.get(`/api/v1/reports/fund-health?fromYear=2025&toYear=2027${scope}`));
      const plainFund = await plainFundReportRepository.figures(
        ctx.handle.db,
        ctx.office.id,
        { fromYear: 2025, toYear: 2027 },
        agencyId,
      );
      answers.push(fund);
      expect({ rows: fund.rows, totals: fund.totals }).toEqual(
        assembleFundHealth(plainFund, { fromYear: 2025, toYear: 2027, productNames }),
      );
    }

    // Summaries rebuilt from the base tables (an upgrade, a demo load) give the same answers as those kept by writes.
    await rebuildReportSummaries(ctx.handle, ctx.office.id);
    const again: unknown[] = [];
    for (const agencyId of [null, ...places.map((p) => p.agencyId)]) {
      const scope = agencyId ? `&agencyId=${agencyId}` : '';
      for (const [from, to] of periods)
        again.push(expectOk(await admin.get(`/api/v1/reports/claims-operations?from=${from}&to=${to}${scope}`)));
      again.push(expectOk(await admin.get(`/api/v1/reports/fund-health?fromYear=2025&toYear=2027${scope}`)));
    }
    expect(again).toEqual(answers);
  }, 240_000);
});
