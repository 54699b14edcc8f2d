import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClaimsWorld, type ClaimsWorld, expectOk, inpatientClaim, newPolicy } from './helpers/claims-factory.ts';
import { createTestContext, type TestContext } from './helpers/test-context.ts';

// Today is 2026-03-02 in the test clock.
let ctx: TestContext;
let w: ClaimsWorld;
beforeAll(async () => {
  ctx = await createTestContext();
  w = await buildClaimsWorld(ctx);
});
afterAll(() => ctx.close());

const claimCount = async () =>
  Number(
    (
      await ctx.handle.db
        .selectFrom('claim')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('impossible facts are refused and store nothing', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    [
      'an event in the future',
      { eventDate: '2026-03-03', admissionDate: '2026-03-03', dischargeDate: undefined },
      'eventDate',
    ],
    ['a discharge in the future', { dischargeDate: '2026-03-05' }, 'dischargeDate'],
    ['a discharge before the admission', { admissionDate: '2026-01-10', dischargeDate: '2026-01-09' }, 'dischargeDate'],
    ['a negative amount', { totalExpensesFen: -1 }, 'totalExpensesFen'],
    ['a non-integer amount', { selfPaidFen: 1000.5 }, 'selfPaidFen'],
    ['a self-paid part above the total', { totalExpensesFen: 100_000, selfPaidFen: 100_001 }, 'selfPaidFen'],
    ['a date that does not exist', { eventDate: '2026-02-30' }, 'eventDate'],
    ['an unknown kind', { kind: 'headache' }, 'kind'],
    ['a disability grade of 0', { kind: 'disability', cause: 'accident', disabilityGrade: 0 }, 'disabilityGrade'],
    ['a disability grade of 11', { kind: 'disability', cause: 'accident', disabilityGrade: 11 }, 'disabilityGrade'],
    [
      'a fractional disability grade',
      { kind: 'disability', cause: 'accident', disabilityGrade: 2.5 },
      'disabilityGrade',
    ],
    ['a grade on a claim that is not for disability', { disabilityGrade: 3 }, 'disabilityGrade'],
  ];
  it.each(cases)('%s → 400 VALIDATION_FAILED naming %s', async (_name, over, field) => {
    const before = await claimCount();
    const res = await w.callers.unit.post('/api/v1/claims', inpatientClaim(w.member.id, over));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.json().details)).toContain(field);
    expect(await claimCount()).toBe(before);
  });

  it('an amount of zero and a grade of 1 or 10 are possible', async () => {
    const zero = await w.callers.unit.post('/api/v1/claims', inpatientClaim(w.member.id, { selfPaidFen: 0 }));
    expect(zero.statusCode).toBe(201);
    for (const grade of [1, 10]) {
      const res = await w.callers.unit.post(
        '/api/v1/claims',
        inpatientClaim(w.member.id, { kind: 'disability', cause: 'accident', disabilityGrade: grade }),
      );
      expect(res.statusCode).toBe(201);
    }
  });
});

