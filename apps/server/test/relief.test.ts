import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildClaimsWorld,
  type ClaimsWorld,
  expectOk,
  files,
  inpatientClaim,
  newPolicy,
  uploadSlots,
} from './helpers/claims-factory.ts';
import { createTestContext, type TestContext } from './helpers/test-context.ts';
import { multipartBody } from './helpers/upload.ts';

let ctx: TestContext;
let w: ClaimsWorld;
beforeAll(async () => {
  ctx = await createTestContext();
  w = await buildClaimsWorld(ctx);
});
afterAll(() => ctx.close());

const { memberId: _m, ...claimFacts } = inpatientClaim('x');
const illness = (memberId: string, over: Record<string, unknown> = {}) => ({
  memberId,
  category: 'illness',
  eventDate: '2026-01-10',
  reason: '住院治疗 10 天，家庭负担较重',
  ...over,
});

const put = (agent: ClaimsWorld['callers']['admin'], url: string, payload: Record<string, unknown>) =>
  agent.inject({ method: 'PUT', url, payload });

async function count(table: 'relief_application' | 'claim' | 'relief_claim') {
  const r = await ctx.handle.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
const summary = async () => expectOk(await w.callers.admin.get('/api/v1/reports/summary?asOf=2026-12-31')).reliefPaid;

async function freshMember(name = '王强') {
  const m = await ctx.newMember({ unit_id: w.unit.id, name });
  await newPolicy(ctx, { memberId: m.id, productCode: 'MED', startDate: '2025-06-01', ...w.place });
  expectOk(
    await w.callers.unit.patch(`/api/v1/members/${m.id}/bank-account`, {
      bankName: '中国建设银行重庆分行',
      accountNumber: '6217 0000 1111 2222 333',
    }),
  );
  return m;
}

async function pay(body: Record<string, unknown>, results: (ids: string[]) => { claimId: string; status: string }[]) {
  const batch = expectOk(await w.callers.finance.post('/api/v1/payout-batches', body), 201);
  const refs = batch.items.map((i: { claimId: string }) => i.claimId);
  return { batch, res: await w.callers.finance.post(`/api/v1/payout-batches/${batch.id}/results`, results(refs)) };
}

describe('one-stop relief (慰问+理赔)', () => {
  it('estimates the matching claims, files relief and the ticked claims in one step, linked both ways', async () => {
    const est = expectOk(
      await w.callers.agency.post('/api/v1/relief/estimate', { memberId: w.member.id, claim: claimFacts }),
    );
    expect(est.assessments).toHaveLength(1);
    expect(est.assessments[0]).toMatchObject({ policyId: w.med.id, payable: true, amountFen: 255_000 });
    const claimsBefore = await count('claim');
    const filed = expectOk(
      await w.callers.unit.post('/api/v1/relief', illness(w.member.id, { withClaims: true, claim: claimFacts })),
      201,
    );
    expect(filed).toMatchObject({ status: 'applied', amountFen: 100_000, category: 'illness', origin: 'applied' });
    expect(filed.claims).toHaveLength(1);
    expect(filed.claims[0]).toMatchObject({ status: 'submitted', assessedAmountFen: 255_000 });
    expect(await count('claim')).toBe(claimsBefore + 1);
    // the claim's side of the link
    const back = expectOk(await w.callers.agency.get(`/api/v1/claims/${filed.claims[0].id}/relief`));
    expect(back).toEqual([expect.objectContaining({ id: filed.id, category: 'illness' })]);
    // the unit agent sees no medical facts; the agency does
    expect(filed.facts).toBeNull();
    const seen = expectOk(await w.callers.agency.get(`/api/v1/relief/${filed.id}`));
    expect(seen.facts).toMatchObject({ admissionDate: '2026-01-10', dischargeDate: '2026-01-20' });
    // stored encrypted
    const row = await ctx.handle.db
      .selectFrom('relief_application')
      .selectAll()
      .where('id', '=', filed.id)
      .executeTakeFirstOrThrow();
    expect(row.reason_enc).not.toContain('住院');
    expect(row.facts_enc).not.toContain('2026-01-10');

    // agency review → office decision, for the relief; the claim goes its own way in the claims queue
    // three materials uploaded once, to the relief: the one-stop claim gets the same files in the same slots
    const claimId = filed.claims[0].id;
    for (const slot of [1, 2, 3]) {
      const body = multipartBody(
        { name: `p${slot}.jpg`, content: Buffer.concat([files.jpeg, Buffer.from(`r${slot}`)]) },
        { slot: String(slot) },
      );
      const up = await w.callers.unit.inject({
        method: 'POST',
        url: `/api/v1/relief/${filed.id}/materials`,
        payload: body.payload,
        headers: body.headers,
      });
      expect(up.statusCode).toBe(201);
      expect(up.json().claimIds).toEqual([claimId]);
    }
    const claimDetail = expectOk(await w.callers.agency.get(`/api/v1/claims/${claimId}`));
    expect(claimDetail.missingSlots).toEqual([]);
    expectOk(await w.callers.agency.post(`/api/v1/claims/${claimId}/accept`));
    expectOk(await w.callers.reviewer.post(`/api/v1/claims/${claimId}/decision`, { decision: 'approve' }));
    expectOk(await w.callers.agency.post(`/api/v1/relief/${filed.id}/review`, { decision: 'approve' }));
    expectOk(await w.callers.reviewer.post(`/api/v1/relief/${filed.id}/decision`, { decision: 'approve' }));

    // one payout batch pays both, exactly once; the summary moves by exactly the relief paid
    const before = await summary();
    const { batch, res } = await pay({}, (refs) => refs.map((claimId) => ({ claimId, status: 'paid' })));
    expect(res.statusCode).toBe(200);
    const kinds = batch.items.map((i: { subjectKind: string }) => i.subjectKind).sort();
    expect(kinds).toEqual(['claim', 'relief']);
    expect(batch.totalFen).toBe(255_000 + 100_000);
    const after = await summary();
    expect(after).toEqual({ count: before.count + 1, amountFen: before.amountFen + 100_000 });
    expect(expectOk(await w.callers.agency.get(`/api/v1/relief/${filed.id}`)).status).toBe('paid');
    // paying again: nothing payable, and a repeated result is refused
    expect((await w.callers.finance.post('/api/v1/payout-batches', { reliefIds: [filed.id] })).statusCode).toBe(409);
    const again = await w.callers.finance.post(`/api/v1/payout-batches/${batch.id}/results`, [
      { claimId: filed.id, status: 'paid' },
    ]);
    expect(again.statusCode).toBe(409);
    expect(await summary()).toEqual(after);
    // the one-stop claim, already tied to a relief, got no proactive proposal
    expect(await count('relief_application')).toBe(1);
  });
});

describe('limits and refusals', () => {
  it('refuses a second relief of the same category in the year with the remaining allowance, writing nothing', async () => {
    const m = await freshMember();
    expectOk(await w.callers.unit.post('/api/v1/relief', illness(m.id, { claim: claimFacts })), 201);
    const n = await count('relief_application');
    const res = await w.callers.unit.post(
      '/api/v1/relief',
      illness(m.id, {
        eventDate: '2026-02-01',
        claim: { ...claimFacts, eventDate: '2026-02-01', admissionDate: '2026-02-01', dischargeDate: '2026-02-11' },
      }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('RELIEF_LIMIT_REACHED');
    expect(res.json().message).toContain('剩余额度 ¥9,000.00');
    expect(await count('relief_application')).toBe(n);
    // a different category still fits under the cap
    expectOk(
      await w.callers.unit.post('/api/v1/relief', {
        memberId: m.id,
        category: 'accident',
        eventDate: '2026-02-03',
        reason: '工伤意外',
      }),
      201,
    );
  });

  it('holds the yearly cap across categories', async () => {
    const m = await freshMember('赵敏');
    expectOk(await put(w.callers.admin, '/api/v1/relief-settings', { yearCapFen: 250_000 }));
    try {
      expectOk(
        await w.callers.unit.post('/api/v1/relief', {
          memberId: m.id,
          category: 'accident',
          eventDate: '2026-02-03',
          reason: '工伤意外',
        }),
        201,
      );
      const res = await w.callers.unit.post('/api/v1/relief', illness(m.id, { claim: claimFacts }));
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'RELIEF_LIMIT_REACHED',
        details: { reason: 'cap', remainingFen: 50_000 },
      });
      expect(res.json().message).toContain('本年度剩余额度 ¥500.00');
    } finally {
      expectOk(await put(w.callers.admin, '/api/v1/relief-settings', { yearCapFen: 1_000_000 }));
    }
  });

  it('refuses a member not covered on the event date, and an illness below the threshold', async () => {
    const m = await ctx.newMember({ unit_id: w.unit.id, name: '孙丽' });
    const res = await w.callers.unit.post('/api/v1/relief', {
      memberId: m.id,
      category: 'accident',
      eventDate: '2026-02-03',
      reason: '意外',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('NOT_A_MEMBER_ON_DATE');
    const short = await w.callers.unit.post(
      '/api/v1/relief',
      illness(w.member.id, {
        eventDate: '2026-02-10',
        claim: {
          ...claimFacts,
          eventDate: '2026-02-10',
          admissionDate: '2026-02-10',
          dischargeDate: '2026-02-12',
          selfPaidFen: 100_000,
        },
      }),
    );
    expect(short.statusCode).toBe(422);
    expect(short.json().code).toBe('NOT_ELIGIBLE');
  });

  it('refuses a reviewer deciding their own application', async () => {
    const m = await freshMember('周杰');
    const filed = expectOk(
      await w.callers.admin.post('/api/v1/relief', {
        memberId: m.id,
        category: 'accident',
        eventDate: '2026-02-03',
        reason: '意外受伤',
      }),
      201,
    );
    expectOk(await w.callers.agency.post(`/api/v1/relief/${filed.id}/review`, { decision: 'approve' }));
    const own = await w.callers.admin.post(`/api/v1/relief/${filed.id}/decision`, { decision: 'approve' });
    expect(own.statusCode).toBe(422);
    expect(own.json().code).toBe('OWN_APPLICATION');
    // deciding before the agency review is an illegal move
    const m2 = await freshMember('吴磊');
    const early = expectOk(
      await w.callers.unit.post('/api/v1/relief', {
        memberId: m2.id,
        category: 'accident',
        eventDate: '2026-02-03',
        reason: '意外受伤',
      }),
      201,
    );
    expect(
      (await w.callers.reviewer.post(`/api/v1/relief/${early.id}/decision`, { decision: 'approve' })).statusCode,
    ).toBe(409);
  });

  it('reissues a failed transfer in a new batch, then pays it once', async () => {
    const m = await freshMember('郑爽');
    const filed = expectOk(
      await w.callers.unit.post('/api/v1/relief', {
        memberId: m.id,
        category: 'accident',
        eventDate: '2026-02-03',
        reason: '意外受伤',
      }),
      201,
    );
    expectOk(await w.callers.agency.post(`/api/v1/relief/${filed.id}/review`, { decision: 'approve' }));
    expectOk(await w.callers.reviewer.post(`/api/v1/relief/${filed.id}/decision`, { decision: 'approve' }));
    const before = await summary();
    const first = await pay({ reliefIds: [filed.id] }, (refs) =>
      refs.map((claimId) => ({ claimId, status: 'failed' })),
    );
    expect(first.res.statusCode).toBe(200);
    expect(expectOk(await w.callers.agency.get(`/api/v1/relief/${filed.id}`)).status).toBe('payout_failed');
    expect(await summary()).toEqual(before);
    const second = await pay({ reliefIds: [filed.id] }, (refs) => refs.map((claimId) => ({ claimId, status: 'paid' })));
    expect(second.res.statusCode).toBe(200);
    expect(await summary()).toEqual({ count: before.count + 1, amountFen: before.amountFen + 200_000 });
    const audit = await ctx.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', filed.id)
      .orderBy('created_at')
      .execute();
    // the test clock stands still, so the rows tie on time: compare the set of steps
    expect(audit.map((a) => a.action).sort()).toEqual([
      'relief.approve',
      'relief.create',
      'relief.fail',
      'relief.pay',
      'relief.review',
    ]);
  });
});

describe('proactive relief (回头望)', () => {
  it('a paid claim meeting the illness rule proposes a relief for the agency to confirm', async () => {
    const m = await freshMember('钱进');
    const c = expectOk(await w.callers.unit.post('/api/v1/claims', inpatientClaim(m.id)), 201);
    await uploadSlots(w.callers.unit, c.id);
    expectOk(await w.callers.agency.post(`/api/v1/claims/${c.id}/accept`));
    expectOk(await w.callers.reviewer.post(`/api/v1/claims/${c.id}/decision`, { decision: 'approve' }));
    await pay({ claimIds: [c.id] }, (refs) => refs.map((claimId) => ({ claimId, status: 'paid' })));
    const list = expectOk(await w.callers.agency.get(`/api/v1/relief?memberId=${m.id}&status=proposed`));
    expect(list.total).toBe(1);
    const p = list.items[0];
    expect(p).toMatchObject({ origin: 'proactive', category: 'illness', sourceClaimId: c.id, amountFen: 100_000 });
    const confirmed = expectOk(await w.callers.agency.post(`/api/v1/relief/${p.id}/confirm`));
    expect(confirmed.status).toBe('applied');
    // another agency cannot see it
    const other = await ctx.as('agency_staff');
    expect((await other.get(`/api/v1/relief/${p.id}`)).statusCode).toBe(404);
    expect((await other.post(`/api/v1/relief/${p.id}/review`, { decision: 'approve' })).statusCode).toBe(404);
    expect(expectOk(await other.get('/api/v1/relief')).total).toBe(0);
  });
});

describe('hardship files and holiday batches', () => {
  it('opens a hardship file, lists it for review, and a holiday batch by criterion pays per member within limits', async () => {
    const m = await freshMember('冯刚');
    const h = expectOk(
      await w.callers.agency.post('/api/v1/hardship-files', {
        memberId: m.id,
        level: 'serious',
        reason: '家庭成员重病',
        openedOn: '2025-01-15',
      }),
      201,
    );
    expect(h).toMatchObject({ status: 'open', nextReviewOn: '2026-01-15', reason: '家庭成员重病' });
    const twice = await w.callers.agency.post('/api/v1/hardship-files', {
      memberId: m.id,
      level: 'general',
      reason: '再次登记',
      openedOn: '2025-02-01',
    });
    expect(twice.json().code).toBe('HARDSHIP_FILE_OPEN');
    const due = expectOk(await w.callers.agency.get('/api/v1/hardship-files?due=true'));
    expect(due.items.map((i: { id: string }) => i.id)).toContain(h.id);
    const reviewed = expectOk(
      await w.callers.agency.post(`/api/v1/hardship-files/${h.id}/review`, {
        outcome: 'continue',
        note: '困难情况仍在',
      }),
    );
    expect(reviewed.nextReviewOn).toBe('2027-03-02');

    // a list with someone outside the office: refused whole
    const stranger = await ctx.newOffice();
    const outsider = await ctx.newMember({ office_id: stranger.id, unit_id: null });
    const bad = await w.callers.admin.post('/api/v1/relief-batches', {
      category: 'holiday',
      name: '2026 春节慰问',
      memberIds: [m.id, outsider.id],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('不是本办事处的会员');
    const batch = expectOk(
      await w.callers.admin.post('/api/v1/relief-batches', {
        category: 'holiday',
        name: '2026 春节慰问',
        eventDate: '2026-02-10',
        criteria: { hardshipInForce: true },
      }),
      201,
    );
    expect(batch).toMatchObject({ count: 1, totalFen: 50_000, amountFenEach: 50_000, status: 'open' });
    expect(
      (await w.callers.admin.post(`/api/v1/relief-batches/${batch.id}/decision`, { decision: 'approve' })).json().code,
    ).toBe('OWN_APPLICATION');
    expectOk(await w.callers.reviewer.post(`/api/v1/relief-batches/${batch.id}/decision`, { decision: 'approve' }));
    const items = expectOk(await w.callers.admin.get(`/api/v1/relief?batchId=${batch.id}`));
    expect(items.items.map((i: { status: string }) => i.status)).toEqual(['approved']);
    // a second holiday batch the same year leaves the member out (one per category per year)
    const again = await w.callers.admin.post('/api/v1/relief-batches', {
      category: 'holiday',
      name: '2026 中秋慰问',
      eventDate: '2026-02-20',
      memberIds: [m.id],
    });
    expect(again.statusCode).toBe(400);
    expect(JSON.stringify(again.json().details)).toContain('RELIEF_LIMIT_REACHED');
  });
});

describe('categories as data and the national view', () => {
  it('publishes a new category version; earlier applications keep theirs', async () => {
    const list = expectOk(await w.callers.admin.get('/api/v1/relief-categories'));
    expect(list.yearCapFen).toBe(1_000_000);
    expect(list.items.map((c: { code: string }) => c.code).sort()).toEqual([
      'accident',
      'critical_illness',
      'death',
      'hardship',
      'holiday',
      'illness',
    ]);
    const acc = list.items.find((c: { code: string }) => c.code === 'accident');
    const { code: _c, version: _v, publishedAt: _p, ...params } = acc;
    const next = expectOk(
      await put(w.callers.admin, '/api/v1/relief-categories/accident', { ...params, amountFen: 250_000 }),
    );
    expect(next.items.find((c: { code: string }) => c.code === 'accident')).toMatchObject({
      version: 2,
      amountFen: 250_000,
    });
    expect((await put(w.callers.agency, '/api/v1/relief-categories/accident', { ...params })).statusCode).toBe(403);
    const m = await freshMember('陈晨');
    const filed = expectOk(
      await w.callers.unit.post('/api/v1/relief', {
        memberId: m.id,
        category: 'accident',
        eventDate: '2026-02-03',
        reason: '意外',
      }),
      201,
    );
    expect(filed).toMatchObject({ amountFen: 250_000, categoryVersion: 2 });
    expectOk(await put(w.callers.admin, '/api/v1/relief-categories/accident', { ...params }));
  });

  it('the national viewer sees every office and totals equal to their sum; other reports stay closed', async () => {
    const nv = await ctx.as('national_viewer');
    const nat = expectOk(await nv.get('/api/v1/reports/summary?scope=national&asOf=2026-12-31'));
    expect(nat.scope).toBe('national');
    const sum = (k: string) => nat.offices.reduce((n: number, o: Record<string, number>) => n + o[k]!, 0);
    for (const k of ['unitsEver', 'membersEver', 'activeMembers', 'shares', 'contributionsFen'])
      expect(nat[k]).toBe(sum(k));
    expect(nat.reliefPaid.amountFen).toBe(
      nat.offices.reduce((n: number, o: { reliefPaid: { amountFen: number } }) => n + o.reliefPaid.amountFen, 0),
    );
    const mine = nat.offices.find((o: { officeId: string }) => o.officeId === ctx.office.id);
    expect(mine.reliefPaid).toEqual(await summary());
    expect((await nv.get('/api/v1/reports/summary')).statusCode).toBe(403);
    expect((await w.callers.admin.get('/api/v1/reports/summary?scope=national')).statusCode).toBe(403);
  });

  it('the relief report by month, agency and category equals what was paid', async () => {
    const rep = expectOk(await w.callers.admin.get('/api/v1/reports/relief?from=2026-01&to=2026-12'));
    expect(rep.total).toEqual(await summary());
    const mine = expectOk(await w.callers.agency.get('/api/v1/reports/relief?from=2026-01&to=2026-12'));
    expect(mine.agencyId).toBe(w.agency.id);
    const xlsx = await w.callers.admin.get('/api/v1/reports/relief?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
