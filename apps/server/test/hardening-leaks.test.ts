import { registeredElsewhereMessages } from '@huzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, makeCreditCode, makeIdNumber, type TestContext } from './helpers/test-context.ts';

// Issue 15 item 4: a duplicate outside the caller's scope says only "registered elsewhere" — no id.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('duplicates outside scope', () => {
  it("a unit agent adding another agency's member hears only that the person is registered elsewhere", async () => {
    const otherUnit = await ctx.newUnit({ agency_id: (await ctx.newAgency()).id });
    const theirs = await ctx.newMember({ unit_id: otherUnit.id });
    const agent = await ctx.as('unit_agent');
    const res = await agent.post('/api/v1/members', { name: '孙八', idNumber: theirs.idNumber });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({
      code: 'MEMBER_DUPLICATE',
      message: registeredElsewhereMessages.MEMBER_DUPLICATE,
      details: { field: 'idNumber' },
    });
    expect(res.body).not.toContain(theirs.id);
    expect(res.body).not.toContain(otherUnit.id);
  });

  it('in scope the duplicate is named as before (with the member id)', async () => {
    const unit = await ctx.newUnit({ agency_id: (await ctx.newAgency()).id });
    const mine = await ctx.newMember({ unit_id: unit.id });
    const agent = await ctx.as('unit_agent', { unit_id: unit.id });
    const res = await agent.post('/api/v1/members', { name: '孙八', idNumber: mine.idNumber });
    expect(res.json()).toMatchObject({ code: 'MEMBER_DUPLICATE', details: { memberId: mine.id } });
    expect(res.json().message).not.toBe(registeredElsewhereMessages.MEMBER_DUPLICATE);
  });

  it("agency staff registering another agency's credit code get no unit id", async () => {
    const other = await ctx.newUnit({ agency_id: (await ctx.newAgency()).id, credit_code: makeCreditCode() });
    const staff = await ctx.as('agency_staff');
    const res = await staff.post('/api/v1/units', {
      name: '重庆某某有限公司',
      creditCode: other.credit_code,
      category: 'private',
      agencyId: staff.user.agency_id,
      headcount: 3,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({
      code: 'CREDIT_CODE_DUPLICATE',
      message: registeredElsewhereMessages.CREDIT_CODE_DUPLICATE,
      details: { field: 'creditCode' },
    });
    expect(res.body).not.toContain(other.id);
  });

  it('office staff see the unit id (the whole office is theirs)', async () => {
    const unit = await ctx.newUnit({ agency_id: (await ctx.newAgency()).id, credit_code: makeCreditCode() });
    const admin = await ctx.as('office_admin');
    const res = await admin.post('/api/v1/units', {
      name: '重庆某某有限公司',
      creditCode: unit.credit_code,
      category: 'private',
      agencyId: unit.agency_id,
      headcount: 3,
    });
    expect(res.json()).toMatchObject({ code: 'CREDIT_CODE_DUPLICATE', details: { unitId: unit.id } });
  });

  it('an unused ID number still creates the member (control)', async () => {
    const agent = await ctx.as('unit_agent');
    expect((await agent.post('/api/v1/members', { name: '孙八', idNumber: makeIdNumber() })).statusCode).toBe(201);
  });
});