describe('filing a claim', () => {
  it('answers 201 with the engine’s assessment per policy, and stores the claim with its explanation', async () => {
    const res = await w.callers.unit.post('/api/v1/claims', inpatientClaim(w.member.id, { invoiceNumbers: ['A-1'] }));
    expect(res.statusCode).toBe(201);
    const claim = res.json();
    expect(claim).toMatchObject({
      status: 'submitted',
      memberId: w.member.id,
      unitId: w.unit.id,
      agencyId: w.agency.id,
    });
    expect(claim.assessments).toHaveLength(1);
    expect(claim.assessments[0]).toMatchObject({
      policyId: w.med.id,
      payable: true,
      amountFen: 255_000,
      productCode: 'MED',
    });
    expect(claim.assessments[0].lines.join('\n')).toMatch(/30%[\s\S]*35%/);
    expect(claim.assessedAmountFen).toBe(255_000);
    expect(claim.requiredSlots).toEqual([1, 2, 3]);
    expect(claim.missingSlots).toEqual([1, 2, 3]);
    expect(claim.invoiceNumbers).toEqual(['A-1']);
    expect(claim.history.map((h: { action: string }) => h.action)).toEqual(['claim.create']);
    const got = expectOk(await w.callers.agency.get(`/api/v1/claims/${claim.id}`));
    expect(got.assessments[0].lines).toEqual(claim.assessments[0].lines);
    expect(got.hospital).toBe('重庆医科大学附属第一医院');
  });

  it('matches an unnamed claim to every policy that can pay for the event, and to nothing else', async () => {
    const m = await ctx.newMember({ unit_id: w.unit.id, name: '王强' });
    const med = await newPolicy(ctx, { memberId: m.id, productCode: 'MED', startDate: '2025-06-01', ...w.place });
    const gig = await newPolicy(ctx, { memberId: m.id, productCode: 'GIG', startDate: '2025-09-01' });
    await newPolicy(ctx, { memberId: m.id, productCode: 'CI_A', startDate: '2025-06-01', ...w.place });
    await newPolicy(ctx, { memberId: m.id, productCode: 'MED', startDate: '2024-06-01', ...w.place });
    const res = await w.callers.unit.post('/api/v1/claims', {
      memberId: m.id,
      kind: 'accident_medical',
      cause: 'accident',
      eventDate: '2026-02-01',
      totalExpensesFen: 2_000_000,
      selfPaidFen: 800_000,
    });
    const claim = expectOk(res, 201);
    const byPolicy = Object.fromEntries(
      claim.assessments.map((a: { policyId: string; amountFen: number }) => [a.policyId, a.amountFen]),
    );
    // MED: 5,000 × 30 % + 3,000 × 35 %; GIG: (20,000 − 100) × 90 % capped at 10,000.
    expect(byPolicy).toEqual({ [med.id]: 255_000, [gig.id]: 1_000_000 });
    expect(claim.assessedAmountFen).toBe(1_255_000);
  });

  it('assesses only the named policy, storing a refusal with its code', async () => {
    const m = await ctx.newMember({ unit_id: w.unit.id });
    const ci = await newPolicy(ctx, { memberId: m.id, productCode: 'CI_A', startDate: '2025-06-01', ...w.place });
    await newPolicy(ctx, { memberId: m.id, productCode: 'MED', startDate: '2025-06-01', ...w.place });
    const claim = expectOk(await w.callers.unit.post('/api/v1/claims', inpatientClaim(m.id, { policyId: ci.id })), 201);
    expect(claim.policyId).toBe(ci.id);
    expect(claim.assessments).toEqual([
      expect.objectContaining({ policyId: ci.id, payable: false, amountFen: 0, code: 'NOT_ELIGIBLE' }),
    ]);
  });

  it('a policy of another member cannot be named (404)', async () => {
    const other = await ctx.newMember({ unit_id: w.unit.id });
    const p = await newPolicy(ctx, { memberId: other.id, productCode: 'MED', startDate: '2025-06-01', ...w.place });
    const res = await w.callers.unit.post('/api/v1/claims', inpatientClaim(w.member.id, { policyId: p.id }));
    expect(res.statusCode).toBe(404);
  });

  it('refuses (422 NOT_ELIGIBLE, nothing stored) when no policy of the member covers the kind', async () => {
    const m = await ctx.newMember({ unit_id: w.unit.id });
    await newPolicy(ctx, { memberId: m.id, productCode: 'CI_A', startDate: '2025-06-01', ...w.place });
    const before = await claimCount();
    const res = await w.callers.unit.post('/api/v1/claims', inpatientClaim(m.id));
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('NOT_ELIGIBLE');
    expect(await claimCount()).toBe(before);
  });

  it('says why nothing pays when no policy was in force on the event date', async () => {
    const m = await ctx.newMember({ unit_id: w.unit.id });
    await newPolicy(ctx, { memberId: m.id, productCode: 'MED', startDate: '2024-06-01', ...w.place });
    const claim = expectOk(await w.callers.unit.post('/api/v1/claims', inpatientClaim(m.id)), 201);
    expect(claim.assessments[0]).toMatchObject({ payable: false, code: 'NOT_COVERED_ON_EVENT_DATE' });
  });

  it('enforces the claim deadline (two years after the event)', async () => {
    const m = await ctx.newMember({ unit_id: w.unit.id });
    await newPolicy(ctx, { memberId: m.id, productCode: 'MED', startDate: '2023-06-01', ...w.place });
    const old = inpatientClaim(m.id, {
      eventDate: '2024-01-10',
      admissionDate: '2024-01-10',
      dischargeDate: '2024-01-20',
    });
    const claim = expectOk(await w.callers.unit.post('/api/v1/claims', old), 201);
    expect(claim.assessments[0]).toMatchObject({ payable: false, code: 'CLAIM_EXPIRED' });
  });

  it('judges the waiting period by cause: illness waits 60 days on MED, an accident does not', async () => {
    const m = await ctx.newMember({ unit_id: w.unit.id });
    await newPolicy(ctx, { memberId: m.id, productCode: 'MED', startDate: '2026-01-15', ...w.place });
    const illness = expectOk(
      await w.callers.unit.post(
        '/api/v1/claims',
        inpatientClaim(m.id, { eventDate: '2026-02-01', admissionDate: '2026-02-01', dischargeDate: '2026-02-05' }),
      ),
      201,
    );
    expect(illness.assessments[0]).toMatchObject({ payable: false, code: 'WAITING_PERIOD' });
    const accident = expectOk(
      await w.callers.unit.post(
        '/api/v1/claims',
        inpatientClaim(m.id, {
          cause: 'accident',
          eventDate: '2026-02-01',
          admissionDate: '2026-02-01',
          dischargeDate: '2026-02-05',
        }),
      ),
      201,
    );
    expect(accident.assessments[0]).toMatchObject({ payable: true, amountFen: 255_000 });
  });
});

