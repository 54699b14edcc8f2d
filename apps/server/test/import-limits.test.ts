import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/access/actor.ts';
import {
  acceptedClaim,
  buildClaimsWorld,
  type ClaimsWorld,
  expectOk,
  inpatientClaim,
} from './helpers/claims-factory.ts';
import { importFootprint, REGISTRY_HEADER, registryCreditCode, upload as registryUpload } from './helpers/registry.ts';
import { type Agent, createTestContext, type TestContext } from './helpers/test-context.ts';
import { csvOf, deflatedRepeat, handXlsx, inlineRow, multipartBody, uploadThenHangUp } from './helpers/upload.ts';

/**
 * Issue 15 item 7 for the other two imports: the unit registry and the bank's payout-result file are bounded like the
 * roster import (time limit, client gone, zip and cell limits, a row limit), and a cancelled or refused file stores
 * nothing and leaves no temp file.
 */
let ctx: TestContext;
let admin: Agent;
let w: ClaimsWorld;
beforeAll(async () => {
  ctx = await createTestContext({ config: { registryMaxRows: 3_000, payoutResultMaxRows: 3_000 } });
  admin = await ctx.as('office_admin');
  await ctx.newAgency({ code: 'JB', name: '江北区' });
  w = await buildClaimsWorld(ctx);
});
afterAll(() => ctx.close());

const tmpFiles = () => {
  const dir = path.join(ctx.deps.config.dataDir, 'tmp');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};
/** Runs `fn` with the import time limit at 1 ms (services read the config at each call). */
async function withTimeLimit<T>(fn: () => Promise<T>): Promise<T> {
  const before = ctx.deps.config.importTimeoutMs;
  ctx.deps.config.importTimeoutMs = 1;
  try {
    return await fn();
  } finally {
    ctx.deps.config.importTimeoutMs = before;
  }
}
const unitLine = (i: number) => [
  `重庆市测试${i}有限公司`,
  registryCreditCode(),
  '非公企业',
  '制造业',
  '江北区',
  10,
  '',
  '王芳',
  '13800138000',
];
const registryCsv = (n: number) => csvOf([REGISTRY_HEADER, ...Array.from({ length: n }, (_, i) => unitLine(i))]);
/** A zip bomb: xl/workbook.xml inflates to 1 GB from about 1 MB, its declared size small. */
const bomb = (header: string[]) =>
  handXlsx({
    sheets: [{ name: 'S', rows: inlineRow(1, header) }],
    parts: [
      {
        name: 'xl/workbook.xml',
        deflated: deflatedRepeat('<workbook><sheets>', Buffer.alloc(1024 * 1024, 0x20), 1024, '</sheets></workbook>'),
        declaredSize: 1000,
      },
    ],
  });
const actorOf = async (role: 'office_admin' | 'office_finance'): Promise<Actor> => {
  const user = await ctx.handle.db
    .selectFrom('app_user')
    .selectAll()
    .where('role', '=', role)
    .executeTakeFirstOrThrow();
  return {
    kind: 'user',
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role,
    officeId: user.office_id,
    agencyId: null,
    unitId: null,
    memberId: null,
    ip: null,
  };
};

describe('registry import: time limit, client gone, bombs, row limit', () => {
  async function refused(name: string, content: Buffer | string, status: number, code: string) {
    const before = await importFootprint(ctx);
    const res = await registryUpload(admin, name, content);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().code).toBe(code);
    expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
    expect(await importFootprint(ctx)).toEqual(before);
    expect(tmpFiles()).toEqual([]);
    return res.json();
  }

  it('past the time limit → 408 IMPORT_CANCELLED (time-limit), no unit, no import record, no temp file', async () => {
    const json = await withTimeLimit(() => refused('units.csv', registryCsv(2_000), 408, 'IMPORT_CANCELLED'));
    expect(json.details.reason).toBe('time-limit');
    expect(json.message).toMatch(/已取消/);
    // The same file within the limit is imported.
    expect((await registryUpload(admin, 'units.csv', registryCsv(5))).statusCode).toBe(201);
  });

  it('a client gone before the end → IMPORT_CANCELLED (client-gone), nothing stored', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'huzhu-reg-gone-')), 'u.csv');
    fs.writeFileSync(file, registryCsv(50));
    const before = await importFootprint(ctx);
    const gone = new AbortController();
    const run = ctx.services.registry.importFile(await actorOf('office_admin'), file, 'u.csv', gone.signal);
    gone.abort();
    await expect(run).rejects.toMatchObject({ code: 'IMPORT_CANCELLED', details: { reason: 'client-gone' } });
    expect(await importFootprint(ctx)).toEqual(before);
  });

  it('over HTTP: a client that hangs up mid-import leaves no unit, no record and no temp file', async () => {
    const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const before = await importFootprint(ctx);
    const content = registryCsv(2_900);
    const body = multipartBody({ name: 'units.csv', content });
    const hangUp = await uploadThenHangUp({
      address,
      path: '/api/v1/registry-imports',
      body,
      size: Buffer.byteLength(content),
      tmpDir: path.join(ctx.deps.config.dataDir, 'tmp'),
      agent: admin,
    });
    await expect.poll(() => tmpFiles().length, { timeout: 10_000 }).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(hangUp.answered()).toBe(false);
    expect(await importFootprint(ctx)).toEqual(before);
  });

  it('a zip bomb → 400 FILE_TOO_COMPLEX, fast, nothing stored', async () => {
    const t0 = performance.now();
    const json = await refused('bomb.xlsx', bomb(REGISTRY_HEADER), 400, 'FILE_TOO_COMPLEX');
    expect(json.details.reason).toBe('part-too-large');
    expect(performance.now() - t0).toBeLessThan(5_000);
  });

  it('a cell longer than Excel allows → FILE_TOO_COMPLEX naming the cell', async () => {
    const file = handXlsx({
      sheets: [{ name: 'S', rows: inlineRow(1, REGISTRY_HEADER) + inlineRow(2, ['x'.repeat(40_000)]) }],
    });
    const json = await refused('long.xlsx', file, 400, 'FILE_TOO_COMPLEX');
    expect(json.details).toMatchObject({ reason: 'cell-too-long', cell: 'A2' });
  });

  it('more rows than HUZHU_REGISTRY_MAX_ROWS → refused whole, the limit named', async () => {
    const json = await refused('many.csv', registryCsv(3_001), 400, 'ROSTER_TOO_MANY_ROWS');
    expect(json.details.maxRows).toBe(3_000);
    expect(json.message).toContain('最多 3,000 行');
  });
});

