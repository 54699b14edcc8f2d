import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestContext, makeCreditCode, type TestContext } from './helpers/test-context.ts';

let ctx: TestContext;
let admin: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('office_admin');
});
afterAll(() => ctx.close());

const unitsWithCode = (code: string) =>
  ctx.handle.db.selectFrom('unit').selectAll().where('credit_code', '=', code).execute();
const auditFor = (objectId: string) =>
  ctx.handle.db.selectFrom('audit_log').selectAll().where('object_id', '=', objectId).orderBy('id').execute();

async function body(o: Record<string, unknown> = {}) {
  const agency = await ctx.newAgency();
  return {
    name: '重庆市江北区示例机械有限公司',
    creditCode: makeCreditCode(),
    category: 'private',
    agencyId: agency.id,
    headcount: 120,
    ...o,
  };
}

describe('POST /units', () => {
  it('creates a unit with a valid credit code (201) and audits unit.create', async () => {
    const b = await body({
      industry: '制造业',
      femaleHeadcount: 30,
      contactName: '李四',
      contactPhone: '023-67891234',
    });
    const res = await admin.post('/api/v1/units', b);
    expect(res.statusCode, res.body).toBe(201);
    const unit = res.json();
    expect(unit).toMatchObject({
      name: b.name,
      creditCode: b.creditCode,
      creditCodeChecksumValid: true,
      category: 'private',
      agencyId: b.agencyId,
      headcount: 120,
      femaleHeadcount: 30,
      enrolled: false,
      coveredUntil: null,
      warnings: [],
    });
    const audit = await auditFor(unit.id);
    expect(audit.map((a) => a.action)).toEqual(['unit.create']);
    expect(audit[0]).toMatchObject({ actor_id: admin.user.id, office_id: ctx.office.id, object_type: 'unit' });
    expect(JSON.parse(audit[0]?.after_json ?? '{}')).toMatchObject({ credit_code: b.creditCode, headcount: 120 });
    const read = await admin.get(`/api/v1/units/${unit.id}`);
    expect(read.json()).toMatchObject({ id: unit.id, memberCount: 0, agencyName: expect.any(String) });
  });

  it('normalises spaces, full-width characters and lower case in the credit code', async () => {
    const b = await body({ creditCode: ' ９１３５０１００m０００１００y４３ ' });
    const res = await admin.post('/api/v1/units', b);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().creditCode).toBe('91350100M000100Y43');
  });

  it('accepts a checksum failure with a CREDIT_CODE_CHECKSUM warning and audits the override', async () => {
    const b = await body({ creditCode: '91350100M000100Y44' });
    const res = await admin.post('/api/v1/units', b);
    expect(res.statusCode).toBe(201);
    expect(res.json().creditCodeChecksumValid).toBe(false);
    expect(res.json().warnings).toEqual([{ code: 'CREDIT_CODE_CHECKSUM', message: expect.stringMatching(/校验位/) }]);
    expect((await auditFor(res.json().id)).map((a) => a.action)).toEqual(['unit.create', 'unit.credit_code_override']);
  });

  it.each([
    ['too short', '91350100M000100Y4'],
    ['letter I', '91350100M000100I43'],
    ['letter O', '9135010OM000100Y43'],
    ['letters in the region part', '9135A100M000100Y43'],
    ['punctuation', '91350100-M000100Y4'],
  ])('refuses a malformed credit code (%s) with 422 CREDIT_CODE_INVALID and stores nothing', async (_label, code) => {
    const b = await body({ creditCode: code });
    const res = await admin.post('/api/v1/units', b);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'CREDIT_CODE_INVALID',
      message: expect.stringMatching(/统一社会信用代码/),
    });
    expect(
      await ctx.handle.db.selectFrom('unit').select('id').where('agency_id', '=', b.agencyId).execute(),
    ).toHaveLength(0);
  });

  it('refuses a duplicate credit code with 409, whatever its case', async () => {
    const b = await body();
    expect((await admin.post('/api/v1/units', b)).statusCode).toBe(201);
    const again = await admin.post('/api/v1/units', {
      ...b,
      name: '另一家公司',
      creditCode: b.creditCode.toLowerCase(),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CREDIT_CODE_DUPLICATE');
    expect(await unitsWithCode(b.creditCode)).toHaveLength(1);
  });

  it('two simultaneous creates with one credit code: one 201, one 409, never a 500', async () => {
    const b = await body();
    const results = await Promise.all([
      admin.post('/api/v1/units', b),
      admin.post('/api/v1/units', { ...b, name: '并发公司' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await unitsWithCode(b.creditCode)).toHaveLength(1);
  });

  it.each([
    ['femaleHeadcount > headcount', { headcount: 10, femaleHeadcount: 11 }, 'femaleHeadcount'],
    ['negative headcount', { headcount: -1 }, 'headcount'],
    ['fractional headcount', { headcount: 1.5 }, 'headcount'],
    ['headcount as text', { headcount: '12' }, 'headcount'],
    ['unknown category', { category: 'company' }, 'category'],
    ['one-character name', { name: '厂' }, 'name'],
    ['missing agency', { agencyId: undefined }, 'agencyId'],
  ])('refuses %s with 400 naming the field', async (_label, patch, field) => {
    const b = await body(patch);
    const res = await admin.post('/api/v1/units', b);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect((res.json().details as { path: string }[]).map((d) => d.path)).toContain(field);
    expect(await unitsWithCode(b.creditCode)).toHaveLength(0);
  });

  it('answers an unknown agency with 404', async () => {
    const b = await body({ agencyId: 'no-such-agency' });
    expect((await admin.post('/api/v1/units', b)).statusCode).toBe(404);
  });
});

describe('GET /units filters', () => {
  let agencyId: string;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    agencyId = (await ctx.newAgency()).id;
    // The test clock reads 2026-03-02 in China.
    const make = async (key: string, o: Parameters<TestContext['newUnit']>[0]) => {
      ids[key] = (await ctx.newUnit({ agency_id: agencyId, ...o })).id;
    };
    await make('soeCovered', {
      name: '渝北国有建设集团',
      category: 'soe',
      covered_until: '2026-12-31',
      headcount: 500,
    });
    await make('soeToday', { name: '两江国有物流公司', category: 'soe', covered_until: '2026-03-02', headcount: 400 });
    await make('privateExpired', {
      name: '百分之百_科技公司%',
      category: 'private',
      covered_until: '2026-03-01',
      headcount: 300,
    });
    await make('privateNever', { name: '江北小微企业', category: 'private', covered_until: null, headcount: 200 });
  });
  const names = async (url: string) => {
    const res = await admin.get(url);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { id: string }[]).map((u) => Object.keys(ids).find((k) => ids[k] === u.id) ?? u.id);
  };

  it('by agency, sorted by headcount', async () => {
    expect(await names(`/api/v1/units?agencyId=${agencyId}`)).toEqual([
      'soeCovered',
      'soeToday',
      'privateExpired',
      'privateNever',
    ]);
  });
  it('by category', async () => {
    expect(await names(`/api/v1/units?agencyId=${agencyId}&category=private`)).toEqual([
      'privateExpired',
      'privateNever',
    ]);
  });
  it('by enrolled: covered until today or later counts, in China time', async () => {
    expect(await names(`/api/v1/units?agencyId=${agencyId}&enrolled=true`)).toEqual(['soeCovered', 'soeToday']);
    expect(await names(`/api/v1/units?agencyId=${agencyId}&enrolled=false`)).toEqual([
      'privateExpired',
      'privateNever',
    ]);
    const start = ctx.clock.now().toISOString();
    try {
      ctx.clock.set('2026-03-02T16:00:00.000Z'); // midnight in Chongqing: 2026-03-03 has begun
      const late = await ctx.as('office_admin');
      const res = await late.get(`/api/v1/units?agencyId=${agencyId}&enrolled=true`);
      expect((res.json().items as { id: string }[]).map((u) => u.id)).toEqual([ids.soeCovered]);
    } finally {
      ctx.clock.set(start);
    }
  });
  it('by q: part of the name, or the exact credit code', async () => {
    expect(await names(`/api/v1/units?q=${encodeURIComponent('国有')}`)).toEqual(['soeCovered', 'soeToday']);
    const unit = await ctx.handle.db
      .selectFrom('unit')
      .select('credit_code')
      .where('id', '=', ids.privateNever!)
      .executeTakeFirstOrThrow();
    expect(await names(`/api/v1/units?q=${unit.credit_code.toLowerCase()}`)).toEqual(['privateNever']);
  });
  it('takes LIKE wildcards and SQL in q literally; the table survives', async () => {
    expect(await names(`/api/v1/units?agencyId=${agencyId}&q=%25`)).toEqual(['privateExpired']);
    expect(await names(`/api/v1/units?agencyId=${agencyId}&q=_`)).toEqual(['privateExpired']);
    for (const q of ["'; drop table unit; --", "' or '1'='1", '" or 1=1 --', '\\', "%' --"]) {
      const res = await admin.get(`/api/v1/units?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().total).toBe(0);
    }
    const count = await ctx.handle.db
      .selectFrom('unit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBeGreaterThanOrEqual(4);
  });
  it('pages', async () => {
    const p2 = await admin.get(`/api/v1/units?agencyId=${agencyId}&page=2&pageSize=3`);
    expect(p2.json()).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(p2.json().items).toHaveLength(1);
  });
  it.each(['pageSize=501', 'pageSize=0', 'page=0', 'page=abc', 'enrolled=yes', 'category=company'])(
    'refuses %s with 400',
    async (query) => {
      const res = await admin.get(`/api/v1/units?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    },
  );
});
