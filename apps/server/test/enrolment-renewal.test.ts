import { rosterColumns } from '@huzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, makeIdNumber, type Agent, type TestContext } from './helpers/test-context.ts';
import { multipartBody, xlsxOf } from './helpers/upload.ts';

const header = Object.values(rosterColumns);

/** Uploads a roster, submits it and has the agency approve it; returns the approved batch. */
async function approvedBatch(
  agents: { unit: Agent; agency: Agent },
  unitId: string,
  rows: (string | number)[][],
  productCode: string,
  startDate: string,
) {
  const body = multipartBody({ name: 'r.xlsx', content: await xlsxOf([header, ...rows]) }, { productCode, startDate });
  const batch = (
    await agents.unit.inject({
      method: 'POST',
      url: `/api/v1/units/${unitId}/roster-imports`,
      payload: body.payload,
      headers: body.headers,
    })
  ).json();
  await agents.unit.post(`/api/v1/enrolment-batches/${batch.id}/submit`);
  await agents.agency.post(`/api/v1/enrolment-batches/${batch.id}/approve`, {});
  return batch as { id: string; totalFeeFen: number };
}

/** Enrols people through the whole workflow and returns the effective batch. */
async function enrolViaWorkflow(
  agents: { unit: Agent; agency: Agent; finance: Agent },
  unitId: string,
  rows: (string | number)[][],
  productCode: string,
  startDate: string,
  paidOn: string,
) {
  const batch = await approvedBatch(agents, unitId, rows, productCode, startDate);
  const paid = await agents.finance.post(`/api/v1/enrolment-batches/${batch.id}/payments`, {
    amountFen: batch.totalFeeFen,
    paidOn,
    bankReference: `R-${batch.id.slice(-6)}`,
  });
  expect(paid.json().status).toBe('effective');
  return paid.json();
}

