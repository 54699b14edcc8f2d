import { rosterColumns } from '@huzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, makeIdNumber, type Agent, type TestContext } from './helpers/test-context.ts';
import { multipartBody, xlsxOf } from './helpers/upload.ts';

const header = Object.values(rosterColumns);

describe('unit enrolment: roster → batch → approval → payment → policies', () => {
  let ctx: TestContext;
  let admin: Agent;
  let finance: Agent;
  let agency: Agent;
  let unitAgent: Agent;
  let unitId: string;

  beforeAll(async () => {
    ctx = await createTestContext({ now: '2026-03-02T02:00:00.000Z' });
    const agencyRow = await ctx.newAgency();
    const unit = await ctx.newUnit({ agency_id: agencyRow.id, headcount: 10, female_headcount: 5 });
    unitId = unit.id;
    admin = await ctx.as('office_admin');
    finance = await ctx.as('office_finance');
    agency = await ctx.as('agency_staff', { agency_id: agencyRow.id });
    unitAgent = await ctx.as('unit_agent', { unit_id: unit.id });
  });
  afterAll(() => ctx.close());

  async function upload(
    agent: Agent,
    rows: (string | number | null)[][],
    fields: Record<string, string>,
    key?: string,
  ) {
    const body = multipartBody({ name: '名册.xlsx', content: await xlsxOf([header, ...rows]) }, fields);
    return agent.inject({
      method: 'POST',
      url: `/api/v1/units/${unitId}/roster-imports`,
      payload: body.payload,
      headers: { ...body.headers, ...(key ? { 'idempotency-key': key } : {}) },
    });
  }

  it('reports every row problem with row, column, code and message, and batches the valid rows', async () => {
    const good1 = makeIdNumber('1985-06-15', 'male');
    const good2 = makeIdNumber('1990-01-20', 'female');
    const tooOld = makeIdNumber('1960-01-01', 'male');
    const res = await upload(
      unitAgent,
      [
        ['张三', good1, '13800138000', 2, '在职职工', '是'],
        ['李四', good2, '', 1, '在职职工', '是'],
        ['王五', '500103198506151235', '13800138001', 1, '在职职工', '是'],
        ['赵六', tooOld, '13800138002', 1, '在职职工', '是'],
        ['重复', good1.toLowerCase(), '13800138003', 1, '在职职工', '是'],
        ['钱七', makeIdNumber('1988-03-03', 'male'), '13800138004', 9, '在职职工', '是'],
      ],
      { productCode: 'CI_A', startDate: '2026-04-01' },
    );
    expect(res.statusCode).toBe(201);
    const batch = res.json();
    expect(batch).toMatchObject({
      status: 'draft',
      totalRows: 6,
      acceptedRows: 2,
      rejectedRows: 4,
      totalFeeFen: 18_000,
    });
    const byRow = (row: number) =>
      batch.issues.filter((i: { row: number }) => i.row === row).map((i: { code: string }) => i.code);
    expect(byRow(3)).toEqual(['PHONE_INVALID']);
    expect(byRow(4)).toEqual(['ID_CHECKSUM_INVALID']);
    expect(byRow(5)).toEqual(['AGE_OUT_OF_RANGE']);
    expect(byRow(6)).toEqual(['DUPLICATE_IN_FILE']);
    expect(byRow(7)).toEqual(['SHARES_OUT_OF_RANGE']);
    const age = batch.issues.find((i: { code: string }) => i.code === 'AGE_OUT_OF_RANGE');
    expect(age).toMatchObject({ column: '身份证号', severity: 'error' });
    expect(age.message).toMatch(/周岁/);

    const errors = await unitAgent.get(`/api/v1/enrolment-batches/${batch.id}/errors.xlsx`);
    expect(errors.statusCode).toBe(200);
    expect(errors.headers['content-type']).toContain('spreadsheetml');
    // Names and ID numbers of refused rows: never cached (issue 15 item 5).
    expect(errors.headers['cache-control']).toBe('private, no-store');
  });

  it('a retry with the same idempotency key returns the same batch', async () => {
    const rows = [['孙八', makeIdNumber('1980-02-02', 'male'), '13900000000', 1, '在职职工', '是']];
    const a = await upload(unitAgent, rows, { productCode: 'ALW', startDate: '2026-04-01' }, 'retry-1');
    const b = await upload(unitAgent, rows, { productCode: 'ALW', startDate: '2026-04-01' }, 'retry-1');
    expect(a.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
  });

  it('a retry racing its original (same idempotency key at the same time) gets the original batch, not 409', async () => {
    const rows = [['吴九', makeIdNumber('1981-03-03', 'male'), '13900000001', 1, '在职职工', '是']];
    const fields = { productCode: 'ALW', startDate: '2026-04-01' };
    const answers = await Promise.all([1, 2, 3].map(() => upload(unitAgent, rows, fields, 'race-1')));
    expect(answers.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    const ids = new Set(answers.map((r) => r.json().id));
    expect(ids.size).toBe(1);
    const stored = await ctx.handle.db
      .selectFrom('enrolment_batch')
      .select('id')
      .where('idempotency_key', '=', 'race-1')
      .execute();
    expect(stored).toHaveLength(1);
  });

  it('runs the workflow: submit → approve → payment with the exact amount → effective with policies', async () => {
    const id = makeIdNumber('1986-07-07', 'female');
    const created = (
      await upload(unitAgent, [['周九', id, '13911112222', 3, '在职职工', '是']], {
        productCode: 'FEM',
        startDate: '2026-03-10',
      })
    ).json();
    expect(created.totalFeeFen).toBe(10_800);

    expect(
      (
        await finance.post(`/api/v1/enrolment-batches/${created.id}/payments`, {
          amountFen: 10_800,
          paidOn: '2026-03-01',
          bankReference: 'B1',
        })
      ).json().code,
    ).toBe('INVALID_TRANSITION');
    expect((await unitAgent.post(`/api/v1/enrolment-batches/${created.id}/submit`)).json().status).toBe('submitted');
    expect((await unitAgent.post(`/api/v1/enrolment-batches/${created.id}/approve`, {})).statusCode).toBe(403);
    expect(
      (await agency.post(`/api/v1/enrolment-batches/${created.id}/approve`, { note: '材料齐全' })).json().status,
    ).toBe('approved');

    const mismatch = await finance.post(`/api/v1/enrolment-batches/${created.id}/payments`, {
      amountFen: 10_000,
      paidOn: '2026-03-01',
      bankReference: 'B1',
    });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().code).toBe('AMOUNT_MISMATCH');
    const future = await finance.post(`/api/v1/enrolment-batches/${created.id}/payments`, {
      amountFen: 10_800,
      paidOn: '2026-03-03',
      bankReference: 'B1',
    });
    expect(future.statusCode).toBe(400);

    const paid = await finance.post(`/api/v1/enrolment-batches/${created.id}/payments`, {
      amountFen: 10_800,
      paidOn: '2026-03-02',
      bankReference: 'B1',
    });
    expect(paid.statusCode).toBe(200);
    expect(paid.json().status).toBe('effective');
    // A retry of the same confirmation changes nothing.
    const again = await finance.post(`/api/v1/enrolment-batches/${created.id}/payments`, {
      amountFen: 10_800,
      paidOn: '2026-03-02',
      bankReference: 'B1',
    });
    expect(again.statusCode).toBe(200);

    const members = (await admin.get(`/api/v1/members?idNumber=${id}`)).json();
    expect(members.total).toBe(1);
    const policies = (await admin.get(`/api/v1/members/${members.items[0].id}/policies`)).json();
    expect(policies).toHaveLength(1);
    // Requested 03-10, paid 03-02: the requested start stands; 24 months end 2028-03-09.
    expect(policies[0]).toMatchObject({
      productCode: 'FEM',
      shares: 3,
      startDate: '2026-03-10',
      endDate: '2028-03-09',
      status: 'pending',
      continuous: false,
    });

    const coverage = (await unitAgent.get(`/api/v1/units/${unitId}/coverage?asOf=2026-03-10`)).json();
    expect(coverage.products).toEqual([
      expect.objectContaining({ productCode: 'FEM', members: 1, shares: 3, feeFen: 10_800 }),
    ]);

    const cert = await unitAgent.get(`/api/v1/policies/${policies[0].id}/certificate`);
    expect(cert.statusCode).toBe(200);
    expect(cert.json().qrSvg).toContain('<svg');
    const verify = (await ctx.app.inject(`/api/v1/public/certificates/${policies[0].certificateCode}`)).json();
    expect(verify).toMatchObject({ genuine: true, maskedName: '周*', productName: '在职女职工特殊疾病互助保障' });
    expect(JSON.stringify(verify)).not.toContain(id);
    expect((await ctx.app.inject('/api/v1/public/certificates/forged-code')).json()).toEqual({ genuine: false });

    // The same person cannot be enrolled again in an overlapping term.
    const twice = (
      await upload(unitAgent, [['周九', id, '13911112222', 1, '在职职工', '是']], {
        productCode: 'FEM',
        startDate: '2026-06-01',
      })
    ).json();
    expect(twice.issues.map((i: { code: string }) => i.code)).toContain('ALREADY_COVERED');
  });
});
