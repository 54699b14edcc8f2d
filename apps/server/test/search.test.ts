import { idCheckChar, maskIdNumber, SEARCH_COUNT_CAP } from '@huzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateTo, migrateToLatest } from '../src/db/migrate.ts';
import type { MemberRow, UnitRow } from '../src/db/tables.ts';
import { newId } from '../src/ids.ts';
import { claimNumberOf } from '../src/repositories/claim.repository.ts';
import { type Agent, createTestContext, type TestContext } from './helpers/test-context.ts';

/**
 * Search where a clerk looks for someone (issue 14 item 2): members by name, mobile, ID number and unit; units by
 * name (contains, Chinese) and credit code; claims by number, name, mobile and ID number — each within the caller's
 * scope only, with bounded counts and keyset paging, and text that means nothing to SQL.
 */
let ctx: TestContext;
let admin: Agent;
let staffA: Agent;
let staffB: Agent;
let agentA1: Agent;
let agencyA: string;
let agencyB: string;
let uA1: UnitRow;
let uA2: UnitRow;
let uB1: UnitRow;
let wangA: MemberRow & { idNumber: string };
let wangB: MemberRow & { idNumber: string };
let liA: MemberRow & { idNumber: string };
let otherOffice: MemberRow & { idNumber: string };
let claimA: string;
let claimB: string;

