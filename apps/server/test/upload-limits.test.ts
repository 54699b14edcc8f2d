import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { rosterColumns } from '@huzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/access/actor.ts';
import { openSheet } from '../src/adapters/spreadsheet.ts';
import { removeOrphanUploads } from '../src/http/upload.ts';
import { createTestContext, makeIdNumber, type Agent, type TestContext } from './helpers/test-context.ts';
import { deflatedRepeat, handXlsx, inlineRow, multipartBody, xlsxOf } from './helpers/upload.ts';

const header = Object.values(rosterColumns);
const person = (i: number) => [
  `张${'一二三四五六七八九十'[i % 10]}`,
  makeIdNumber(),
  `1380013${String(8000 + i)}`,
  1,
  '在职职工',
  '是',
];

describe('upload limits: bombs, huge cells, row limit, cancellation (issue 15 items 6 and 7)', () => {
  let ctx: TestContext;
  let agent: Agent;
  let unitId: string;

  beforeAll(async () => {
    ctx = await createTestContext({ config: { rosterMaxRows: 30 } });
    const unit = await ctx.newUnit({ headcount: 10 });
    unitId = unit.id;
    agent = await ctx.as('unit_agent', { unit_id: unit.id });
    // The roster worker loads on first use: timings below are of the refusal, not of that start.
    expect((await send('warm.xlsx', await xlsxOf([header, person(0)]))).statusCode).toBe(201);
  });
  afterAll(() => ctx.close());

  const batches = async () =>
    Number(
      (
        await ctx.handle.db
          .selectFrom('enrolment_batch')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const send = (name: string, content: Buffer | string, who = agent) => {
    const body = multipartBody({ name, content }, { productCode: 'CI_A', startDate: '2026-04-01' });
    return who.inject({
      method: 'POST',
      url: `/api/v1/units/${unitId}/roster-imports`,
      payload: body.payload,
      headers: body.headers,
    });
  };
  const refusedFast = async (name: string, content: Buffer, reason: string) => {
    const before = await batches();
    const heapBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    const res = await send(name, content);
    const ms = performance.now() - t0;
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('FILE_TOO_COMPLEX');
    expect(res.json().message).toMatch(/文件过于复杂/);
    expect(res.json().details.reason).toBe(reason);
    expect(ms).toBeLessThan(5_000);
    // The main thread never holds the inflated content (the worker refuses it after a few megabytes).
    expect(process.memoryUsage().rss - heapBefore).toBeLessThan(200 * 1024 * 1024);
    expect(await batches()).toBe(before);
    return ms;
  };

  it('a zip bomb in xl/workbook.xml (1 GB from about 1 MB, size declared small) → FILE_TOO_COMPLEX, fast', async () => {
    const bomb = deflatedRepeat('<workbook><sheets>', Buffer.alloc(1024 * 1024, 0x20), 1024, '</sheets></workbook>');
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const file = handXlsx({
      sheets: [{ name: '名册', rows: inlineRow(1, header) }],
      parts: [{ name: 'xl/workbook.xml', deflated: bomb, declaredSize: 1000 }],
    });
    await refusedFast('bomb.xlsx', file, 'part-too-large');
  });

  it('a sheet that inflates 600 times its size → refused by the ratio limit', async () => {
    const rows = deflatedRepeat(
      `<?xml version="1.0"?><worksheet><sheetData>${inlineRow(1, header)}`,
      Buffer.from('<row/>'.repeat(200_000)),
      300,
      '</sheetData></worksheet>',
    );
    const file = handXlsx({
      sheets: [{ name: '名册', rows: '' }],
      parts: [{ name: 'xl/worksheets/sheet1.xml', deflated: rows, declaredSize: 4096 }],
    });
    await refusedFast('ratio.xlsx', file, 'compression-ratio');
  });

  it('one 600 MB cell (from 600 KB) → refused after a few MB of it, never inflated whole', async () => {
    const cell = deflatedRepeat(
      `<?xml version="1.0"?><worksheet><sheetData>${inlineRow(1, header)}<row r="2"><c r="A2" t="inlineStr"><is><t>`,
      Buffer.alloc(1024 * 1024, 0x41),
      600,
      '</t></is></c></row></sheetData></worksheet>',
    );
    const file = handXlsx({
      sheets: [{ name: '名册', rows: '' }],
      parts: [{ name: 'xl/worksheets/sheet1.xml', deflated: cell, declaredSize: 4096 }],
    });
    const res = await send('cell.xlsx', file);
    expect(['compression-ratio', 'xml-run-too-long']).toContain(res.json().details.reason);
    await refusedFast('cell.xlsx', file, res.json().details.reason);
  });

  it('a 3 MB cell that hardly compresses → refused by the run limit (characters between two tags)', async () => {
    const noise = crypto.randomBytes(2_300_000).toString('base64');
    const file = handXlsx({ sheets: [{ name: '名册', rows: inlineRow(1, header) + inlineRow(2, ['张三', noise]) }] });
    await refusedFast('noise.xlsx', file, 'xml-run-too-long');
  });

  it('a cell longer than Excel allows (32,767 characters) names the cell', async () => {
    const file = handXlsx({
      sheets: [{ name: '名册', rows: inlineRow(1, header) + inlineRow(2, ['张三', 'x'.repeat(40_000)]) }],
    });
    await refusedFast('long.xlsx', file, 'cell-too-long');
    const res = await send('long.xlsx', file);
    expect(res.json().details.cell).toBe('B2');
  });

  it('a shared string longer than a cell may be is refused too', async () => {
    const file = handXlsx({
      sheets: [{ name: '名册', rows: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }],
      shared: ['名'.repeat(40_000)],
    });
    await refusedFast('shared.xlsx', file, 'cell-too-long');
  });

  it('a csv cell past the limit is refused', async () => {
    const res = await send('long.csv', `姓名,身份证号\n张三,${'1'.repeat(200_000)}\n`);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('FILE_TOO_COMPLEX');
  });

  it('more rows than the configured limit → ROSTER_TOO_MANY_ROWS naming the limit, nothing stored', async () => {
    const before = await batches();
    const res = await send('big.xlsx', await xlsxOf([header, ...Array.from({ length: 31 }, (_, i) => person(i))]));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'ROSTER_TOO_MANY_ROWS', details: { maxRows: 30 } });
    expect(res.json().message).toContain('最多 30 行');
    expect(await batches()).toBe(before);
    const ok = await send('ok.xlsx', await xlsxOf([header, ...Array.from({ length: 30 }, (_, i) => person(i))]));
    expect(ok.statusCode).toBe(201);
    expect(ok.json().totalRows).toBe(30);
  });

  it('the row limit holds for legacy files too, and a legacy sheet is refused rather than cut at the parse cap', async () => {
    const book = (n: number) => {
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(
        wb,
        XLSX.utils.aoa_to_sheet([header, ...Array.from({ length: n }, (_, i) => person(i))]),
        '名册',
      );
      return XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer;
    };
    const res = await send('big.xls', book(31));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'ROSTER_TOO_MANY_ROWS', details: { maxRows: 30 } });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'huzhu-cap-')), 'r.xls');
    fs.writeFileSync(file, book(1_010));
    await expect(openSheet(file, 'r.xls', { maxRows: 5 })).rejects.toMatchObject({ code: 'ROSTER_TOO_MANY_ROWS' });
  });

  it('issues are rows: the batch carries a count and the first 20; the rest page from /issues, in scope only', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => [`张${i}`, '123', '13800138000', 1, '在职职工', '是']);
    const res = await send('bad.xlsx', await xlsxOf([header, ...rows]));
    expect(res.statusCode).toBe(201);
    const batch = res.json();
    // Each row: a name error (a digit in it) and an ID error.
    expect(batch.issueCount).toBe(50);
    expect(batch.issues).toHaveLength(20);
    const stored = await ctx.handle.db
      .selectFrom('enrolment_batch')
      .select(['issues_json', 'issue_count'])
      .where('id', '=', batch.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.issues_json)).toHaveLength(20);

    const page1 = (await agent.get(`/api/v1/enrolment-batches/${batch.id}/issues?page=1&pageSize=20`)).json();
    const page3 = (await agent.get(`/api/v1/enrolment-batches/${batch.id}/issues?page=3&pageSize=20`)).json();
    expect(page1).toMatchObject({ total: 50, page: 1, pageSize: 20 });
    expect(page1.items).toEqual(batch.issues);
    expect(page3.items).toHaveLength(10);
    expect(page3.items.at(-1)).toMatchObject({ row: 26 });
    const all = [
      ...page1.items,
      ...(await agent.get(`/api/v1/enrolment-batches/${batch.id}/issues?page=2&pageSize=20`)).json().items,
      ...page3.items,
    ];
    expect(all.map((i: { row: number }) => i.row)).toEqual(
      [...all.map((i: { row: number }) => i.row)].sort((a, b) => a - b),
    );

    const list = (await agent.get('/api/v1/enrolment-batches?pageSize=100')).json();
    const listed = list.items.find((b: { id: string }) => b.id === batch.id);
    expect(listed.issueCount).toBe(50);
    expect(listed.issues).toHaveLength(20);
    expect(JSON.stringify(listed)).not.toContain('rejected_rows_enc');

    const stranger = await ctx.as('unit_agent', { unit_id: (await ctx.newUnit()).id });
    expect((await stranger.get(`/api/v1/enrolment-batches/${batch.id}/issues`)).statusCode).toBe(404);
    expect((await agent.get(`/api/v1/enrolment-batches/${batch.id}/issues?pageSize=501`)).statusCode).toBe(400);
  });

  it('an import past its time limit is cancelled: IMPORT_CANCELLED, nothing stored', async () => {
    const slow = await createTestContext({ config: { importTimeoutMs: 1 } });
    try {
      const unit = await slow.newUnit();
      const a = await slow.as('unit_agent', { unit_id: unit.id });
      const body = multipartBody(
        { name: 'r.xlsx', content: await xlsxOf([header, ...Array.from({ length: 20 }, (_, i) => person(i))]) },
        { productCode: 'CI_A', startDate: '2026-04-01' },
      );
      const res = await a.inject({
        method: 'POST',
        url: `/api/v1/units/${unit.id}/roster-imports`,
        payload: body.payload,
        headers: body.headers,
      });
      expect(res.statusCode).toBe(408);
      expect(res.json()).toMatchObject({ code: 'IMPORT_CANCELLED', details: { reason: 'time-limit' } });
      expect(res.json().message).toMatch(/已取消/);
      const n = await slow.handle.db
        .selectFrom('enrolment_batch')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(0);
      // The upload's temp file is gone too.
      expect(fs.readdirSync(path.join(slow.deps.config.dataDir, 'tmp'))).toEqual([]);
    } finally {
      await slow.close();
    }
  });

  it('an import whose client went away stops and stores nothing', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'huzhu-gone-')), 'r.xlsx');
    fs.writeFileSync(file, await xlsxOf([header, ...Array.from({ length: 20 }, (_, i) => person(i))]));
    const gone = new AbortController();
    const before = await batches();
    const user = await ctx.handle.db
      .selectFrom('app_user')
      .selectAll()
      .where('role', '=', 'unit_agent')
      .where('unit_id', '=', unitId)
      .executeTakeFirstOrThrow();
    const unit = await ctx.handle.db.selectFrom('unit').selectAll().where('id', '=', unitId).executeTakeFirstOrThrow();
    const actor: Actor = {
      kind: 'user',
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      role: 'unit_agent',
      officeId: user.office_id,
      agencyId: unit.agency_id,
      unitId,
      memberId: null,
      ip: null,
    };
    const run = ctx.services.rosters.importRoster(actor, {
      unitId,
      productCode: 'CI_A',
      startDate: '2026-04-01',
      file,
      fileName: 'r.xlsx',
      signal: gone.signal,
    });
    gone.abort();
    await expect(run).rejects.toMatchObject({ code: 'IMPORT_CANCELLED', details: { reason: 'client-gone' } });
    expect(await batches()).toBe(before);
  });

  it('over HTTP: a client that hangs up mid-import leaves no batch and no temp file', async () => {
    const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const before = await batches();
    const big = await xlsxOf([header, ...Array.from({ length: 25 }, (_, i) => person(i))]);
    const body = multipartBody({ name: 'r.xlsx', content: big }, { productCode: 'CI_A', startDate: '2026-04-01' });
    const { port } = new URL(address);
    let answered = false;
    await new Promise<void>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/api/v1/units/${unitId}/roster-imports`,
          headers: { ...body.headers, cookie: agent.cookie, 'x-csrf-token': agent.csrf },
        },
        () => {
          answered = true;
        },
      );
      req.on('error', () => resolve());
      req.end(body.payload, () => {
        // The body is sent: hang up before the answer.
        setImmediate(() => {
          req.destroy();
          resolve();
        });
      });
      setTimeout(() => reject(new Error('no hang-up')), 10_000);
    });
    // Wait for the server to notice and wind down.
    const tmp = path.join(ctx.deps.config.dataDir, 'tmp');
    await expect.poll(() => fs.readdirSync(tmp).length, { timeout: 10_000 }).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(answered).toBe(false);
    expect(await batches()).toBe(before);
  });

  it('upload temp files orphaned by a stopped process are removed at start; fresh ones are left', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huzhu-orphans-'));
    const tmp = path.join(dataDir, 'tmp');
    fs.mkdirSync(tmp);
    const old = path.join(tmp, 'a.upload');
    const fresh = path.join(tmp, 'b.upload');
    fs.writeFileSync(old, 'x');
    fs.writeFileSync(fresh, 'y');
    const hourAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(old, hourAgo, hourAgo);
    const started = await createTestContext({ config: { dataDir, importTimeoutMs: 300_000 } });
    try {
      expect(fs.existsSync(old)).toBe(false);
      expect(fs.existsSync(fresh)).toBe(true);
      expect(removeOrphanUploads(tmp, 0, Date.now() + 1000)).toBe(1);
      expect(fs.readdirSync(tmp)).toEqual([]);
    } finally {
      await started.close();
    }
  });

  it('an openSheet reader stops between chunks once aborted', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'huzhu-abort-')), 'r.xlsx');
    fs.writeFileSync(file, await xlsxOf([header, person(1)]));
    const ac = new AbortController();
    ac.abort();
    await expect(openSheet(file, 'r.xlsx', { signal: ac.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
