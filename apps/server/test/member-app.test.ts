import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, files, inpatientClaim, newPolicy } from './helpers/claims-factory.ts';
import { filePart, JPEG, lastCode, memberLogin, nextIp, verifyRealName } from './helpers/member-app.ts';
import { createTestContext, makeIdNumber, type TestContext } from './helpers/test-context.ts';

let ctx: TestContext;
let mobileSeq = 0;
/** A number no other test of this file uses. */
const newMobile = () => `139${String(++mobileSeq).padStart(8, '0')}`;
const NOW = '2026-03-02T02:00:00.000Z';
const at = (seconds: number) => ctx.clock.set(new Date(Date.parse(NOW) + seconds * 1000).toISOString());

beforeAll(async () => {
  ctx = await createTestContext({ now: NOW });
});
afterAll(() => ctx.close());

const sendCode = (mobile: string, ip = nextIp()) =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/m/auth/sms-code', payload: { mobile }, remoteAddress: ip });
const login = (mobile: string, code: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/m/auth/login', payload: { mobile, code }, remoteAddress: nextIp() });
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
const countRows = async (table: 'member_session' | 'member_account' | 'member' | 'claim') =>
  Number(
    (
      await ctx.handle.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('SMS sign-in', () => {
  it('texts a 6-digit code to any number (204, no enumeration) and signs in with it on its own cookie', async () => {
    at(0);
    const mobile = newMobile();
    const sent = await sendCode(mobile);
    expect(sent.statusCode).toBe(204);
    expect(sent.body).toBe('');
    const outbox = await ctx.handle.db
      .selectFrom('sms_outbox')
      .selectAll()
      .where('to_mobile', '=', mobile)
      .executeTakeFirstOrThrow();
    expect(outbox.template).toBe('login_code');
    const code = await lastCode(ctx, mobile);
    expect(code).toMatch(/^\d{6}$/);
    expect(outbox.text).toContain(code);
    const res = await login(mobile, code);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.member).toMatchObject({
      realNameVerified: false,
      mobile: `${mobile.slice(0, 3)}****${mobile.slice(-4)}`,
    });
    expect(body.csrfToken).toBeTruthy();
    expect(res.cookies.map((c) => c.name)).toEqual(['huzhu_m']);
    expect(res.cookies[0]!.httpOnly).toBe(true);
    // The code itself is stored hashed only.
    const stored = await ctx.handle.db
      .selectFrom('member_login_code')
      .selectAll()
      .where('mobile', '=', mobile)
      .execute();
    expect(JSON.stringify(stored)).not.toContain(code);
  });

  it('a known and an unknown number get the same answer', async () => {
    at(1000);
    const known = newMobile();
    await memberLogin(ctx, known);
    at(1100);
    const a = await sendCode(known);
    const b = await sendCode(newMobile());
    expect([a.statusCode, a.body]).toEqual([b.statusCode, b.body]);
  });

  it('refuses a wrong code, and voids the code after 5 wrong tries (even the right one then fails)', async () => {
    at(2000);
    const mobile = newMobile();
    await sendCode(mobile);
    const code = await lastCode(ctx, mobile);
    for (let i = 0; i < 5; i++) {
      const res = await login(mobile, wrong(code));
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'CODE_INVALID', message: expect.stringContaining('验证码') });
    }
    expect((await login(mobile, code)).json().code).toBe('CODE_INVALID');
  });

  it('refuses an expired code, a used code and a code of another number', async () => {
    at(3000);
    const mobile = newMobile();
    const other = newMobile();
    await sendCode(mobile);
    const code = await lastCode(ctx, mobile);
    expect((await login(other, code)).json().code).toBe('CODE_INVALID');
    at(3000 + 5 * 60 + 1);
    expect((await login(mobile, code)).statusCode).toBe(401);
    at(3400);
    await sendCode(mobile);
    const fresh = await lastCode(ctx, mobile);
    expect((await login(mobile, fresh)).statusCode).toBe(200);
    const sessions = await countRows('member_session');
    expect((await login(mobile, fresh)).json().code).toBe('CODE_INVALID');
    expect(await countRows('member_session')).toBe(sessions);
  });

  it('sends at most one code per 60 s and 10 per day to a number', async () => {
    at(10_000);
    const mobile = newMobile();
    expect((await sendCode(mobile)).statusCode).toBe(204);
    const again = await sendCode(mobile);
    expect(again.statusCode).toBe(429);
    expect(again.json()).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('秒后再试') });
    for (let i = 1; i < 10; i++) {
      at(10_000 + i * 61);
      expect((await sendCode(mobile)).statusCode).toBe(204);
    }
    at(10_000 + 10 * 61);
    const eleventh = await sendCode(mobile);
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json().message).toContain('今日');
    at(10_000 + 86_400 + 1);
    expect((await sendCode(mobile)).statusCode).toBe(204);
  });

  it('limits the codes one client address asks for, whatever the numbers', async () => {
    at(200_000);
    const ip = '10.99.1.1';
    for (let i = 0; i < 30; i++) expect((await sendCode(newMobile(), ip)).statusCode).toBe(204);
    const res = await sendCode(newMobile(), ip);
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('RATE_LIMITED');
  });

  it('refuses a malformed number or code with a Chinese message', async () => {
    const bad = await sendCode('12345');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    const badCode = await login(newMobile(), '12ab56');
    expect(badCode.statusCode).toBe(400);
  });

  it('is its own session: staff cookies do not open member routes, member cookies no staff routes; CSRF; logout', async () => {
    at(300_000);
    const staff = await ctx.as('office_admin');
    expect((await staff.get('/api/v1/m/me/policies')).statusCode).toBe(401);
    const m = await memberLogin(ctx, newMobile());
    const asStaff = await ctx.app.inject({ method: 'GET', url: '/api/v1/claims', headers: { cookie: m.cookie } });
    expect(asStaff.statusCode).toBe(401);
    expect((await m.get('/api/v1/m/auth/me')).statusCode).toBe(200);
    const noCsrf = await ctx.app.inject({
      method: 'PUT',
      url: '/api/v1/m/me/bank-account',
      headers: { cookie: m.cookie },
      payload: { bankName: '中国银行', accountNumber: '6217000000001234' },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('CSRF_INVALID');
    expect((await m.post('/api/v1/m/auth/logout')).statusCode).toBe(204);
    // The same cookie no longer works: the session ended on the server.
    expect((await m.get('/api/v1/m/auth/me')).statusCode).toBe(401);
  });
});

