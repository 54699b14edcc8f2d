import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalateOverdueComplaints } from '../src/jobs/complaint-escalation.job.ts';
import { buildClaimsWorld, type ClaimsWorld, expectOk, inpatientClaim, newPolicy } from './helpers/claims-factory.ts';
import { type MemberAgent, memberLogin, verifyRealName } from './helpers/member-app.ts';
import { createTestContext, type TestContext } from './helpers/test-context.ts';

// Friday 2026-09-25: 3 working days later, across the weekend, is Wednesday 2026-09-30 (the National Day holiday,
// 1–7 October 2026, follows; the overdue one is escalated on the first days after it).
let ctx: TestContext;
let w: ClaimsWorld;
let app: MemberAgent;
let claimId: string;
beforeAll(async () => {
  ctx = await createTestContext({ now: '2026-09-25T02:00:00.000Z' });
  w = await buildClaimsWorld(ctx);
  claimId = expectOk(await w.callers.unit.post('/api/v1/claims', inpatientClaim(w.member.id)), 201).id;
  app = await memberLogin(ctx, '13911112222');
  await verifyRealName(app, w.member.name, w.member.idNumber);
});
afterAll(() => ctx.close());

async function at(iso: string) {
  ctx.clock.set(iso);
  for (const name of Object.keys(w.callers) as (keyof ClaimsWorld['callers'])[])
    w.callers[name] = await ctx.login(w.callers[name].user);
}
const job = () => escalateOverdueComplaints({ handle: ctx.handle, clock: ctx.deps.clock, audit: ctx.services.audit });
const audits = (objectId: string) =>
  ctx.handle.db
    .selectFrom('audit_log')
    .select(['action'])
    .where('object_id', '=', objectId)
    .orderBy('created_at')
    .execute();
