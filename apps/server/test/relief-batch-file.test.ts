import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClaimsWorld, type ClaimsWorld, expectOk, newPolicy } from './helpers/claims-factory.ts';
import { type Agent, createTestContext, makeIdNumber, type TestContext } from './helpers/test-context.ts';
import { csvOf, multipartBody, xlsxOf } from './helpers/upload.ts';

/**
 * A holiday batch (节日慰问) from a list file (issue 13, item 6): members found by ID number in the office, the name
 * checked; a list naming anyone outside the office is refused whole with every row's problem; members not covered
 * or over their limits are left out and reported by row.
 */
let ctx: TestContext;
let w: ClaimsWorld;
type Person = { id: string; name: string; idNumber: string };
let covered: Person[];
let uncovered: Person;
beforeAll(async () => {
  ctx = await createTestContext({ config: { reliefListMaxRows: 6 } });
  w = await buildClaimsWorld(ctx);
  covered = [];
  for (const name of ['钱芳', '孙磊', '李静']) {
    const m = await ctx.newMember({ unit_id: w.unit.id, name });
    await newPolicy(ctx, { memberId: m.id, productCode: 'MED', startDate: '2025-06-01', ...w.place });
    covered.push(m);
  }
  uncovered = await ctx.newMember({ unit_id: w.unit.id, name: '周平' });
});
afterAll(() => ctx.close());

const header = ['序号', '姓名', '身份证号码', '备注'];
const line = (i: number, p: { name: string; idNumber: string }) => [i, p.name, p.idNumber, ''];

async function upload(
  agent: Agent,
  file: { name: string; content: Buffer | string } | null,
  fields: Record<string, string> = { name: '2026 春节慰问', eventDate: '2026-02-10' },
) {
  const body = multipartBody(file, fields);
  return agent.inject({
    method: 'POST',
    url: '/api/v1/relief-batches/file',
    payload: body.payload,
    headers: body.headers,
  });
}

