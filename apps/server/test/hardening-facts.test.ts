import { idCheckChar } from '@huzhu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedClaim, buildClaimsWorld, type ClaimsWorld, inpatientClaim } from './helpers/claims-factory.ts';
import { type Agent, createTestContext, makeCreditCode, type TestContext } from './helpers/test-context.ts';

// Issue 15 item 2: implausible facts and unsafe text are refused through the API, and nothing is stored.
let ctx: TestContext;
let admin: Agent;
let w: ClaimsWorld;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('office_admin');
  w = await buildClaimsWorld(ctx);
});
afterAll(() => ctx.close());

const countOf = async (table: 'unit' | 'member' | 'claim') =>
  Number(
    (
      await ctx.handle.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function unitBody(o: Record<string, unknown> = {}) {
  const agency = await ctx.newAgency();
  return {
    name: '重庆市江北区示例机械有限公司',
    creditCode: makeCreditCode(),
    category: 'private',
    agencyId: agency.id,
    headcount: 12,
    ...o,
  };
}

describe('units', () => {
  it.each([
    ['a NUL in the name', { name: '江北\u0000机械厂' }],
    ['an ESC in the name', { name: '江北\u001b[31m机械厂' }],
    ['a right-to-left override in the name', { name: '江北机械厂\u202egpj.exe' }],
    ['a zero-width-only name', { name: '\u200b\u200b\u200b' }],
    ['a lone surrogate in the name', { name: '江北\ud800机械厂' }],
    ['a contact phone call-me-maybe', { contactPhone: 'call-me-maybe' }],
    ['a control character in the contact name', { contactName: '李\u0007四' }],
  ])('refuses %s (400) and stores nothing', async (_label, o) => {
    const before = await countOf('unit');
    const res = await admin.post('/api/v1/units', await unitBody(o));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(await countOf('unit')).toBe(before);
  });

  it('takes a landline with an extension and stores the name NFC-normalised and trimmed', async () => {
    const res = await admin.post(
      '/api/v1/units',
      await unitBody({ name: ' Cafe\u0301 重庆分店 ', contactPhone: '023-63891234转801' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name: 'Caf\u00e9 重庆分店', contactPhone: '023-63891234转801' });
  });
});

describe('members', () => {
  const idBorn = (yyyymmdd: string) => {
    const first17 = `500103${yyyymmdd}123`;
    return first17 + idCheckChar(first17);
  };
  it('refuses a member born 1800-01-01 (BIRTH_DATE_INVALID)', async () => {
    const before = await countOf('member');
    const res = await admin.post('/api/v1/members', { name: '王五', idNumber: idBorn('18000101') });
    expect(res.json().code).toBe('BIRTH_DATE_INVALID');
    expect(await countOf('member')).toBe(before);
  });

  it('refuses a gig kind on an employee', async () => {
    const res = await admin.post('/api/v1/members', { name: '王五', idNumber: idBorn('19850615'), gigKind: 'rider' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual([expect.objectContaining({ path: 'gigKind' })]);
  });
});

describe('claims', () => {
  it('refuses an event on 1900-01-01 and one in the future', async () => {
    const before = await countOf('claim');
    const old = await w.callers.unit.post(
      '/api/v1/claims',
      inpatientClaim(w.member.id, {
        eventDate: '1900-01-01',
        admissionDate: '1900-01-01',
        dischargeDate: '1900-01-05',
      }),
    );
    expect(old.statusCode, old.body).toBe(400);
    const future = await w.callers.unit.post(
      '/api/v1/claims',
      inpatientClaim(w.member.id, {
        eventDate: '2026-04-01',
        admissionDate: '2026-04-01',
        dischargeDate: '2026-04-05',
      }),
    );
    expect(future.statusCode).toBeGreaterThanOrEqual(400);
    expect(await countOf('claim')).toBe(before);
  });

  it('refuses a decision reason with a bidi override', async () => {
    const id = await acceptedClaim(w, inpatientClaim(w.member.id));
    const res = await w.callers.reviewer.post(`/api/v1/claims/${id}/decision`, {
      decision: 'reject',
      reason: '材料不符\u202e合要求',
    });
    expect(res.statusCode).toBe(400);
  });
});
