import { rosterColumns } from '@huzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk } from './helpers/claims-factory.ts';
import { createTestContext, makeIdNumber, type Agent, type TestContext } from './helpers/test-context.ts';
import { multipartBody, xlsxOf } from './helpers/upload.ts';

// Issue 14 item 5: one bank transfer pays several approved batches of a unit; a short or excess one is held
// (待核对) with its reason, never silently accepted, until another finance clerk applies or returns it.

const header = Object.values(rosterColumns);
const CI_A_FEE = 6_000; // one share of 在职职工重大疾病互助保障（A款）

let ctx: TestContext;
let finance: Agent;
let finance2: Agent;
let agency: Agent;
let unitAgent: Agent;
let unitId: string;
let otherUnitAgent: Agent;
let otherUnitId: string;
let officeB: { finance: Agent; batchId: string };
let refSeq = 0;
const ref = () => `CQ-BANK-${Date.now()}-${++refSeq}`;

async function approvedBatch(agent: Agent, approver: Agent, unit: string, people = 1, approve = true) {
  const rows = Array.from({ length: people }, (_, i) => [
    `王${'一二三四五六七八九十'[i % 10]}`,
    makeIdNumber(`198${i % 10}-0${(i % 9) + 1}-15`),
    '13800138000',
    1,
    '在职职工',
    '是',
  ]);
  const body = multipartBody(
    { name: '名册.xlsx', content: await xlsxOf([header, ...rows]) },
    { productCode: 'CI_A', startDate: '2026-04-01' },
  );
  const batch = expectOk(
    await agent.inject({
      method: 'POST',
      url: `/api/v1/units/${unit}/roster-imports`,
      payload: body.payload,
      headers: body.headers,
    }),
    201,
  );
  expectOk(await agent.post(`/api/v1/enrolment-batches/${batch.id}/submit`));
  if (approve) expectOk(await approver.post(`/api/v1/enrolment-batches/${batch.id}/approve`, {}));
  return batch.id as string;
}

const batchOf = async (id: string) => expectOk(await finance.get(`/api/v1/enrolment-batches/${id}`));
const policiesOf = async (batchId: string) =>
  Number(
    (
      await ctx.handle.db
        .selectFrom('policy')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('batch_id', '=', batchId)
        .executeTakeFirstOrThrow()
    ).n,
  );
const auditCount = async (action?: string) => {
  let q = ctx.handle.db.selectFrom('audit_log').select((e) => e.fn.countAll<number>().as('n'));
  if (action) q = q.where('action', '=', action);
  return Number((await q.executeTakeFirstOrThrow()).n);
};
const paymentRows = async () =>
  Number(
    (
      await ctx.handle.db
        .selectFrom('enrolment_payment')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  ctx = await createTestContext({ now: '2026-03-02T02:00:00.000Z' });
  const agencyRow = await ctx.newAgency();
  const unit = await ctx.newUnit({ agency_id: agencyRow.id });
  const other = await ctx.newUnit({ agency_id: agencyRow.id });
  unitId = unit.id;
  otherUnitId = other.id;
  finance = await ctx.as('office_finance');
  finance2 = await ctx.as('office_finance');
  agency = await ctx.as('agency_staff', { agency_id: agencyRow.id });
  unitAgent = await ctx.as('unit_agent', { unit_id: unit.id });
  otherUnitAgent = await ctx.as('unit_agent', { unit_id: other.id });
  // A second office: its batch is outside office A's scope.
  const b = await ctx.newOffice();
  const bAgency = await ctx.newAgency({ office_id: b.id });
  const bUnit = await ctx.newUnit({ office_id: b.id, agency_id: bAgency.id });
  const bUnitAgent = await ctx.as('unit_agent', { office_id: b.id, unit_id: bUnit.id });
  const bAgencyStaff = await ctx.as('agency_staff', { office_id: b.id, agency_id: bAgency.id });
  officeB = {
    finance: await ctx.as('office_finance', { office_id: b.id }),
    batchId: await approvedBatch(bUnitAgent, bAgencyStaff, bUnit.id),
  };
}, 60_000);
afterAll(() => ctx.close());

