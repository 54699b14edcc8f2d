import { performance } from 'node:perf_hooks';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTRY_HEADER, registryCreditCode, upload } from './helpers/registry.ts';
import { createTestContext, type TestContext } from './helpers/test-context.ts';

const ROWS = 20_000;

/**
 * Issue 15 item 8 for the imports that are not rosters: a legacy .xls or .ods is parsed whole by SheetJS, which took
 * the event loop for seconds while it ran inline. The file is now read in a worker thread (services/sheet-off-loop.ts)
 * and the writes yield between chunks: while a large registry is imported, the event loop's longest pause stays well
 * under the time the parse alone takes on this machine, measured in the same test.
 */
describe('imports read their file off the event loop', () => {
  let ctx: TestContext;
  let file: Buffer;
  let parseMs: number;

  beforeAll(async () => {
    ctx = await createTestContext();
    const agency = await ctx.newAgency();
    const rows: (string | number)[][] = [REGISTRY_HEADER];
    for (let i = 0; i < ROWS; i++)
      rows.push([
        `重庆离线读取测试${i}有限公司`,
        registryCreditCode(),
        '非公企业',
        '制造业',
        agency.name,
        20,
        8,
        '张三',
        '13800138000',
      ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '名册');
    // .ods: SheetJS parses it whole like an .xls, and writes it in seconds where a large .xls takes minutes.
    file = XLSX.write(wb, { type: 'buffer', bookType: 'ods', compression: true }) as Buffer;
    // The baseline: what the parse alone costs here, on this thread (what the import used to do inline).
    const t0 = performance.now();
    XLSX.read(file, {
      type: 'buffer',
      dense: true,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      cellText: false,
    });
    parseMs = performance.now() - t0;
  }, 120_000);
  afterAll(() => ctx.close());

  it('a 20,000-row .ods registry: every unit imported, the event loop never paused for the parse', async () => {
    const admin = await ctx.as('office_admin');
    let last = performance.now();
    let longest = 0;
    const tick = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    const res = await upload(admin, '名册.ods', file);
    const took = performance.now() - started;
    // One more turn of the timers: a pause that lasted until the answer is counted too (microtasks alone never
    // let a timer run, so a loop of awaits on synchronous work is a pause as well).
    await new Promise((r) => setTimeout(r, 30));
    clearInterval(tick);
    expect(res.statusCode, res.body).toBeLessThan(300);
    expect(res.json()).toMatchObject({ totalRows: ROWS, createdUnits: ROWS });
    expect(
      longest,
      `longest pause ${Math.round(longest)} ms, parse alone ${Math.round(parseMs)} ms, import ${Math.round(took)} ms`,
    ).toBeLessThan(parseMs / 2);
  }, 180_000);
});