describe('real name', () => {
  it('refuses a bad ID checksum, an impossible birth date and a bad name, storing nothing', async () => {
    at(400_000);
    const m = await memberLogin(ctx, newMobile());
    const good = makeIdNumber('1990-01-01');
    const badSum = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const r1 = await m.post('/api/v1/m/real-name', { name: '王强', idNumber: badSum });
    expect(r1.statusCode).toBe(422);
    expect(r1.json()).toMatchObject({ code: 'ID_CHECKSUM_INVALID', message: '身份证号校验位错误' });
    const r2 = await m.post('/api/v1/m/real-name', { name: '王强', idNumber: '500105199002301234' });
    expect(r2.json().code).toBe('BIRTH_DATE_INVALID');
    const r3 = await m.post('/api/v1/m/real-name', { name: '王<script>', idNumber: good });
    expect(r3.json().code).toBe('NAME_INVALID');
    const rows = await ctx.handle.db
      .selectFrom('identity_verification')
      .selectAll()
      .where('account_id', '=', m.login.member.accountId)
      .execute();
    expect(rows).toEqual([]);
  });

  it('a face photo that is not an image is refused and the verification stays open', async () => {
    at(410_000);
    const m = await memberLogin(ctx, newMobile());
    const started = expectOk(
      await m.post('/api/v1/m/real-name', { name: '赵敏', idNumber: makeIdNumber('1992-02-02', 'female') }),
    );
    expect(started).toMatchObject({ status: 'face_required', provider: 'demo' });
    expect(started.faceUrl).toContain(started.verificationId);
    const body = filePart('photo', files.exe);
    const res = await m.inject({ method: 'POST', url: `/api/v1/m/real-name/${started.verificationId}/face`, ...body });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('FILE_TYPE_NOT_ALLOWED');
    const ok = filePart('photo', JPEG);
    const done = await m.inject({ method: 'POST', url: `/api/v1/m/real-name/${started.verificationId}/face`, ...ok });
    expect(done.json().status).toBe('verified');
    // A closed verification cannot be finished twice.
    const twice = await m.inject({
      method: 'POST',
      url: `/api/v1/m/real-name/${started.verificationId}/face`,
      ...filePart('photo', JPEG),
    });
    expect(twice.json().code).toBe('VERIFICATION_CLOSED');
  });

  it('binds a unit-enrolled employee: their unit cover shows at once, audited', async () => {
    at(420_000);
    const unit = await ctx.newUnit({ name: '重庆机床厂' });
    const emp = await ctx.newMember({ unit_id: unit.id, name: '陈刚' });
    await newPolicy(ctx, {
      memberId: emp.id,
      productCode: 'MED',
      startDate: '2025-06-01',
      unitId: unit.id,
      agencyId: unit.agency_id,
    });
    const m = await memberLogin(ctx, newMobile());
    const members = await countRows('member');
    const result = await verifyRealName(m, '陈刚', emp.idNumber);
    expect(result).toMatchObject({ status: 'verified', memberId: emp.id, existingMember: true });
    expect(await countRows('member')).toBe(members);
    const me = expectOk(await m.get('/api/v1/m/auth/me'));
    expect(me.member).toMatchObject({ realNameVerified: true, memberId: emp.id, maskedName: '陈*' });
    expect(me.member.idNumberMasked).not.toContain(emp.idNumber.slice(6, 14));
    const policies = expectOk(await m.get('/api/v1/m/me/policies'));
    expect(policies).toHaveLength(1);
    expect(policies[0]).toMatchObject({ productCode: 'MED', channel: 'self', unitName: '重庆机床厂' });
    const audit = await ctx.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'member_account.bind')
      .where('object_id', '=', m.login.member.accountId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ memberId: emp.id, existingMember: true });
    // No full ID number in any answer.
    expect(JSON.stringify(me)).not.toContain(emp.idNumber);
  });

  it('a person not yet known becomes a new member record', async () => {
    at(430_000);
    const m = await memberLogin(ctx, newMobile());
    const id = makeIdNumber('1995-05-05');
    const result = await verifyRealName(m, '孙悦', id);
    expect(result).toMatchObject({ status: 'verified', existingMember: false });
    const row = await ctx.handle.db
      .selectFrom('member')
      .selectAll()
      .where('id', '=', result.memberId!)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      name: '孙悦',
      birth_date: '1995-05-05',
      sex: 'male',
      unit_id: null,
      employment_kind: 'gig',
    });
    expect(row.id_number_enc).not.toContain(id);
    expect(expectOk(await m.get('/api/v1/m/me/policies'))).toEqual([]);
  });

  it('an ID number known under another name fails and binds nothing', async () => {
    at(440_000);
    const known = await ctx.newMember({ name: '周琳' });
    const m = await memberLogin(ctx, newMobile());
    const result = await verifyRealName(m, '周林', known.idNumber);
    expect(result.status).toBe('failed');
    expect(result.reason).toContain('不一致');
    expect(expectOk(await m.get('/api/v1/m/auth/me')).member.realNameVerified).toBe(false);
  });

  it('one ID number binds one account: verifying it on another ends the old account’s binding and sessions', async () => {
    at(450_000);
    const id = makeIdNumber('1988-08-08');
    const first = await memberLogin(ctx, newMobile());
    const bound = await verifyRealName(first, '吴磊', id);
    const second = await memberLogin(ctx, newMobile());
    // Another account cannot finish the first one's verification.
    const v = await ctx.handle.db
      .selectFrom('identity_verification')
      .select('id')
      .where('account_id', '=', first.login.member.accountId)
      .executeTakeFirstOrThrow();
    const foreign = await second.inject({
      method: 'POST',
      url: `/api/v1/m/real-name/${v.id}/face`,
      ...filePart('photo', JPEG),
    });
    expect(foreign.statusCode).toBe(404);
    const rebound = await verifyRealName(second, '吴磊', id);
    expect(rebound).toMatchObject({ status: 'verified', memberId: bound.memberId });
    expect((await first.get('/api/v1/m/auth/me')).statusCode).toBe(401);
    const old = await ctx.handle.db
      .selectFrom('member_account')
      .selectAll()
      .where('id', '=', first.login.member.accountId)
      .executeTakeFirstOrThrow();
    expect(old.member_id).toBeNull();
    const unbind = await ctx.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'member_account.unbind')
      .where('object_id', '=', first.login.member.accountId)
      .execute();
    expect(unbind).toHaveLength(1);
  });
});

