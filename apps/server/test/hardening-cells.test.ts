import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField, safeCell } from '../src/adapters/safe-cell.ts';
import { writeWorkbook } from '../src/adapters/spreadsheet.ts';
import { writeReportWorkbook } from '../src/adapters/report-workbook.ts';
import {
  acceptedClaim,
  buildClaimsWorld,
  type ClaimsWorld,
  expectOk,
  inpatientClaim,
  newPolicy,
} from './helpers/claims-factory.ts';
import { createTestContext, type TestContext } from './helpers/test-context.ts';

// Issue 15 item 3: no cell of a CSV or xlsx we write starts a formula.
const HOSTILE = ['=HYPERLINK("http://evil.example","点击领取")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];

describe('safeCell', () => {
  it.each(HOSTILE)('neutralises %j', (v) => {
    expect(safeCell(v)).toBe(`'${v}`);
  });
  it.each(['中国工商银行', '2550.00', '', "'already", 'a=b'])('keeps %j', (v) => expect(safeCell(v)).toBe(v));
  it('keeps numbers, negative ones too, and nulls', () => {
    expect(safeCell(-3)).toBe(-3);
    expect(safeCell(null)).toBeNull();
  });
  it('csv fields are neutralised before quoting', () => {
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
    expect(csvField('-5')).toBe(`'-5`);
  });
});

async function cellsOf(buf: Buffer): Promise<unknown[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: unknown[] = [];
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => out.push(c.value)));
  return out;
}
const startsFormula = (v: unknown) => typeof v === 'object' && v !== null && 'formula' in v;
const dangerous = (v: unknown) => startsFormula(v) || (typeof v === 'string' && /^[=+\-@\t\r]/.test(v));

describe('the writers', () => {
  it('the simple workbook (templates, error workbooks, bank xlsx)', async () => {
    const cells = await cellsOf(await writeWorkbook('s', ['=A1', '列'], [HOSTILE, [1, -2, null]]));
    expect(cells.filter(dangerous)).toEqual([]);
    expect(cells).toContain(`'${HOSTILE[0]}`);
    expect(cells).toContain(-2);
  });

  it('report workbooks', async () => {
    const cells = await cellsOf(
      await writeReportWorkbook([
        {
          name: '未参保单位',
          columns: [
            { key: 'name', zh: '单位名称', kind: 'text', value: (r: { name: string }) => r.name },
            { key: 'n', zh: '人数', kind: 'int', value: () => -1 },
          ],
          rows: HOSTILE.map((name) => ({ name })),
        },
      ] as never),
    );
    expect(cells.filter(dangerous)).toEqual([]);
    expect(cells).toContain(-1);
  });
});

describe('the payout bank file', () => {
  let ctx: TestContext;
  let w: ClaimsWorld;
  beforeAll(async () => {
    ctx = await createTestContext();
    w = await buildClaimsWorld(ctx);
  });
  afterAll(() => ctx.close());

  it('carries a bank name =HYPERLINK(…) as text in csv and xlsx', async () => {
    const m = await ctx.newMember({ unit_id: w.unit.id });
    await newPolicy(ctx, { memberId: m.id, productCode: 'MED', startDate: '2025-06-01', ...w.place });
    expectOk(
      await w.callers.unit.patch(`/api/v1/members/${m.id}/bank-account`, {
        bankName: HOSTILE[0],
        accountNumber: '6222021234567890123',
      }),
    );
    const id = await acceptedClaim(w, inpatientClaim(m.id));
    expectOk(await w.callers.reviewer.post(`/api/v1/claims/${id}/decision`, { decision: 'approve' }));
    const batch = expectOk(await w.callers.finance.post('/api/v1/payout-batches', { claimIds: [id] }), 201);
    const csv = await w.callers.finance.get(`/api/v1/payout-batches/${batch.id}/file?format=csv`);
    expect(csv.statusCode).toBe(200);
    const line = csv.body.split('\r\n').find((l) => l.includes(id))!;
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""点击领取"")"`);
    expect(line.split(',').some((f) => /^"?[=+\-@]/.test(f))).toBe(false);
    const xlsx = await w.callers.finance.get(`/api/v1/payout-batches/${batch.id}/file?format=xlsx`);
    const cells = await cellsOf(xlsx.rawPayload);
    expect(cells.filter(dangerous)).toEqual([]);
    expect(cells).toContain(`'${HOSTILE[0]}`);
  });
});