describe('POST /enrolment-payments', () => {
  it('the exact sum makes every batch effective with its policies, in one step, audited', async () => {
    const b1 = await approvedBatch(unitAgent, agency, unitId, 1);
    const b2 = await approvedBatch(unitAgent, agency, unitId, 2);
    const before = await auditCount('batch.pay');
    const bankReference = ref();
    const res = await finance.post('/api/v1/enrolment-payments', {
      unitId,
      batchIds: [b1, b2],
      amountFen: 3 * CI_A_FEE,
      paidOn: '2026-03-01',
      bankReference,
      note: '工会经费账户转账',
    });
    const p = expectOk(res, 201);
    expect(p).toMatchObject({
      status: 'applied',
      holdReason: null,
      differenceFen: 0,
      expectedFen: 18_000,
      amountFen: 18_000,
      unitId,
      bankReference,
      note: '工会经费账户转账',
      createdBy: finance.user.id,
    });
    expect(
      p.batches.map((b: { batchId: string; appliedFen: number; status: string }) => [
        b.batchId,
        b.appliedFen,
        b.status,
      ]),
    ).toEqual([
      [b1, 6_000, 'effective'],
      [b2, 12_000, 'effective'],
    ]);
    for (const [id, fee, people] of [
      [b1, 6_000, 1],
      [b2, 12_000, 2],
    ] as const) {
      expect(await batchOf(id)).toMatchObject({
        status: 'effective',
        paidAmountFen: fee,
        paidOn: '2026-03-01',
        bankReference,
        heldPaymentId: null,
      });
      expect(await policiesOf(id)).toBe(people);
    }
    expect(await auditCount('batch.pay')).toBe(before + 2);
    expect(expectOk(await finance.get(`/api/v1/enrolment-payments/${p.id}`))).toEqual(p);
  });

  it('a short transfer is held: nothing becomes effective, the batches show the hold and cannot be paid or returned', async () => {
    const b1 = await approvedBatch(unitAgent, agency, unitId, 1);
    const b2 = await approvedBatch(unitAgent, agency, unitId, 1);
    const p = expectOk(
      await finance.post('/api/v1/enrolment-payments', {
        unitId,
        batchIds: [b1, b2],
        amountFen: 11_000,
        paidOn: '2026-03-02',
        bankReference: ref(),
      }),
      201,
    );
    expect(p).toMatchObject({ status: 'held', holdReason: 'short', differenceFen: -1_000, expectedFen: 12_000 });
    expect(p.batches.map((b: { appliedFen: number }) => b.appliedFen)).toEqual([6_000, 5_000]);
    for (const id of [b1, b2]) {
      expect(await batchOf(id)).toMatchObject({ status: 'approved', heldPaymentId: p.id, paidAmountFen: null });
      expect(await policiesOf(id)).toBe(0);
    }
    const single = await finance.post(`/api/v1/enrolment-batches/${b1}/payments`, {
      amountFen: CI_A_FEE,
      paidOn: '2026-03-02',
      bankReference: ref(),
    });
    expect([single.statusCode, single.json().code]).toEqual([409, 'PAYMENT_HELD']);
    const back = await agency.post(`/api/v1/enrolment-batches/${b2}/return`, { reason: '名单有误' });
    expect([back.statusCode, back.json().code]).toEqual([409, 'PAYMENT_HELD']);
    const second = await finance.post('/api/v1/enrolment-payments', {
      unitId,
      batchIds: [b2],
      amountFen: CI_A_FEE,
      paidOn: '2026-03-02',
      bankReference: ref(),
    });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'PAYMENT_HELD', message: expect.stringContaining(b2.slice(-6)) });

    // Four eyes: the clerk who recorded it cannot resolve it.
    const own = await finance.post(`/api/v1/enrolment-payments/${p.id}/resolve`, { action: 'apply', note: '同意入账' });
    expect([own.statusCode, own.json().code]).toEqual([422, 'OWN_PAYMENT_HOLD']);
    expect(await policiesOf(b1)).toBe(0);

    // Another clerk applies it: the office accepts the shortfall, recorded and audited.
    const before = await auditCount('enrolment_payment.apply');
    const applied = expectOk(
      await finance2.post(`/api/v1/enrolment-payments/${p.id}/resolve`, {
        action: 'apply',
        note: '单位来函确认，差额下月补缴',
      }),
    );
    expect(applied).toMatchObject({
      status: 'applied',
      holdReason: 'short',
      differenceFen: -1_000,
      resolvedBy: finance2.user.id,
      resolutionNote: '单位来函确认，差额下月补缴',
    });
    expect(await batchOf(b1)).toMatchObject({ status: 'effective', paidAmountFen: 6_000, heldPaymentId: null });
    expect(await batchOf(b2)).toMatchObject({ status: 'effective', paidAmountFen: 5_000, heldPaymentId: null });
    expect(await policiesOf(b1)).toBe(1);
    expect(await policiesOf(b2)).toBe(1);
    expect(await auditCount('enrolment_payment.apply')).toBe(before + 1);
    const row = await ctx.handle.db
      .selectFrom('audit_log')
      .select(['after_json', 'actor_id'])
      .where('action', '=', 'enrolment_payment.apply')
      .where('object_id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(row.actor_id).toBe(finance2.user.id);
    expect(JSON.parse(row.after_json!)).toMatchObject({
      status: 'applied',
      differenceFen: -1_000,
      holdReason: 'short',
    });

    // Only a held payment can be resolved.
    const again = await finance2.post(`/api/v1/enrolment-payments/${p.id}/resolve`, { action: 'return', note: '退回' });
    expect([again.statusCode, again.json().code]).toEqual([409, 'PAYMENT_NOT_HELD']);
  });

  it('an excess transfer is held; applied only with a note that says why; returned frees the batches', async () => {
    const b1 = await approvedBatch(unitAgent, agency, unitId, 1);
    const p = expectOk(
      await finance.post('/api/v1/enrolment-payments', {
        unitId,
        batchIds: [b1],
        amountFen: 7_000,
        paidOn: '2026-03-02',
        bankReference: ref(),
      }),
      201,
    );
    expect(p).toMatchObject({ status: 'held', holdReason: 'excess', differenceFen: 1_000 });
    const terse = await finance2.post(`/api/v1/enrolment-payments/${p.id}/resolve`, { action: 'apply', note: '同意' });
    expect([terse.statusCode, terse.json().code]).toEqual([422, 'EXCESS_NOTE_REQUIRED']);
    const empty = await finance2.post(`/api/v1/enrolment-payments/${p.id}/resolve`, { action: 'return', note: '' });
    expect(empty.statusCode).toBe(400);

    const returned = expectOk(
      await finance2.post(`/api/v1/enrolment-payments/${p.id}/resolve`, {
        action: 'return',
        note: '已原路退回单位账户',
      }),
    );
    expect(returned).toMatchObject({ status: 'returned', resolvedBy: finance2.user.id });
    expect(await batchOf(b1)).toMatchObject({ status: 'approved', heldPaymentId: null });
    expect(await policiesOf(b1)).toBe(0);
    // The batch can now be paid again, by the exact transfer.
    const paid = expectOk(
      await finance.post('/api/v1/enrolment-payments', {
        unitId,
        batchIds: [b1],
        amountFen: CI_A_FEE,
        paidOn: '2026-03-02',
        bankReference: ref(),
      }),
      201,
    );
    expect(paid.status).toBe('applied');
    expect(await policiesOf(b1)).toBe(1);
  });

  it('an excess applied with its reason makes the batch effective with the whole amount credited', async () => {
    const b1 = await approvedBatch(unitAgent, agency, unitId, 1);
    const p = expectOk(
      await finance.post('/api/v1/enrolment-payments', {
        unitId,
        batchIds: [b1],
        amountFen: 6_500,
        paidOn: '2026-03-02',
        bankReference: ref(),
      }),
      201,
    );
    expect(
      expectOk(
        await finance2.post(`/api/v1/enrolment-payments/${p.id}/resolve`, {
          action: 'apply',
          note: '多缴500元为工会预缴下年度会费，经单位书面确认',
        }),
      ).status,
    ).toBe('applied');
    expect(await batchOf(b1)).toMatchObject({ status: 'effective', paidAmountFen: 6_500 });
  });

  it('the same bank notice twice makes one payment; the same reference with another transfer is refused', async () => {
    const b1 = await approvedBatch(unitAgent, agency, unitId, 1);
    const body = { unitId, batchIds: [b1], amountFen: 5_000, paidOn: '2026-03-02', bankReference: ref() };
    const first = expectOk(await finance.post('/api/v1/enrolment-payments', body), 201);
    const rows = await paymentRows();
    const audits = await auditCount();
    const second = expectOk(await finance.post('/api/v1/enrolment-payments', { ...body, note: '重复通知' }), 201);
    expect(second.id).toBe(first.id);
    expect(await paymentRows()).toBe(rows);
    expect(await auditCount()).toBe(audits);
    const other = await finance.post('/api/v1/enrolment-payments', { ...body, amountFen: 6_000 });
    expect([other.statusCode, other.json().code]).toEqual([409, 'BANK_REFERENCE_CONFLICT']);
    expect(other.json().message).toMatch(/流水号/);

    // A reference already used by a single-batch confirmation is the same transfer too.
    const b2 = await approvedBatch(unitAgent, agency, unitId, 1);
    const single = ref();
    expectOk(
      await finance.post(`/api/v1/enrolment-batches/${b2}/payments`, {
        amountFen: CI_A_FEE,
        paidOn: '2026-03-02',
        bankReference: single,
      }),
    );
    const b3 = await approvedBatch(unitAgent, agency, unitId, 1);
    const reused = await finance.post('/api/v1/enrolment-payments', {
      unitId,
      batchIds: [b3],
      amountFen: CI_A_FEE,
      paidOn: '2026-03-02',
      bankReference: single,
    });
    expect([reused.statusCode, reused.json().code]).toEqual([409, 'BANK_REFERENCE_CONFLICT']);
  });

  it('the same notice arriving three times at once makes one payment; two clerks resolving at once, one wins', async () => {
    const b1 = await approvedBatch(unitAgent, agency, unitId, 1);
    const body = { unitId, batchIds: [b1], amountFen: 4_000, paidOn: '2026-03-02', bankReference: ref() };
    const answers = await Promise.all([1, 2, 3].map(() => finance.post('/api/v1/enrolment-payments', body)));
    expect(answers.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((r) => r.json().id)).size).toBe(1);
    const id = answers[0]!.json().id as string;
    const third = await ctx.as('office_finance');
    const resolved = await Promise.all([
      finance2.post(`/api/v1/enrolment-payments/${id}/resolve`, { action: 'apply', note: '单位确认差额另行补缴' }),
      third.post(`/api/v1/enrolment-payments/${id}/resolve`, { action: 'return', note: '已退回单位账户' }),
    ]);
    expect(resolved.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const final = expectOk(await finance.get(`/api/v1/enrolment-payments/${id}`));
    const batch = await batchOf(b1);
    if (final.status === 'applied') expect(batch.status).toBe('effective');
    else expect(batch).toMatchObject({ status: 'approved', heldPaymentId: null });
    expect(await policiesOf(b1)).toBe(final.status === 'applied' ? 1 : 0);
  });

  it('batches of another unit, not approved or outside the scope are refused, naming the batch, and nothing changes', async () => {
    const mine = await approvedBatch(unitAgent, agency, unitId, 1);
    const theirs = await approvedBatch(otherUnitAgent, agency, otherUnitId, 1);
    const submitted = await approvedBatch(unitAgent, agency, unitId, 1, false);
    const rows = await paymentRows();
    const audits = await auditCount();
    const pay = (batchIds: string[], agent = finance) =>
      agent.post('/api/v1/enrolment-payments', {
        unitId,
        batchIds,
        amountFen: 12_000,
        paidOn: '2026-03-02',
        bankReference: ref(),
      });

    const other = await pay([mine, theirs]);
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'BATCH_UNIT_MISMATCH', details: { batchId: theirs } });
    expect(other.json().message).toContain(theirs.slice(-6));
    expect(other.json().message).toContain('在职职工重大疾病互助保障（A款）');

    const notApproved = await pay([mine, submitted]);
    expect(notApproved.statusCode).toBe(422);
    expect(notApproved.json()).toMatchObject({ code: 'BATCH_NOT_PAYABLE', details: { batchId: submitted } });
    expect(notApproved.json().message).toMatch(/待审核/);

    const outside = await pay([mine, officeB.batchId]);
    expect([outside.statusCode, outside.json().code]).toEqual([404, 'NOT_FOUND']);
    // Office B's finance does not see office A's unit either.
    const fromB = await officeB.finance.post('/api/v1/enrolment-payments', {
      unitId,
      batchIds: [mine],
      amountFen: 6_000,
      paidOn: '2026-03-02',
      bankReference: ref(),
    });
    expect([fromB.statusCode, fromB.json().code]).toEqual([404, 'NOT_FOUND']);

    const dup = await pay([mine, mine]);
    expect([dup.statusCode, dup.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    const future = await finance.post('/api/v1/enrolment-payments', {
      unitId,
      batchIds: [mine],
      amountFen: 6_000,
      paidOn: '2026-03-03',
      bankReference: ref(),
    });
    expect(future.statusCode).toBe(400);

    expect(await paymentRows()).toBe(rows);
    expect(await auditCount()).toBe(audits);
    for (const id of [mine, theirs])
      expect(await batchOf(id)).toMatchObject({ status: 'approved', heldPaymentId: null });

    // Agencies and unit agents may not record or read payments at all.
    for (const agent of [agency, unitAgent]) {
      expect((await pay([mine], agent)).statusCode).toBe(403);
      expect((await agent.get('/api/v1/enrolment-payments')).statusCode).toBe(403);
    }
  });
});