describe('my cover, claims and payout account', () => {
  async function enrolledMember(name: string, mobile = newMobile()) {
    const unit = await ctx.newUnit();
    const member = await ctx.newMember({ unit_id: unit.id, name });
    const place = { unitId: unit.id, agencyId: unit.agency_id };
    const med = await newPolicy(ctx, { memberId: member.id, productCode: 'MED', startDate: '2025-06-01', ...place });
    const m = await memberLogin(ctx, mobile);
    await verifyRealName(m, name, member.idNumber);
    return { unit, member, med, m };
  }

  it('lists every policy with product, shares, term, waiting end, status and the expiring notice', async () => {
    at(500_000);
    const mobile = newMobile();
    const { member, m, unit } = await enrolledMember('郑洁', mobile);
    await newPolicy(ctx, { memberId: member.id, productCode: 'MED', startDate: '2024-06-01', unitId: unit.id });
    // 2026-03-02 + 500,000 s ≈ 2026-03-07: a policy from 2026-03-01 is in its waiting period.
    await newPolicy(ctx, { memberId: member.id, productCode: 'CI_A', startDate: '2026-03-01', unitId: unit.id });
    const list = expectOk(await m.get('/api/v1/m/me/policies'));
    const byStatus = Object.fromEntries(
      list.map((p: { status: string; productCode: string }) => [`${p.productCode}:${p.status}`, p]),
    );
    expect(Object.keys(byStatus).sort()).toEqual(['CI_A:waiting', 'MED:active', 'MED:expired']);
    const active = byStatus['MED:active'];
    expect(active).toMatchObject({
      productName: expect.any(String),
      shares: expect.any(Number),
      startDate: '2025-06-01',
      endDate: '2026-05-31',
    });
    expect(active.expiringSoon).toBe(false);
    expect(byStatus['CI_A:waiting'].waitingEndDate > '2026-03-07').toBe(true);
    at(500_000 + 70 * 86_400); // about 2026-05-16: the MED term ends within 30 days
    // The session has lapsed by then (7 days); signing in again finds the same bound account.
    expect((await m.get('/api/v1/m/me/policies')).statusCode).toBe(401);
    const again = await memberLogin(ctx, mobile);
    const later = expectOk(await again.get('/api/v1/m/me/policies'));
    expect(
      later.find((p: { productCode: string; status: string }) => p.productCode === 'MED' && p.status === 'active')
        .expiringSoon,
    ).toBe(true);
  });

  it('shows the own certificate with its QR code; another member’s policy is 404', async () => {
    at(600_000);
    const a = await enrolledMember('冯梅');
    const b = await enrolledMember('褚亮');
    const cert = expectOk(await a.m.get(`/api/v1/m/me/policies/${a.med.id}/certificate`));
    expect(cert.qrSvg).toContain('<svg');
    expect(cert.verifyUrl).toContain(a.med.certificate_code);
    expect(cert.idNumberMasked).not.toContain(a.member.idNumber);
    expect((await a.m.get(`/api/v1/m/me/policies/${b.med.id}/certificate`)).statusCode).toBe(404);
  });

  it('files a claim for oneself into the same queue and engine; another member’s policy, claim and material are 404', async () => {
    at(700_000);
    const a = await enrolledMember('蒋华');
    const b = await enrolledMember('沈静');
    const notVerified = await memberLogin(ctx, newMobile());
    const refused = await notVerified.post('/api/v1/m/claims', { ...inpatientClaim('x'), memberId: undefined });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('REAL_NAME_REQUIRED');

    const { memberId: _drop, ...body } = inpatientClaim(a.member.id, { policyId: a.med.id });
    const claims = await countRows('claim');
    const other = await a.m.post('/api/v1/m/claims', { ...body, policyId: b.med.id });
    expect(other.statusCode).toBe(404);
    expect(await countRows('claim')).toBe(claims);

    const filed = expectOk(await a.m.post('/api/v1/m/claims', body), 201);
    expect(filed).toMatchObject({
      status: 'submitted',
      memberId: a.member.id,
      channel: 'member_app',
      assessedAmountFen: 255_000,
    });
    expect(filed.assessments[0].lines.length).toBeGreaterThan(0);

    // A body naming someone else's member id is not how a member names the claimant: the field is ignored.
    const smuggled = expectOk(await a.m.post('/api/v1/m/claims', { ...body, memberId: b.member.id }), 201);
    expect(smuggled.memberId).toBe(a.member.id);

    for (const slot of [1, 2, 3]) {
      const up = filePart('file', Buffer.concat([JPEG, Buffer.from(`s${slot}`)]), { slot: String(slot) });
      expect(
        (await a.m.inject({ method: 'POST', url: `/api/v1/m/claims/${filed.id}/materials`, ...up })).statusCode,
      ).toBe(201);
    }
    const intoOther = filePart('file', JPEG, { slot: '1' });
    expect(
      (await b.m.inject({ method: 'POST', url: `/api/v1/m/claims/${filed.id}/materials`, ...intoOther })).statusCode,
    ).toBe(404);
    expect((await b.m.get(`/api/v1/m/claims/${filed.id}`)).statusCode).toBe(404);
    const bList = expectOk(await b.m.get('/api/v1/m/claims'));
    expect(bList.items).toEqual([]);
    const aList = expectOk(await a.m.get('/api/v1/m/claims'));
    expect(aList.items.map((c: { id: string }) => c.id).sort()).toEqual([filed.id, smuggled.id].sort());

    // The reviewer's queue holds it, marked 会员自助; staff accept and approve; the member sees it approved.
    const reviewer = await ctx.as('office_reviewer');
    const queue = expectOk(await reviewer.get('/api/v1/claims?pageSize=500'));
    expect(queue.items.find((c: { id: string }) => c.id === filed.id)).toMatchObject({ channel: 'member_app' });
    expectOk(await reviewer.post(`/api/v1/claims/${filed.id}/accept`));
    expectOk(await reviewer.post(`/api/v1/claims/${filed.id}/decision`, { decision: 'approve' }));
    const seen = expectOk(await a.m.get(`/api/v1/m/claims/${filed.id}`));
    expect(seen).toMatchObject({ status: 'approved', approvedAmountFen: 255_000 });
    expect(seen.dueDate).toBeTruthy();
  });

  it('a returned claim takes new material and is resubmitted by the member', async () => {
    at(800_000);
    const a = await enrolledMember('韩雪');
    const { memberId: _d, ...body } = inpatientClaim(a.member.id);
    const filed = expectOk(await a.m.post('/api/v1/m/claims', body), 201);
    for (const slot of [1, 2, 3])
      await a.m.inject({
        method: 'POST',
        url: `/api/v1/m/claims/${filed.id}/materials`,
        ...filePart('file', Buffer.concat([JPEG, Buffer.from(String(slot))]), { slot: String(slot) }),
      });
    const reviewer = await ctx.as('office_reviewer');
    expectOk(await reviewer.post(`/api/v1/claims/${filed.id}/accept`));
    expectOk(
      await reviewer.post(`/api/v1/claims/${filed.id}/decision`, { decision: 'return', reason: '请补充出院小结' }),
    );
    const returned = expectOk(await a.m.get(`/api/v1/m/claims/${filed.id}`));
    expect(returned).toMatchObject({ status: 'returned', returnReason: '请补充出院小结' });
    const up = filePart('file', Buffer.concat([JPEG, Buffer.from('new')]), { slot: '2' });
    expect(
      (await a.m.inject({ method: 'POST', url: `/api/v1/m/claims/${filed.id}/materials`, ...up })).statusCode,
    ).toBe(201);
    expect(expectOk(await a.m.post(`/api/v1/m/claims/${filed.id}/resubmit`, {})).status).toBe('submitted');
  });

  it('stores the payout account encrypted under the real name and answers it masked', async () => {
    at(900_000);
    const a = await enrolledMember('杨帆');
    const bad = await a.m.put('/api/v1/m/me/bank-account', { bankName: '工行', accountNumber: '12ab' });
    expect(bad.statusCode).toBe(400);
    const res = expectOk(
      await a.m.put('/api/v1/m/me/bank-account', {
        bankName: '中国建设银行重庆分行',
        accountNumber: '6217 0031 2345 6789',
      }),
    );
    expect(res).toEqual({
      memberId: a.member.id,
      holderName: '杨帆',
      bankName: '中国建设银行重庆分行',
      bankAccountMasked: expect.stringMatching(/6789$/),
    });
    expect(res.bankAccountMasked).not.toContain('00312345');
    const row = await ctx.handle.db
      .selectFrom('member')
      .selectAll()
      .where('id', '=', a.member.id)
      .executeTakeFirstOrThrow();
    expect(row.bank_account_enc).not.toContain('6217003123456789');
    expect(ctx.deps.cipher.decrypt(row.bank_account_enc!)).toBe('6217003123456789');
    const me = expectOk(await a.m.get('/api/v1/m/me'));
    expect(me).toMatchObject({ holderName: '杨帆', bankName: '中国建设银行重庆分行' });
    const audit = await ctx.handle.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'member.bank_account')
      .where('object_id', '=', a.member.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after_json).not.toContain('6217003123456789');
  });
});