describe('guards', () => {
  it('flags a claim within 30 days of a first enrolment, not after a continuous renewal', async () => {
    const fresh = await ctx.newMember({ unit_id: w.unit.id });
    await newPolicy(ctx, { memberId: fresh.id, productCode: 'ALW', startDate: '2026-02-01', ...w.place });
    const renewed = await ctx.newMember({ unit_id: w.unit.id });
    await newPolicy(ctx, {
      memberId: renewed.id,
      productCode: 'ALW',
      startDate: '2026-02-01',
      continuous: true,
      ...w.place,
    });
    const stay = {
      cause: 'accident',
      eventDate: '2026-02-10',
      admissionDate: '2026-02-10',
      dischargeDate: '2026-02-20',
    };
    const a = expectOk(await w.callers.unit.post('/api/v1/claims', inpatientClaim(fresh.id, stay)), 201);
    expect(a.flags).toEqual([expect.objectContaining({ code: 'EARLY_CLAIM' })]);
    expect(a.flags[0].message).toContain('第 10 天');
    const b = expectOk(await w.callers.unit.post('/api/v1/claims', inpatientClaim(renewed.id, stay)), 201);
    expect(b.flags).toEqual([]);
    // ALW: (10 − 3 deductible days) × ¥40 × 1 share.
    expect(b.assessments[0]).toMatchObject({ payable: true, amountFen: 28_000, days: 7 });
  });

  it('flags an invoice number used by another claim (spelled with full-width letters or spaces), on both claims', async () => {
    const m = await ctx.newMember({ unit_id: w.unit.id });
    await newPolicy(ctx, { memberId: m.id, productCode: 'MED', startDate: '2025-06-01', ...w.place });
    const first = expectOk(
      await w.callers.unit.post('/api/v1/claims', inpatientClaim(m.id, { invoiceNumbers: ['fp-0001', 'FP 0002'] })),
      201,
    );
    expect(first.flags).toEqual([]);
    expect(first.invoiceNumbers).toEqual(['FP-0001', 'FP0002']);
    const second = expectOk(
      await w.callers.unit.post('/api/v1/claims', inpatientClaim(m.id, { invoiceNumbers: ['ＦＰ-0001', 'X-9'] })),
      201,
    );
    expect(second.flags).toEqual([
      expect.objectContaining({
        code: 'DUPLICATE_INVOICE',
        details: { invoiceNumbers: ['FP-0001'], claimIds: [first.id] },
      }),
    ]);
    const again = expectOk(await w.callers.unit.get(`/api/v1/claims/${first.id}`));
    expect(again.flags).toEqual([
      expect.objectContaining({
        code: 'DUPLICATE_INVOICE',
        details: { invoiceNumbers: ['FP-0001'], claimIds: [second.id] },
      }),
    ]);
    expect(again.history.map((h: { action: string }) => h.action)).toEqual(['claim.create', 'claim.flag']);
  });
});

describe('the work queue', () => {
  it('lists claims in scope, filtered, with overdue and due-today counts', async () => {
    const list = expectOk(await w.callers.agency.get('/api/v1/claims?status=submitted&pageSize=500'));
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((c: { status: string }) => c.status === 'submitted')).toBe(true);
    expect(list.counts).toEqual({ overdue: 0, dueToday: 0 });
    const byMember = expectOk(await w.callers.agency.get(`/api/v1/claims?memberId=${w.member.id}`));
    expect(byMember.items.every((c: { memberId: string }) => c.memberId === w.member.id)).toBe(true);
    expect(byMember.total).toBe(byMember.items.length);
  });
});