async function counts() {
  const n = async (table: 'relief_batch' | 'relief_application') =>
    Number(
      (
        await ctx.handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { batches: await n('relief_batch'), reliefs: await n('relief_application') };
}

describe('holiday batch from a list file', () => {
  it('refuses a list with people outside the office, bad or repeated ID numbers and wrong names, writing nothing', async () => {
    const other = await ctx.newOffice();
    const outsider = await ctx.newMember({ office_id: other.id, unit_id: null, name: '外省人' });
    const good = covered[0]!;
    const badCheck = `${good.idNumber.slice(0, 17)}${good.idNumber[17] === '0' ? '1' : '0'}`;
    const before = await counts();
    const res = await upload(w.callers.admin, {
      name: '春节慰问名单.xlsx',
      content: await xlsxOf([
        header,
        line(1, good),
        line(2, outsider),
        line(3, { name: '无此人', idNumber: makeIdNumber('1970-01-01') }),
        line(4, { name: '错号', idNumber: badCheck }),
        line(5, { name: '张冠李戴', idNumber: covered[1]!.idNumber }),
        line(6, good),
      ]),
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.message).toBe('名单有 5 处错误，未创建批次');
    const issues = body.details.issues as { row: number; column: string; code: string; message: string }[];
    expect(issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [3, '身份证号', 'NOT_FOUND'],
      [4, '身份证号', 'NOT_FOUND'],
      [5, '身份证号', 'ID_CHECKSUM_INVALID'],
      [6, '姓名', 'NAME_INVALID'],
      [7, '身份证号', 'DUPLICATE_IN_FILE'],
    ]);
    expect(issues[0]!.message).toContain('不是本办事处的会员');
    expect(issues[4]!.message).toContain('与第 2 行重复');
    // no other member's registered name is given away
    expect(JSON.stringify(body)).not.toContain(covered[1]!.name);
    expect(await counts()).toEqual(before);
  });

  it('creates the batch for the covered members, reporting by row who is left out and why', async () => {
    const before = await counts();
    const res = await upload(w.callers.admin, {
      name: '春节慰问名单.xlsx',
      content: await xlsxOf([
        ['2026 年春节困难职工慰问名单'],
        header,
        ...covered.map((p, i) => line(i + 1, p)),
        line(4, uncovered),
        // a blank line and a name-less line with the ID number only are fine
        [null, null, null, null],
        [5, null, w.member.idNumber, null],
      ]),
    });
    const batch = expectOk(res, 201);
    expect(batch).toMatchObject({
      name: '2026 春节慰问',
      category: 'holiday',
      eventDate: '2026-02-10',
      status: 'open',
      count: 4,
      amountFenEach: 50_000,
      totalFen: 200_000,
    });
    expect(batch.skipped).toEqual([
      { memberId: uncovered.id, row: 6, code: 'NOT_A_MEMBER_ON_DATE', message: '2026-02-10 没有有效保障' },
    ]);
    expect(await counts()).toEqual({ batches: before.batches + 1, reliefs: before.reliefs + 4 });
    const items = expectOk(await w.callers.admin.get(`/api/v1/relief?batchId=${batch.id}`));
    expect(items.items.map((i: { memberId: string }) => i.memberId).sort()).toEqual(
      [...covered.map((p) => p.id), w.member.id].sort(),
    );
    const audit = await ctx.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'relief.batch_create')
      .where('object_id', '=', batch.id)
      .execute();
    expect(audit).toHaveLength(1);
    // reviewed and paid as one batch, by someone else than its author
    expectOk(await w.callers.reviewer.post(`/api/v1/relief-batches/${batch.id}/decision`, { decision: 'approve' }));
    const approved = expectOk(await w.callers.admin.get(`/api/v1/relief?batchId=${batch.id}`));
    expect(approved.items.every((i: { status: string }) => i.status === 'approved')).toBe(true);

    // the same list again in the year: everyone is over the once-a-year limit, reported by row, nothing created
    const again = await upload(w.callers.admin, {
      name: 'list.csv',
      content: csvOf([['姓名', '身份证号'], ...covered.map((p) => [p.name, p.idNumber])], { bom: true }),
    });
    expect(again.statusCode).toBe(400);
    const skipped = again.json().details.skipped as { row: number; code: string }[];
    expect(skipped.map((s) => [s.row, s.code])).toEqual([
      [2, 'RELIEF_LIMIT_REACHED'],
      [3, 'RELIEF_LIMIT_REACHED'],
      [4, 'RELIEF_LIMIT_REACHED'],
    ]);
    expect(await counts()).toEqual({ batches: before.batches + 1, reliefs: before.reliefs + 4 });
  });

  it('refuses bad files and fields with a Chinese message, and other roles', async () => {
    const before = await counts();
    const cases: [Parameters<typeof upload>[1], Record<string, string> | undefined, string][] = [
      [
        {
          name: 'a.xlsx',
          content: await xlsxOf([
            ['姓名', '电话'],
            ['钱芳', '13800000000'],
          ]),
        },
        undefined,
        'COLUMN_MISSING',
      ],
      [{ name: 'a.xlsx', content: await xlsxOf([header]) }, undefined, 'FILE_EMPTY'],
      [{ name: 'a.txt', content: 'not a sheet at all \u0000\u0001' }, undefined, 'FILE_UNREADABLE'],
      [
        {
          name: 'a.xlsx',
          content: await xlsxOf([header, ...Array.from({ length: 7 }, (_, i) => line(i, covered[0]!))]),
        },
        undefined,
        'ROSTER_TOO_MANY_ROWS',
      ],
      [{ name: 'a.xlsx', content: await xlsxOf([header, line(1, covered[0]!)]) }, { name: 'x' }, 'VALIDATION_FAILED'],
      [
        { name: 'a.xlsx', content: await xlsxOf([header, line(1, covered[0]!)]) },
        { name: '慰问', eventDate: '2026-02-30' },
        'VALIDATION_FAILED',
      ],
      [null, undefined, 'VALIDATION_FAILED'],
    ];
    for (const [file, fields, code] of cases) {
      const res = await upload(w.callers.admin, file, fields);
      expect(res.statusCode, `${file?.name} ${code}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().code, res.body).toBe(code);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const tooMany = await upload(w.callers.admin, cases[3]![0]);
    expect(tooMany.json().message).toContain('最多 6 行');
    for (const agent of [w.callers.agency, w.callers.unit, w.callers.finance]) {
      const res = await upload(agent, { name: 'a.xlsx', content: await xlsxOf([header, line(1, covered[0]!)]) });
      expect(res.statusCode).toBe(403);
    }
    expect(await counts()).toEqual(before);
  });
});