let order = 0;
/** A valid ID number no other test member has. */
function freshId(birth = '19880412'): string {
  order += 1;
  const first17 = `500112${birth}${String(order).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

async function insertClaim(m: MemberRow, unit: UnitRow | null): Promise<string> {
  const id = newId();
  const now = ctx.clock.now().toISOString();
  await ctx.handle.db
    .insertInto('claim')
    .values({
      id,
      office_id: m.office_id,
      member_id: m.id,
      unit_id: unit?.id ?? null,
      agency_id: unit?.agency_id ?? null,
      policy_id: null,
      kind: 'inpatient',
      cause: 'illness',
      event_date: '2026-02-01',
      facts_json: '{}',
      invoice_numbers_json: '[]',
      status: 'submitted',
      flags_json: '[]',
      assessed_amount_fen: 0,
      filed_on: '2026-02-03',
      filed_by: 'test',
      created_at: now,
      updated_at: now,
      prechecked_at: null,
      accepted_at: null,
      due_date: null,
      decided_at: null,
      decided_by: null,
      approved_amount_fen: null,
      decision_reason: null,
      override_reason: null,
      return_reason: null,
      overdue: 0,
      notified_overdue_at: null,
      paid_at: null,
      decision_working_days: null,
    })
    .execute();
  return id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('office_admin');
  agencyA = (await ctx.newAgency({ name: '江北区' })).id;
  agencyB = (await ctx.newAgency({ name: '万州区' })).id;
  staffA = await ctx.as('agency_staff', { agency_id: agencyA });
  staffB = await ctx.as('agency_staff', { agency_id: agencyB });
  uA1 = await ctx.newUnit({ agency_id: agencyA, name: '重庆建工集团有限公司', headcount: 900 });
  uA2 = await ctx.newUnit({ agency_id: agencyA, name: '渝北区快递服务站', headcount: 30 });
  uB1 = await ctx.newUnit({ agency_id: agencyB, name: '万州港务有限公司', headcount: 400 });
  agentA1 = await ctx.as('unit_agent', { unit_id: uA1.id, agency_id: agencyA });
  wangA = await ctx.newMember({ name: '王小明', unit_id: uA1.id, mobile: '13800000001', idNumber: freshId() });
  wangB = await ctx.newMember({ name: '王大伟', unit_id: uB1.id, mobile: '13800000002', idNumber: freshId() });
  liA = await ctx.newMember({ name: '李四', unit_id: uA2.id, mobile: '13800000003', idNumber: freshId() });
  // Another office holds a person with the same ID number, name and mobile: never found from this office.
  const office2 = await ctx.newOffice();
  const unit2 = await ctx.newUnit({ office_id: office2.id, name: '重庆建工集团第二公司' });
  otherOffice = await ctx.newMember({
    office_id: office2.id,
    unit_id: unit2.id,
    name: '王小明',
    mobile: '13800000001',
    idNumber: wangA.idNumber,
  });
  claimA = await insertClaim(wangA, uA1);
  claimB = await insertClaim(wangB, uB1);
  await insertClaim(otherOffice, unit2);
});
afterAll(() => ctx.close());

const names = (res: { json(): { items: { name: string }[] } }) =>
  res
    .json()
    .items.map((m) => m.name)
    .sort();
const get = async (agent: Agent, url: string) => {
  const res = await agent.get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res;
};
const q = encodeURIComponent;

describe('GET /members: search', () => {
  it('finds by name prefix (Chinese), each caller only within scope', async () => {
    expect(names(await get(admin, `/api/v1/members?q=${q('王')}`))).toEqual(['王大伟', '王小明']);
    expect(names(await get(admin, `/api/v1/members?q=${q('王小')}`))).toEqual(['王小明']);
    expect(names(await get(staffA, `/api/v1/members?q=${q('王')}`))).toEqual(['王小明']);
    expect(names(await get(staffB, `/api/v1/members?q=${q('王')}`))).toEqual(['王大伟']);
    expect(names(await get(agentA1, `/api/v1/members?q=${q('王')}`))).toEqual(['王小明']);
    expect(names(await get(agentA1, `/api/v1/members?q=${q('李')}`))).toEqual([]);
    // The middle of a name is not its start.
    expect(names(await get(admin, `/api/v1/members?q=${q('小明')}`))).toEqual([]);
    const page = (await get(admin, `/api/v1/members?q=${q('王')}`)).json();
    expect(page).toMatchObject({ total: 2, totalCapped: false, page: 1, pageSize: 50, next: null });
  });

  it('finds by exact mobile and by full ID number (in q or idNumber), masked, never across agencies or offices', async () => {
    const byMobile = (await get(admin, '/api/v1/members?q=13800000001')).json();
    expect(byMobile.items.map((m: { id: string }) => m.id)).toEqual([wangA.id]);
    expect(byMobile.items[0].mobile).toBe('138****0001');
    expect(names(await get(admin, '/api/v1/members?q=1380000000'))).toEqual([]);
    for (const url of [`/api/v1/members?q=${wangA.idNumber}`, `/api/v1/members?idNumber=${wangA.idNumber}`]) {
      const res = await get(admin, url);
      expect(res.json().items.map((m: { id: string }) => m.id)).toEqual([wangA.id]);
      expect(res.json().items[0].idNumberMasked).toBe(maskIdNumber(wangA.idNumber));
      expect(res.body).not.toContain(wangA.idNumber);
    }
    // Agency B's staff do not find agency A's member by any key.
    for (const text of [wangA.idNumber, '13800000001', '王小明'])
      expect(names(await get(staffB, `/api/v1/members?q=${q(text)}`))).toEqual([]);
    expect(names(await get(staffB, `/api/v1/members?idNumber=${wangA.idNumber}`))).toEqual([]);
    // A well-formed number with a wrong check digit: no one (in q), a 422 (in idNumber).
    const wrong = `${wangA.idNumber.slice(0, 17)}${wangA.idNumber.endsWith('1') ? '2' : '1'}`;
    expect(names(await get(admin, `/api/v1/members?q=${wrong}`))).toEqual([]);
    expect((await admin.get(`/api/v1/members?idNumber=${wrong}`)).json().code).toBe('ID_CHECKSUM_INVALID');
  });

  it('finds within a unit, by name too', async () => {
    const inUnit = (await get(admin, `/api/v1/members?unitId=${uA2.id}`)).json();
    expect(inUnit.items.map((m: { id: string }) => m.id)).toEqual([liA.id]);
    expect(names(await get(admin, `/api/v1/members?unitId=${uA2.id}&q=${q('王')}`))).toEqual([]);
    expect(names(await get(staffB, `/api/v1/members?unitId=${uA2.id}`))).toEqual([]);
  });

  it('treats LIKE and SQL characters as text; refuses a query longer than 50 characters', async () => {
    for (const text of ['%', '_', '王%', '王_', "'", "王' or '1'='1", '"; drop table member; --', '\\', '王\\%'])
      expect(names(await get(admin, `/api/v1/members?q=${q(text)}`)), text).toEqual([]);
    const long = await admin.get(`/api/v1/members?q=${q('王'.repeat(51))}`);
    expect(long.statusCode).toBe(400);
    expect(long.json().code).toBe('VALIDATION_FAILED');
    const badCursor = await admin.get('/api/v1/members?q=%E7%8E%8B&after=not-a-cursor');
    expect(badCursor.statusCode).toBe(400);
    expect(await ctx.handle.db.selectFrom('member').select('id').limit(1).execute()).toHaveLength(1);
  });

  it('counts up to the cap ("1,000+") and pages by keyset through every match', async () => {
    const unit = await ctx.newUnit({ agency_id: agencyA, name: '陈家桥工业园区管理处' });
    const rows: MemberRow[] = [];
    for (let i = 0; i < SEARCH_COUNT_CAP + 5; i++) {
      const idNumber = freshId('19900101');
      rows.push({
        id: newId(),
        office_id: ctx.office.id,
        name: `陈${String(i).padStart(4, '0')}`,
        id_number_enc: ctx.deps.cipher.encrypt(idNumber),
        id_number_hash: ctx.deps.cipher.blindIndex(idNumber),
        id_number_masked: maskIdNumber(idNumber),
        sex: 'male',
        birth_date: '1990-01-01',
        mobile: null,
        employment_kind: 'employee',
        gig_kind: null,
        household: 'urban',
        has_medical_insurance: 1,
        bank_name: null,
        bank_account_enc: null,
        bank_account_last4: null,
        unit_id: unit.id,
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:00.000Z',
      });
    }
    for (let i = 0; i < rows.length; i += 200)
      await ctx.handle.db
        .insertInto('member')
        .values(rows.slice(i, i + 200))
        .execute();
    const first = (await get(admin, `/api/v1/members?q=${q('陈')}&pageSize=500`)).json();
    expect(first).toMatchObject({ total: SEARCH_COUNT_CAP, totalCapped: true });
    const seen: string[] = first.items.map((m: { name: string }) => m.name);
    let next: string | null = first.next;
    while (next) {
      const page = (await get(admin, `/api/v1/members?q=${q('陈')}&pageSize=500&after=${next}`)).json();
      seen.push(...page.items.map((m: { name: string }) => m.name));
      next = page.next;
    }
    expect(seen).toEqual(rows.map((r) => r.name));
    // Page numbers still reach the end too.
    const third = (await get(admin, `/api/v1/members?q=${q('陈')}&pageSize=500&page=3`)).json();
    expect(third.items.map((m: { name: string }) => m.name)).toEqual(rows.slice(1000).map((r) => r.name));
    expect(third.next).toBeNull();
    // Within the unit: the same members, the same cap.
    expect((await get(staffA, `/api/v1/members?unitId=${unit.id}`)).json()).toMatchObject({
      total: SEARCH_COUNT_CAP,
      totalCapped: true,
    });
    expect((await get(staffB, `/api/v1/members?q=${q('陈')}`)).json()).toMatchObject({ total: 0, items: [] });
  });
});

describe('GET /units: search', () => {
  const unitNames = (res: { json(): { items: { name: string }[] } }) =>
    res
      .json()
      .items.map((u) => u.name)
      .sort();

  it('finds by any part of the name (Chinese), by prefix, by one character, first or last', async () => {
    expect(unitNames(await get(admin, `/api/v1/units?q=${q('建工')}`))).toEqual(['重庆建工集团有限公司']);
    expect(unitNames(await get(admin, `/api/v1/units?q=${q('重庆建')}`))).toEqual(['重庆建工集团有限公司']);
    expect(unitNames(await get(admin, `/api/v1/units?q=${q('集团有限')}`))).toEqual(['重庆建工集团有限公司']);
    expect(unitNames(await get(admin, `/api/v1/units?q=${q('港')}`))).toEqual(['万州港务有限公司']);
    expect(unitNames(await get(admin, `/api/v1/units?q=${q('站')}`))).toEqual(['渝北区快递服务站']);
    expect(unitNames(await get(admin, `/api/v1/units?q=${q('有限公司')}`))).toEqual([
      '万州港务有限公司',
      '重庆建工集团有限公司',
    ]);
    // Pieces present but not in this order: not a match.
    expect(unitNames(await get(admin, `/api/v1/units?q=${q('公司有限')}`))).toEqual([]);
    expect(unitNames(await get(admin, `/api/v1/units?q=${q('建港')}`))).toEqual([]);
  });

  it('finds by credit code prefix, any case; only units in scope', async () => {
    const code = uB1.credit_code;
    expect(unitNames(await get(admin, `/api/v1/units?q=${code.slice(0, 17)}`))).toEqual(['万州港务有限公司']);
    expect(unitNames(await get(admin, `/api/v1/units?q=${code.toLowerCase()}`))).toEqual(['万州港务有限公司']);
    expect(unitNames(await get(staffA, `/api/v1/units?q=${code}`))).toEqual([]);
    expect(unitNames(await get(staffA, `/api/v1/units?q=${q('港务')}`))).toEqual([]);
    expect(unitNames(await get(agentA1, `/api/v1/units?q=${q('快递')}`))).toEqual([]);
    expect(unitNames(await get(agentA1, `/api/v1/units?q=${q('建工')}`))).toEqual(['重庆建工集团有限公司']);
    // The other office's 重庆建工集团第二公司 is not there.
    expect((await get(admin, `/api/v1/units?q=${q('第二')}`)).json()).toMatchObject({ total: 0, totalCapped: false });
  });

  it('follows renames and new units (the pieces are kept by the database on every write)', async () => {
    await ctx.handle.db.updateTable('unit').set({ name: '渝北区顺丰快递营业部' }).where('id', '=', uA2.id).execute();
    expect(unitNames(await get(admin, `/api/v1/units?q=${q('服务站')}`))).toEqual([]);
    expect(unitNames(await get(admin, `/api/v1/units?q=${q('顺丰')}`))).toEqual(['渝北区顺丰快递营业部']);
    const created = await admin.post('/api/v1/units', {
      name: 'ABC 物流（重庆）有限公司',
      creditCode: ctxCreditCode(),
      category: 'private',
      agencyId: agencyA,
      headcount: 12,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(unitNames(await get(admin, `/api/v1/units?q=${q('abc 物流')}`))).toEqual(['ABC 物流（重庆）有限公司']);
    expect(unitNames(await get(admin, `/api/v1/units?q=${q('（重庆）')}`))).toEqual(['ABC 物流（重庆）有限公司']);
    const gone = await ctx.newUnit({ agency_id: agencyA, name: '临时测试筹备组' });
    await ctx.handle.db.deleteFrom('unit').where('id', '=', gone.id).execute();
    expect(unitNames(await get(admin, `/api/v1/units?q=${q('筹备')}`))).toEqual([]);
    const left = await ctx.handle.db
      .selectFrom('unit_name_gram')
      .select('gram')
      .where('unit_id', '=', gone.id)
      .execute();
    expect(left).toEqual([]);
  });

  it('treats LIKE and SQL characters as text; refuses a query longer than 100 characters', async () => {
    for (const text of ['%', '_', '%%', '有限%', '_司', "'", "' or 1=1 --", '\\'])
      expect(unitNames(await get(admin, `/api/v1/units?q=${q(text)}`)), text).toEqual([]);
    expect((await admin.get(`/api/v1/units?q=${q('公'.repeat(101))}`)).statusCode).toBe(400);
  });

  it('counts up to the cap ("1,000+")', async () => {
    const rows = Array.from({ length: SEARCH_COUNT_CAP + 1 }, (_, i) => ({
      id: newId(),
      office_id: ctx.office.id,
      agency_id: agencyB,
      name: `綦江区矿业第${i}分公司`,
      credit_code: `91500000${String(i).padStart(10, '0')}`,
      credit_code_valid: 0,
      category: 'private',
      industry: null,
      headcount: 10,
      female_headcount: null,
      contact_name: null,
      contact_phone: null,
      bank_name: null,
      bank_account_enc: null,
      covered_until: null,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    }));
    for (let i = 0; i < rows.length; i += 200)
      await ctx.handle.db
        .insertInto('unit')
        .values(rows.slice(i, i + 200))
        .execute();
    expect((await get(admin, `/api/v1/units?q=${q('矿业')}`)).json()).toMatchObject({
      total: SEARCH_COUNT_CAP,
      totalCapped: true,
    });
    expect((await get(admin, `/api/v1/units?q=${q('矿业第1000分')}`)).json()).toMatchObject({ total: 1 });
    expect((await get(staffA, `/api/v1/units?q=${q('矿业')}`)).json()).toMatchObject({ total: 0 });
  });
});

let creditSeq = 0;
function ctxCreditCode(): string {
  creditSeq += 1;
  return `91500112MA${String(creditSeq).padStart(7, '0')}X`;
}

describe('GET /claims: search', () => {
  const ids = (res: { json(): { items: { id: string }[] } }) =>
    res
      .json()
      .items.map((c) => c.id)
      .sort();

  it('carries the claim number and finds a claim by it (any case) or by its full id', async () => {
    const reviewer = await ctx.as('office_reviewer');
    const page = (await get(reviewer, '/api/v1/claims')).json();
    expect(page.items.find((c: { id: string }) => c.id === claimA).number).toBe(claimNumberOf(claimA));
    expect(ids(await get(reviewer, `/api/v1/claims?q=${claimNumberOf(claimA)}`))).toEqual([claimA]);
    expect(ids(await get(reviewer, `/api/v1/claims?q=${claimNumberOf(claimA).toLowerCase()}`))).toEqual([claimA]);
    expect(ids(await get(reviewer, `/api/v1/claims?q=${claimA}`))).toEqual([claimA]);
    expect(ids(await get(reviewer, `/api/v1/claims?q=${claimA.toUpperCase()}`))).toEqual([claimA]);
  });

  it('finds by member name, mobile and full ID number — within scope only', async () => {
    expect(ids(await get(admin, `/api/v1/claims?q=${q('王')}`))).toEqual([claimA, claimB].sort());
    expect(ids(await get(admin, `/api/v1/claims?q=${q('王小明')}`))).toEqual([claimA]);
    expect(ids(await get(admin, '/api/v1/claims?q=13800000002'))).toEqual([claimB]);
    expect(ids(await get(admin, `/api/v1/claims?q=${wangA.idNumber}`))).toEqual([claimA]);
    expect(ids(await get(admin, `/api/v1/claims?idNumber=${wangA.idNumber}`))).toEqual([claimA]);
    expect(ids(await get(admin, `/api/v1/claims?idNumber=${wangA.idNumber}&q=${wangB.idNumber}`))).toEqual([]);
    expect(ids(await get(staffA, `/api/v1/claims?q=${q('王')}`))).toEqual([claimA]);
    for (const text of [claimNumberOf(claimA), claimA, '13800000001', wangA.idNumber, '王小明'])
      expect(ids(await get(staffB, `/api/v1/claims?q=${q(text)}`)), text).toEqual([]);
    expect(ids(await get(agentA1, `/api/v1/claims?q=${q('王')}`))).toEqual([claimA]);
    const res = (await get(admin, `/api/v1/claims?q=${q('王')}`)).json();
    expect(res).toMatchObject({ total: 2, totalCapped: false });
    expect(res.counts).toEqual((await get(admin, '/api/v1/claims')).json().counts);
    expect((await admin.get('/api/v1/claims?idNumber=500112198804120000')).json().code).toBe('ID_CHECKSUM_INVALID');
  });

  it('treats LIKE and SQL characters as text; refuses a query longer than 50 characters', async () => {
    for (const text of ['%', '_', '王%', "'", "' or '1'='1", '%25', '________', '12345678-'])
      expect(ids(await get(admin, `/api/v1/claims?q=${q(text)}`)), text).toEqual([]);
    expect((await admin.get(`/api/v1/claims?q=${q('王'.repeat(51))}`)).statusCode).toBe(400);
  });
});

describe('migration 0020 over existing data', () => {
  it('goes down and up again: units written in between are found by their names', async () => {
    await migrateTo(ctx.handle.db, '0019-claim-queue-count');
    const between = await ctx.newUnit({ agency_id: agencyA, name: '两江新区迁移测试厂' });
    await migrateToLatest(ctx.handle.db);
    const found = (await get(admin, `/api/v1/units?q=${q('迁移测试')}`)).json();
    expect(found.items.map((u: { id: string }) => u.id)).toEqual([between.id]);
    expect(names(await get(admin, `/api/v1/members?q=${q('王')}`))).toEqual(['王大伟', '王小明']);
    expect(ids2(await get(admin, `/api/v1/claims?q=${claimNumberOf(claimB)}`))).toEqual([claimB]);
  });
});

const ids2 = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((c) => c.id);