describe('renewal of last term and continuity', () => {
  let ctx: TestContext;
  let agents: { unit: Agent; agency: Agent; finance: Agent; admin: Agent };
  let unitId: string;
  let users: Record<'unit' | 'agency' | 'finance' | 'admin', Awaited<ReturnType<TestContext['newUser']>>>;
  /** Sessions last hours; after moving the clock by months everyone signs in again. */
  async function at(instant: string) {
    ctx.clock.set(instant);
    await signIn();
  }
  async function signIn() {
    agents = {
      unit: await ctx.login(users.unit),
      agency: await ctx.login(users.agency),
      finance: await ctx.login(users.finance),
      admin: await ctx.login(users.admin),
    };
  }
  const stays = makeIdNumber('1984-04-04', 'male');
  const leaves = makeIdNumber('1983-03-03', 'male');

  beforeAll(async () => {
    ctx = await createTestContext({ now: '2025-01-01T02:00:00.000Z' });
    const agency = await ctx.newAgency();
    const unit = await ctx.newUnit({ agency_id: agency.id });
    unitId = unit.id;
    users = {
      unit: await ctx.newUser('unit_agent', { unit_id: unit.id }),
      agency: await ctx.newUser('agency_staff', { agency_id: agency.id }),
      finance: await ctx.newUser('office_finance'),
      admin: await ctx.newUser('office_admin'),
    };
    await signIn();
    await enrolViaWorkflow(
      agents,
      unitId,
      [
        ['留任', stays, '13800000001', 2, '在职职工', '是'],
        ['调走', leaves, '13800000002', 1, '在职职工', '是'],
      ],
      'CI_A',
      '2025-01-01',
      '2024-12-31',
    );
  });
  afterAll(() => ctx.close());

  it('a first enrolment has a 90-day waiting period (last waiting day 2025-03-31)', async () => {
    const m = (await agents.admin.get(`/api/v1/members?idNumber=${stays}`)).json().items[0];
    const [p] = (await agents.admin.get(`/api/v1/members/${m.id}/policies`)).json();
    expect(p).toMatchObject({
      startDate: '2025-01-01',
      endDate: '2025-12-31',
      waitingEndDate: '2025-03-31',
      continuous: false,
    });
  });

  it('renewal takes only members still in the unit whose policies end within 60 days, with no waiting', async () => {
    // One of the two moves to another unit before renewal time.
    const other = await ctx.newUnit({ agency_id: (await ctx.newAgency()).id });
    const leaver = (await agents.admin.get(`/api/v1/members?idNumber=${leaves}`)).json().items[0];
    await at('2025-11-15T02:00:00.000Z');
    expect(
      (await agents.admin.post(`/api/v1/members/${leaver.id}/transfer`, { unitId: other.id, fromDate: '2025-11-01' }))
        .statusCode,
    ).toBe(200);

    // 2025-12-31 is 61 days after 2025-10-31: outside the 60-day window.
    await at('2025-10-31T02:00:00.000Z');
    const early = await agents.unit.post(`/api/v1/units/${unitId}/renewals`, { productCode: 'CI_A' });
    expect(early.statusCode).toBe(400);
    await at('2025-12-01T02:00:00.000Z');
    const renewal = await agents.unit.post(`/api/v1/units/${unitId}/renewals`, { productCode: 'CI_A' });
    expect(renewal.statusCode).toBe(201);
    const batch = renewal.json();
    expect(batch).toMatchObject({
      kind: 'renewal',
      status: 'draft',
      requestedStart: '2026-01-01',
      acceptedRows: 1,
      totalFeeFen: 12_000,
    });
    await agents.unit.post(`/api/v1/enrolment-batches/${batch.id}/submit`);
    await agents.agency.post(`/api/v1/enrolment-batches/${batch.id}/approve`, {});
    expect(
      (
        await agents.finance.post(`/api/v1/enrolment-batches/${batch.id}/payments`, {
          amountFen: 12_000,
          paidOn: '2025-12-01',
          bankReference: 'RN1',
        })
      ).json().status,
    ).toBe('effective');
    const m = (await agents.admin.get(`/api/v1/members?idNumber=${stays}`)).json().items[0];
    const policies = (await agents.admin.get(`/api/v1/members/${m.id}/policies`)).json();
    expect(policies[0]).toMatchObject({
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      waitingEndDate: null,
      continuous: true,
    });
  });

  it('a payment confirmed after the requested start moves the start to the next day', async () => {
    await at('2026-02-10T02:00:00.000Z');
    const person = makeIdNumber('1991-09-09', 'male');
    const batch = await approvedBatch(
      agents,
      unitId,
      [['迟缴', person, '13800000003', 1, '在职职工', '是']],
      'ALW',
      '2026-02-10',
    );
    await at('2026-02-20T02:00:00.000Z');
    await agents.finance.post(`/api/v1/enrolment-batches/${batch.id}/payments`, {
      amountFen: 6_000,
      paidOn: '2026-02-19',
      bankReference: 'LATE',
    });
    const m = (await agents.admin.get(`/api/v1/members?idNumber=${person}`)).json().items[0];
    const [p] = (await agents.admin.get(`/api/v1/members/${m.id}/policies`)).json();
    // ALW: illness waiting 30 days from the real start.
    expect(p).toMatchObject({
      startDate: '2026-02-20',
      endDate: '2027-02-19',
      waitingEndDate: '2026-03-21',
      accidentWaitingEndDate: null,
    });
  });

  it('two concurrent payment confirmations create the policies once', async () => {
    const person = makeIdNumber('1992-02-02', 'female');
    const batch = await approvedBatch(
      agents,
      unitId,
      [['并发', person, '13800000004', 1, '在职职工', '是']],
      'CI_B',
      '2026-03-01',
    );
    const pay = (ref: string) =>
      agents.finance.post(`/api/v1/enrolment-batches/${batch.id}/payments`, {
        amountFen: 10_000,
        paidOn: '2026-02-20',
        bankReference: ref,
      });
    const results = await Promise.all([pay('C1'), pay('C2')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const m = (await agents.admin.get(`/api/v1/members?idNumber=${person}`)).json().items[0];
    expect((await agents.admin.get(`/api/v1/members/${m.id}/policies`)).json()).toHaveLength(1);
  });

  it("another unit cannot see or move this unit's batches", async () => {
    const outsider = await ctx.as('unit_agent');
    const list = (await agents.unit.get('/api/v1/enrolment-batches')).json();
    const id = list.items[0].id;
    expect((await outsider.get(`/api/v1/enrolment-batches/${id}`)).statusCode).toBe(404);
    expect((await outsider.post(`/api/v1/enrolment-batches/${id}/submit`)).statusCode).toBe(404);
    expect((await outsider.get('/api/v1/enrolment-batches')).json().total).toBe(0);
    expect((await outsider.get(`/api/v1/units/${unitId}/coverage`)).statusCode).toBe(404);
    const otherAgency = await ctx.as('agency_staff');
    expect((await otherAgency.post(`/api/v1/enrolment-batches/${id}/approve`, {})).statusCode).toBe(404);
  });
});