describe('FAQ', () => {
  it('the office writes, publishes and orders entries; the app finds published ones by text', async () => {
    const admin = await ctx.as('office_admin');
    const created = expectOk(
      await admin.post('/api/v1/faq', {
        question: '外地就医能报销吗？',
        answer: '可以，市外住院同样可以申领。',
        category: 'claims',
        sortOrder: 5,
      }),
      201,
    );
    expect(created.published).toBe(false);
    const hidden = await ctx.app.inject({ method: 'GET', url: '/api/v1/m/faq?q=外地' });
    expect(hidden.json()).toEqual([]);
    expectOk(
      await admin.inject({ method: 'PUT', url: `/api/v1/faq/${created.id}`, payload: { ...created, published: true } }),
    );
    const found = expectOk(await ctx.app.inject({ method: 'GET', url: '/api/v1/m/faq?q=外地' }));
    expect(found.map((f: { question: string }) => f.question)).toEqual(['外地就医能报销吗？']);
    expect(expectOk(await ctx.app.inject({ method: 'GET', url: '/api/v1/m/faq?q=没有这个词' }))).toEqual([]);
    const unit = await ctx.as('unit_agent');
    expect(
      (await unit.post('/api/v1/faq', { question: '问题问题', answer: '回答回答', category: 'other' })).statusCode,
    ).toBe(403);
    const badCat = await admin.post('/api/v1/faq', { question: '问题问题', answer: '回答回答', category: 'nope' });
    expect(badCat.statusCode).toBe(400);
  });
});
