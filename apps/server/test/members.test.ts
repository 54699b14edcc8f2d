import { idCheckChar } from '@huzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestContext, type TestContext } from './helpers/test-context.ts';

let ctx: TestContext;
let admin: Agent;
let unitId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('office_admin');
  unitId = (await ctx.newUnit({ name: '渝中区示例公司' })).id;
});
afterAll(() => ctx.close());

let seq = 0;
/** A valid ID number born on the date; `wantX` searches for one whose check character is X. */
function idFor(birth = '19850615', region = '500103', wantX = false): string {
  for (;;) {
    seq += 1;
    const first17 = `${region}${birth}${String(seq % 1000).padStart(3, '0')}`;
    const id = first17 + idCheckChar(first17);
    if (!wantX || id.endsWith('X')) return id;
  }
}
const withCheck = (first17: string) => first17 + idCheckChar(first17);
const storedByHash = (idNumber: string) =>
  ctx.handle.db
    .selectFrom('member')
    .selectAll()
    .where('id_number_hash', '=', ctx.deps.cipher.blindIndex(idNumber))
    .execute();
const memberCount = async () =>
  Number(
    (
      await ctx.handle.db
        .selectFrom('member')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('POST /members', () => {
  it('creates a member: sex and birth date from the ID, masked number, ciphertext at rest, audit row', async () => {
    const idNumber = idFor('19900307');
    const res = await admin.post('/api/v1/members', { name: '刘晓燕', idNumber, mobile: '13912345678', unitId });
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json();
    expect(m).toMatchObject({
      name: '刘晓燕',
      idNumberMasked: `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`,
      birthDate: '1990-03-07',
      sex: Number(idNumber[16]) % 2 ? 'male' : 'female',
      unitId,
      employmentKind: 'employee',
      unitHistory: [{ unitId, fromDate: '2026-03-02', toDate: null }],
    });
    expect(res.body).not.toContain(idNumber);
    const [row] = await storedByHash(idNumber);
    expect(row?.id_number_enc).toBeTruthy();
    expect(row?.id_number_enc).not.toContain(idNumber);
    expect(row?.id_number_enc).not.toContain(idNumber.slice(6, 14));
    expect(row?.id_number_hash).not.toContain(idNumber);
    const audit = await ctx.handle.db.selectFrom('audit_log').selectAll().where('object_id', '=', m.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['member.create']);
    expect(audit[0]?.after_json).not.toContain(idNumber);
  });

  it.each([
    ['Latin letters', 'Li Lei'],
    ['a minority name with the middle dot', '阿依古丽·买买提'],
    ['surrounding spaces', '  王五  '],
  ])('accepts a name with %s', async (_l, name) => {
    const res = await admin.post('/api/v1/members', { name, idNumber: idFor(), unitId });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().name).toBe(name.trim());
  });

  const refusals: [string, Record<string, unknown>, number, string][] = [
    ['a digit in the name', { name: '张3' }, 422, 'NAME_INVALID'],
    ['markup in the name', { name: '<script>' }, 422, 'NAME_INVALID'],
    ['an empty name', { name: '   ' }, 400, 'VALIDATION_FAILED'],
    ['an impossible birth date', { idNumber: withCheck('50010319900230123') }, 422, 'BIRTH_DATE_INVALID'],
    ['29 February of a common year', { idNumber: withCheck('50010319910229123') }, 422, 'BIRTH_DATE_INVALID'],
    ['month 13', { idNumber: withCheck('50010319901301123') }, 422, 'BIRTH_DATE_INVALID'],
    ['a future birth date', { idNumber: idFor('20270101') }, 422, 'BIRTH_DATE_INVALID'],
    ['a birth date after today', { idNumber: idFor('20260303') }, 422, 'BIRTH_DATE_INVALID'],
    ['17 digits', { idNumber: idFor().slice(0, 17) }, 422, 'ID_FORMAT_INVALID'],
    ['letters', { idNumber: '50010319850615ABCD' }, 422, 'ID_FORMAT_INVALID'],
    ['a bad mobile', { mobile: '12345' }, 422, 'PHONE_INVALID'],
    ['a landline as mobile', { mobile: '023-6789123' }, 422, 'PHONE_INVALID'],
    ['an unknown employment kind', { employmentKind: 'boss' }, 400, 'VALIDATION_FAILED'],
  ];
  it.each(refusals)('refuses %s and stores nothing', async (_label, patch, status, code) => {
    const before = await memberCount();
    const res = await admin.post('/api/v1/members', { name: '赵六', idNumber: idFor(), unitId, ...patch });
    expect(res.statusCode, res.body).toBe(status);
    if (code) expect(res.json().code).toBe(code);
    expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
    expect(await memberCount()).toBe(before);
  });

  it('refuses a wrong check character with 422 ID_CHECKSUM_INVALID', async () => {
    const good = idFor();
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const res = await admin.post('/api/v1/members', { name: '赵六', idNumber: bad, unitId });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'ID_CHECKSUM_INVALID', message: '身份证号校验位错误' });
    expect(await storedByHash(bad)).toHaveLength(0);
  });

  it('normalises a lower-case x, full-width digits and spaces; a duplicate in another spelling is 409', async () => {
    const idNumber = idFor('19800101', '500103', true);
    const lower = ` ${idNumber.toLowerCase()} `;
    const res = await admin.post('/api/v1/members', { name: '钱七', idNumber: lower, unitId });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().idNumberMasked.endsWith('X')).toBe(true);
    expect((await admin.post(`/api/v1/members/${res.json().id}/reveal`)).json().idNumber).toBe(idNumber);

    const fullWidth = idNumber.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const dup = await admin.post('/api/v1/members', { name: '钱七', idNumber: fullWidth, unitId });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('MEMBER_DUPLICATE');
    expect(await storedByHash(idNumber)).toHaveLength(1);
  });

  it('converts a 15-digit number to 18 digits; the 18-digit form is then a duplicate', async () => {
    const fifteen = `500103850615${String(100 + (seq++ % 800)).padStart(3, '0')}`;
    const res = await admin.post('/api/v1/members', { name: '孙八', idNumber: fifteen, unitId });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().birthDate).toBe('1985-06-15');
    const eighteen = (await admin.post(`/api/v1/members/${res.json().id}/reveal`)).json().idNumber as string;
    expect(eighteen).toBe(`50010319${fifteen.slice(6)}${idCheckChar(`50010319${fifteen.slice(6)}`)}`);
    const dup = await admin.post('/api/v1/members', { name: '孙八', idNumber: eighteen, unitId });
    expect(dup.statusCode).toBe(409);
  });

  it('two simultaneous creates with one ID number: one 201, one 409, never a 500', async () => {
    const idNumber = idFor();
    const results = await Promise.all([
      admin.post('/api/v1/members', { name: '周九', idNumber, unitId }),
      admin.post('/api/v1/members', { name: '周九', idNumber, unitId }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await storedByHash(idNumber)).toHaveLength(1);
  });
});