const count = async () =>
  Number(
    (
      await ctx.handle.db
        .selectFrom('complaint')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('complaints and feedback (意见与投诉)', () => {
  let fromApp: string;
  let byStaff: string;

  it('a member files one in the app about their own claim: the claim’s agency gets it, due in 3 working days', async () => {
    const c = expectOk(
      await app.post('/api/v1/m/complaints', {
        kind: 'complaint',
        subjectKind: 'claim',
        subjectId: claimId,
        content: '提交材料一周了还没有受理。',
      }),
      201,
    );
    expect(c).toMatchObject({
      status: 'open',
      source: 'app',
      agencyId: w.agency.id,
      agencyName: w.agency.name,
      filedOn: '2026-09-25',
      dueDate: '2026-09-30',
      overdue: false,
      answer: null,
      content: '提交材料一周了还没有受理。',
    });
    expect(c.number).toMatch(/^TS20260925[0-9A-F]{6}$/);
    expect(c.subjectLabel).toContain('互助金申领');
    fromApp = c.id;
    expect((await audits(c.id)).map((a) => a.action)).toEqual(['complaint.file']);
    // the words are stored encrypted
    const row = await ctx.handle.db
      .selectFrom('complaint')
      .selectAll()
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row.content_enc).not.toContain('材料');
    const mine = expectOk(await app.get('/api/v1/m/complaints'));
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
  });

  it('staff file one for the member about their policy (参保)', async () => {
    const c = expectOk(
      await w.callers.agency.post('/api/v1/complaints', {
        memberId: w.member.id,
        kind: 'feedback',
        subjectKind: 'policy',
        subjectId: w.med.id,
        content: '希望增加门诊保障项目。',
        contactNote: '电话来电',
      }),
      201,
    );
    expect(c).toMatchObject({ source: 'staff', kind: 'feedback', agencyId: w.agency.id, contactNote: '电话来电' });
    byStaff = c.id;
    const list = expectOk(await w.callers.agency.get('/api/v1/complaints?status=open'));
    expect(list.total).toBe(2);
    const found = expectOk(await w.callers.admin.get(`/api/v1/complaints?q=${c.number}`));
    expect(found.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
  });

  it('bad input: another member’s object, unknown kinds, short text — a Chinese message and nothing written', async () => {
    const other = await ctx.newMember({ unit_id: w.unit.id, name: '周敏' });
    const otherPolicy = await newPolicy(ctx, {
      memberId: other.id,
      productCode: 'MED',
      startDate: '2025-06-01',
      ...w.place,
    });
    const before = await count();
    const foreign = await app.post('/api/v1/m/complaints', {
      kind: 'complaint',
      subjectKind: 'policy',
      subjectId: otherPolicy.id,
      content: '这不是我的保单。',
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ code: 'NOT_FOUND' });
    const staffForeign = await w.callers.agency.post('/api/v1/complaints', {
      memberId: w.member.id,
      kind: 'complaint',
      subjectKind: 'claim',
      subjectId: 'no-such-claim',
      content: '内容足够长了。',
    });
    expect(staffForeign.statusCode).toBe(404);
    for (const body of [
      { kind: 'praise', subjectKind: 'claim', subjectId: claimId, content: '内容足够长了。' },
      { kind: 'complaint', subjectKind: 'unit', subjectId: claimId, content: '内容足够长了。' },
      { kind: 'complaint', subjectKind: 'claim', subjectId: claimId, content: '短' },
      { kind: 'complaint', subjectKind: 'claim', subjectId: claimId, content: '长'.repeat(1001) },
    ]) {
      const res = await app.post('/api/v1/m/complaints', body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await count()).toBe(before);
  });

  it('another agency (and another agency’s filter) → 404; a unit agent and finance → 403', async () => {
    const otherAgency = await ctx.as('agency_staff');
    expect((await otherAgency.get(`/api/v1/complaints/${fromApp}`)).statusCode).toBe(404);
    expect(
      (await otherAgency.post(`/api/v1/complaints/${fromApp}/answer`, { answer: '不是我们的，已经答复。' })).statusCode,
    ).toBe(404);
    expect((await otherAgency.get(`/api/v1/complaints?agencyId=${w.agency.id}`)).statusCode).toBe(404);
    expect(expectOk(await otherAgency.get('/api/v1/complaints')).total).toBe(0);
    expect((await w.callers.unit.get('/api/v1/complaints')).statusCode).toBe(403);
    expect((await w.callers.finance.get('/api/v1/complaints')).statusCode).toBe(403);
    expect((await w.callers.admin.get(`/api/v1/complaints/${fromApp}`)).statusCode).toBe(200);
  });

  it('answered in time on the due day; the member sees the answer; a second answer is refused', async () => {
    await at('2026-09-30T08:00:00.000Z');
    const a = expectOk(
      await w.callers.agency.post(`/api/v1/complaints/${fromApp}/answer`, { answer: '已受理，将于本周内完成审核。' }),
    );
    expect(a).toMatchObject({ status: 'answered', answeredOn: '2026-09-30', answeredOnTime: true, overdue: false });
    const seen = expectOk(await app.get(`/api/v1/m/complaints/${fromApp}`));
    expect(seen).toMatchObject({ answer: '已受理，将于本周内完成审核。', status: 'answered' });
    const again = await w.callers.agency.post(`/api/v1/complaints/${fromApp}/answer`, { answer: '再答复一次试试。' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INVALID_TRANSITION');
    expect((await audits(fromApp)).map((x) => x.action)).toEqual(['complaint.file', 'complaint.answer']);
  });

  it('the escalation job hands an overdue one to the office, once; a late answer counts as not in time', async () => {
    // Still due on 30 September: nothing to escalate that day.
    expect(await job()).toBe(0);
    await at('2026-10-09T02:00:00.000Z'); // after the holiday
    expect(await job()).toBe(1);
    expect(await job()).toBe(0);
    const c = expectOk(await w.callers.admin.get(`/api/v1/complaints/${byStaff}`));
    expect(c).toMatchObject({ status: 'escalated', overdue: true });
    expect(c.escalatedAt).not.toBeNull();
    const overdue = expectOk(await w.callers.admin.get('/api/v1/complaints?overdue=true'));
    expect(overdue.items.map((i: { id: string }) => i.id)).toEqual([byStaff]);
    const n = await ctx.handle.db.selectFrom('notification').selectAll().where('object_id', '=', byStaff).execute();
    expect(n).toHaveLength(1);
    expect(n[0]).toMatchObject({ kind: 'complaint_overdue', agency_id: null });
    // the claims-operations report counts it before it is answered …
    const ops = expectOk(await w.callers.admin.get('/api/v1/reports/claims-operations?from=2026-09-01&to=2026-10-31'));
    expect(ops.complaints.total).toMatchObject({ received: 2, answered: 1, answeredOnTime: 1, open: 1, overdue: 1 });
    // … the office answers it late
    const a = expectOk(
      await w.callers.reviewer.post(`/api/v1/complaints/${byStaff}/answer`, { answer: '感谢建议，已转产品设计。' }),
    );
    expect(a).toMatchObject({ status: 'answered', answeredOnTime: false, overdue: true });
    expect((await audits(byStaff)).map((x) => x.action)).toEqual([
      'complaint.file',
      'complaint.escalate',
      'complaint.answer',
    ]);
    const after = expectOk(
      await w.callers.agency.get('/api/v1/reports/claims-operations?from=2026-09-01&to=2026-10-31'),
    );
    const row = after.complaints.rows.find((r: { agencyId: string }) => r.agencyId === w.agency.id);
    expect(row).toMatchObject({ received: 2, answered: 2, answeredOnTime: 1, onTimeShare: 0.5, open: 0, overdue: 0 });
    const xlsx = await w.callers.admin.get(
      '/api/v1/reports/claims-operations?from=2026-09-01&to=2026-10-31&format=xlsx',
    );
    expect(xlsx.statusCode).toBe(200);
  });
});