describe('registry import: the stored record is bounded', () => {
  it('keeps the first 1,000 issues in the import record (never one blob per row), and answers them all', async () => {
    const bad = Array.from({ length: 1_200 }, (_, i) => [`无效单位${i}`, 'NOT-A-CODE', '非公企业', '', '江北区', 10]);
    const res = await registryUpload(admin, 'bad.csv', csvOf([REGISTRY_HEADER, ...bad]));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ totalRows: 1_200, rejectedRows: 1_200, createdUnits: 0 });
    expect(res.json().issues.length).toBeGreaterThanOrEqual(1_200);
    const stored = await ctx.handle.db
      .selectFrom('registry_import')
      .select('issues_json')
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    const kept = JSON.parse(stored.issues_json) as { row: number }[];
    expect(kept).toHaveLength(1_000);
    expect(kept[0]!.row).toBe(2);
  });
});

describe('payout-result file: time limit, client gone, bombs, row limit', () => {
  let batchId: string;
  let claimId: string;
  beforeAll(async () => {
    claimId = await acceptedClaim(w, inpatientClaim(w.member.id));
    expectOk(await w.callers.reviewer.post(`/api/v1/claims/${claimId}/decision`, { decision: 'approve' }));
    batchId = expectOk(await w.callers.finance.post('/api/v1/payout-batches', { claimIds: [claimId] }), 201).id;
  });
  const send = (name: string, content: Buffer | string) => {
    const body = multipartBody({ name, content });
    return w.callers.finance.inject({
      method: 'POST',
      url: `/api/v1/payout-batches/${batchId}/results-file`,
      payload: body.payload,
      headers: body.headers,
    });
  };
  const statuses = async () =>
    expectOk(await w.callers.finance.get(`/api/v1/payout-batches/${batchId}`)).items.map(
      (i: { status: string }) => i.status,
    );
  /** The one real line first, then lines that only make the file long. */
  const resultCsv = (n: number) =>
    csvOf([
      ['业务参考号', '结果', '原因'],
      [claimId, '成功', ''],
      ...Array.from({ length: n - 1 }, (_, i) => [`X${i}`, '失败', '账户不存在']),
    ]);
  async function refused(name: string, content: Buffer | string, status: number, code: string) {
    const res = await send(name, content);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().code).toBe(code);
    expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
    expect(await statuses()).toEqual(['pending']);
    expect(tmpFiles()).toEqual([]);
    return res.json();
  }

  it('past the time limit → 408 IMPORT_CANCELLED (time-limit), nothing applied, no temp file', async () => {
    const json = await withTimeLimit(() => refused('r.csv', resultCsv(2_000), 408, 'IMPORT_CANCELLED'));
    expect(json.details.reason).toBe('time-limit');
  });

  it('a client gone before the end → IMPORT_CANCELLED (client-gone), nothing applied', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'huzhu-pay-gone-')), 'r.csv');
    fs.writeFileSync(file, resultCsv(1));
    const gone = new AbortController();
    const run = ctx.services.payoutResults.applyFile(
      await actorOf('office_finance'),
      batchId,
      file,
      'r.csv',
      gone.signal,
    );
    gone.abort();
    await expect(run).rejects.toMatchObject({ code: 'IMPORT_CANCELLED', details: { reason: 'client-gone' } });
    expect(await statuses()).toEqual(['pending']);
  });

  it('a zip bomb → 400 FILE_TOO_COMPLEX, nothing applied', async () => {
    const json = await refused('bomb.xlsx', bomb(['业务参考号', '结果']), 400, 'FILE_TOO_COMPLEX');
    expect(json.details.reason).toBe('part-too-large');
  });

  it('more rows than HUZHU_PAYOUT_RESULT_MAX_ROWS → refused whole, the limit named', async () => {
    const json = await refused('many.csv', resultCsv(3_001), 400, 'ROSTER_TOO_MANY_ROWS');
    expect(json.details.maxRows).toBe(3_000);
  });

  it('within the limits the same file applies', async () => {
    const res = await send('ok.csv', resultCsv(1));
    expect(res.statusCode, res.body).toBe(200);
    expect(await statuses()).toEqual(['paid']);
  });
});