describe('GET /members', () => {
  let target: Awaited<ReturnType<TestContext['newMember']>>;
  beforeAll(async () => {
    const u = await ctx.newUnit();
    target = await ctx.newMember({ unit_id: u.id, name: '欧阳娜娜', mobile: '13700001111' });
    await ctx.newMember({ unit_id: u.id, name: '欧阳修', mobile: '13700002222' });
    await ctx.newMember({ unit_id: u.id, name: '阳光', mobile: '13700003333' });
  });
  const found = async (query: string) => {
    const res = await admin.get(`/api/v1/members?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as { id: string; name: string; idNumberMasked: string; mobile: string }[];
  };

  it('finds by the full ID number (exact, through the blind index), however it is written', async () => {
    expect((await found(`idNumber=${target.idNumber}`)).map((m) => m.id)).toEqual([target.id]);
    expect(
      (await found(`idNumber=${encodeURIComponent(` ${target.idNumber.toLowerCase()} `)}`)).map((m) => m.id),
    ).toEqual([target.id]);
  });

  it.each([
    ['part of a number', () => target.idNumber.slice(0, 10), 'ID_FORMAT_INVALID'],
    [
      'a wrong check character',
      () => target.idNumber.slice(0, 17) + (target.idNumber[17] === '1' ? '2' : '1'),
      'ID_CHECKSUM_INVALID',
    ],
    ['SQL', () => "' or 1=1 --", 'ID_FORMAT_INVALID'],
  ])('refuses an ID-number query that is %s with 422', async (_l, value, code) => {
    const res = await admin.get(`/api/v1/members?idNumber=${encodeURIComponent(value())}`);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe(code);
  });

  it('finds by name prefix, not by a middle part', async () => {
    expect((await found(`q=${encodeURIComponent('欧阳')}`)).map((m) => m.name).sort()).toEqual(
      ['欧阳娜娜', '欧阳修'].sort(),
    );
    expect((await found(`q=${encodeURIComponent('阳')}`)).map((m) => m.name)).toEqual(['阳光']);
    expect(await found(`q=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await found(`q=${encodeURIComponent('_')}`)).toEqual([]);
  });

  it('finds by the exact mobile, never by part of it', async () => {
    expect((await found('q=13700001111')).map((m) => m.id)).toEqual([target.id]);
    expect(await found('q=1370000')).toEqual([]);
  });

  it('never returns the full ID number in a list or detail; lists mask the mobile', async () => {
    const list = await admin.get(`/api/v1/members?idNumber=${target.idNumber}`);
    const detail = await admin.get(`/api/v1/members/${target.id}`);
    for (const res of [list, detail]) {
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(target.idNumber);
      expect(res.body).toContain(target.id_number_masked);
    }
    expect(list.json().items[0].mobile).toBe('137****1111');
    expect((await admin.get(`/api/v1/members/${target.id}/policies`)).json()).toEqual([]);
  });
});

