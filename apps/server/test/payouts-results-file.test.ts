import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptedClaim,
  buildClaimsWorld,
  type ClaimsWorld,
  expectOk,
  inpatientClaim,
} from './helpers/claims-factory.ts';
import { createTestContext, type TestContext } from './helpers/test-context.ts';
import { csvOf, multipartBody, xlsxOf } from './helpers/upload.ts';

let ctx: TestContext;
let w: ClaimsWorld;
beforeAll(async () => {
  ctx = await createTestContext();
  w = await buildClaimsWorld(ctx);
});
afterAll(() => ctx.close());

const HEADER = ['业务参考号', '结果', '原因'];

async function approvedClaim() {
  const id = await acceptedClaim(w, inpatientClaim(w.member.id));
  expectOk(await w.callers.reviewer.post(`/api/v1/claims/${id}/decision`, { decision: 'approve' }));
  return id;
}

async function newBatch(n: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await approvedClaim());
  const batch = expectOk(await w.callers.finance.post('/api/v1/payout-batches', { claimIds: ids }), 201);
  return { batchId: batch.id as string, ids };
}
const upload = (batchId: string, name: string, content: Buffer | string) => {
  const body = multipartBody({ name, content });
  return w.callers.finance.inject({
    method: 'POST',
    url: `/api/v1/payout-batches/${batchId}/results-file`,
    payload: body.payload,
    headers: body.headers,
  });
};
const itemStatuses = async (batchId: string) =>
  expectOk(await w.callers.finance.get(`/api/v1/payout-batches/${batchId}`)).items.map(
    (i: { status: string }) => i.status,
  );
const tmpFiles = () => {
  const dir = path.join(ctx.deps.config.dataDir, 'tmp');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

describe('bank result file upload', () => {
  it('applies a good file and reports every row’s outcome with the payee', async () => {
    const { batchId, ids } = await newBatch(2);
    const [a, b] = ids as [string, string];
    const res = expectOk(
      await upload(
        batchId,
        'result.xlsx',
        await xlsxOf([HEADER, [a, '成功', null], [b, '失败', '户名不符']], { sheetName: '回单' }),
      ),
    );
    expect(res.batch).toMatchObject({ id: batchId, status: 'closed', paidCount: 1, failedCount: 1 });
    expect(res.rows).toEqual([
      { row: 2, claimId: a, payeeName: w.member.name, status: 'paid', reason: null },
      { row: 3, claimId: b, payeeName: w.member.name, status: 'failed', reason: '户名不符' },
    ]);
    const claim = expectOk(await w.callers.finance.get(`/api/v1/claims/${a}`));
    expect(claim.status).toBe('paid');
    // The same file again: every row is already settled, refused by row, nothing changes.
    const again = await upload(batchId, 'result.csv', csvOf([HEADER, [a, '成功', '']]));
    expect(again.statusCode).toBe(400);
    expect(again.json().details.issues).toEqual([
      expect.objectContaining({ row: 2, column: '结果', code: 'CONFLICT', severity: 'error' }),
    ]);
  });

  it('an unknown claim id refuses the whole file, with its row', async () => {
    const { batchId, ids } = await newBatch(1);
    const res = await upload(
      batchId,
      'result.csv',
      csvOf([HEADER, [ids[0]!, '成功', ''], ['no-such-claim', '失败', '']]),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().details.issues).toEqual([
      {
        row: 3,
        column: '业务参考号',
        code: 'NOT_FOUND',
        severity: 'error',
        message: '业务参考号 no-such-claim 不在本支付批次中',
      },
    ]);
    expect(await itemStatuses(batchId)).toEqual(['pending']);
  });

  it('a repeated row refuses the file, naming the first row', async () => {
    const { batchId, ids } = await newBatch(2);
    const [a, b] = ids as [string, string];
    const res = await upload(
      batchId,
      'result.csv',
      csvOf([HEADER, [a, '成功', ''], [b, '成功', ''], [a, '失败', '退票']], { bom: true }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues).toEqual([
      expect.objectContaining({
        row: 4,
        column: '业务参考号',
        code: 'DUPLICATE_IN_FILE',
        message: '业务参考号重复，与第 2 行相同',
      }),
    ]);
    expect(await itemStatuses(batchId)).toEqual(['pending', 'pending']);
  });

  it('a wrong status word and an empty reference are reported together, nothing applied', async () => {
    const { batchId, ids } = await newBatch(2);
    const [a, b] = ids as [string, string];
    const res = await upload(
      batchId,
      'result.xlsx',
      await xlsxOf([
        ['业务参考号', '状态'],
        [a, '成功'],
        [b, '也许'],
        ['', '失败'],
      ]),
    );
    expect(res.statusCode).toBe(400);
    const issues = res.json().details.issues;
    expect(issues.map((i: { row: number; column: string }) => [i.row, i.column])).toEqual([
      [3, '状态'],
      [4, '业务参考号'],
    ]);
    expect(issues[0].message).toContain('也许');
    expect(await itemStatuses(batchId)).toEqual(['pending', 'pending']);
  });

  it('refuses what is not a spreadsheet, a file without the columns, and an empty one', async () => {
    const { batchId } = await newBatch(1);
    const pdf = await upload(batchId, 'result.pdf', Buffer.from('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n', 'latin1'));
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().code).toBe('FILE_UNREADABLE');
    const binary = await upload(batchId, 'result.csv', Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00]));
    expect(binary.json().code).toBe('FILE_UNREADABLE');
    const noColumns = await upload(
      batchId,
      'result.csv',
      csvOf([
        ['姓名', '金额'],
        ['李娟', '2550.00'],
      ]),
    );
    expect(noColumns.json().code).toBe('COLUMN_MISSING');
    expect((await upload(batchId, 'result.csv', csvOf([HEADER]))).json().code).toBe('FILE_EMPTY');
    const json = await w.callers.finance.post(`/api/v1/payout-batches/${batchId}/results-file`, { file: 'x' });
    expect(json.statusCode).toBe(400);
    expect(await itemStatuses(batchId)).toEqual(['pending']);
  });

  it('an oversized file → 413 PAYLOAD_TOO_LARGE, nothing applied, no temporary file left', async () => {
    const { batchId, ids } = await newBatch(1);
    const before = tmpFiles();
    const big = Buffer.concat([
      Buffer.from(csvOf([HEADER, [ids[0]!, '成功', '']])),
      Buffer.alloc(20 * 1024 * 1024 + 10, 0x20),
    ]);
    const res = await upload(batchId, 'result.csv', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
    expect(await itemStatuses(batchId)).toEqual(['pending']);
    expect(tmpFiles()).toEqual(before);
  });

  it('only finance uploads, and only to a batch of its office', async () => {
    const { batchId, ids } = await newBatch(1);
    const file = csvOf([HEADER, [ids[0]!, '成功', '']]);
    for (const agent of [w.callers.reviewer, w.callers.agency]) {
      const body = multipartBody({ name: 'r.csv', content: file });
      const res = await agent.inject({
        method: 'POST',
        url: `/api/v1/payout-batches/${batchId}/results-file`,
        payload: body.payload,
        headers: body.headers,
      });
      expect(res.statusCode).toBe(403);
    }
    expect((await upload('no-such-batch', 'r.csv', file)).statusCode).toBe(404);
    expect(await itemStatuses(batchId)).toEqual(['pending']);
  });
});