describe('GET /enrolment-payments', () => {
  it('pages the held payments newest first with the sums of all of them; another office sees none', async () => {
    const made: string[] = [];
    for (const amount of [1_000, 2_000, 3_000]) {
      ctx.clock.set(new Date(ctx.clock.now().getTime() + 1000).toISOString());
      const b = await approvedBatch(unitAgent, agency, unitId, 1);
      made.push(
        expectOk(
          await finance.post('/api/v1/enrolment-payments', {
            unitId: unitId,
            batchIds: [b],
            amountFen: amount,
            paidOn: '2026-03-02',
            bankReference: `PAGE-${amount}-${refSeq++}`,
          }),
          201,
        ).id,
      );
    }
    const all = expectOk(await finance.get('/api/v1/enrolment-payments?status=held&pageSize=500'));
    const held = all.items.filter((p: { status: string }) => p.status === 'held');
    expect(held).toHaveLength(all.total);
    expect(all.totalAmountFen).toBe(held.reduce((s: number, p: { amountFen: number }) => s + p.amountFen, 0));
    expect(all.totalDifferenceFen).toBe(
      held.reduce((s: number, p: { differenceFen: number }) => s + p.differenceFen, 0),
    );
    expect(all.items.slice(0, 3).map((p: { id: string }) => p.id)).toEqual([...made].reverse());

    const first = expectOk(await finance.get('/api/v1/enrolment-payments?status=held&page=1&pageSize=2'));
    expect(first).toMatchObject({ total: all.total, page: 1, pageSize: 2, totalAmountFen: all.totalAmountFen });
    expect(first.items.map((p: { id: string }) => p.id)).toEqual([made[2], made[1]]);
    const second = expectOk(await finance.get('/api/v1/enrolment-payments?status=held&page=2&pageSize=2'));
    expect(second.items[0].id).toBe(made[0]);

    const byRef = expectOk(
      await finance.get(`/api/v1/enrolment-payments?q=${encodeURIComponent(first.items[0].bankReference)}`),
    );
    expect(byRef.items.map((p: { id: string }) => p.id)).toEqual([made[2]]);
    expect(byRef.totalAmountFen).toBe(3_000);

    expect((await finance.get('/api/v1/enrolment-payments?pageSize=501')).statusCode).toBe(400);
    expect((await finance.get('/api/v1/enrolment-payments?status=lost')).statusCode).toBe(400);
    const b = expectOk(await officeB.finance.get('/api/v1/enrolment-payments?status=held'));
    expect(b).toMatchObject({ total: 0, items: [], totalAmountFen: 0, totalDifferenceFen: 0 });
    expect((await officeB.finance.get(`/api/v1/enrolment-payments/${made[0]}`)).statusCode).toBe(404);
    const other = await officeB.finance.post(`/api/v1/enrolment-payments/${made[0]}/resolve`, {
      action: 'return',
      note: '退回',
    });
    expect(other.statusCode).toBe(404);
  });
});