describe('POST /members/:id/reveal', () => {
  it('returns the full number and audits member.reveal_id with the actor', async () => {
    const m = await ctx.newMember();
    const reviewer = await ctx.as('office_reviewer');
    const res = await reviewer.post(`/api/v1/members/${m.id}/reveal`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ idNumber: m.idNumber });
    const audit = await ctx.handle.db.selectFrom('audit_log').selectAll().where('object_id', '=', m.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'member.reveal_id',
      actor_id: reviewer.user.id,
      office_id: ctx.office.id,
    });
    expect(JSON.stringify(audit[0])).not.toContain(m.idNumber);
  });
});

describe('masking in the member list and page', () => {
  it('lists show the masked ID number with birth year and age, never the full birth date; mobiles masked', async () => {
    const idNumber = idFor('19880419');
    const created = await admin.post('/api/v1/members', { name: '邓雨涵', idNumber, mobile: '13812341234', unitId });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const list = (await admin.get(`/api/v1/members?idNumber=${idNumber}`)).json();
    expect(list.items).toHaveLength(1);
    // The test clock stands on 2026-03-02: 37 years old, born 1988.
    expect(list.items[0]).toMatchObject({ birthDate: null, birthYear: 1988, age: 37, mobile: '138****1234' });
    expect(JSON.stringify(list)).not.toContain('0419');
    expect(JSON.stringify(list)).not.toContain('1988-04-19');

    // The page: finance neither contacts members nor sees full numbers — masked mobile, no birth date.
    const finance = await ctx.as('office_finance');
    const seen = (await finance.get(`/api/v1/members/${id}`)).json();
    expect(seen).toMatchObject({ birthDate: null, birthYear: 1988, age: 37, mobile: '138****1234' });
    expect(JSON.stringify(seen)).not.toContain('13812341234');
    // The admin may reveal the number, so has the date and the full mobile.
    expect((await admin.get(`/api/v1/members/${id}`)).json()).toMatchObject({
      birthDate: '1988-04-19',
      mobile: '13812341234',
    });
  });
});
