import { demoCatalogue } from '@huzhu/core';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptedClaim,
  buildClaimsWorld,
  type ClaimsWorld,
  expectOk,
  inpatientClaim,
  newPolicy,
} from './helpers/claims-factory.ts';
import { buildScopeWorld, type ScopeWorld } from './helpers/scope-world.ts';
import { newId } from '../src/ids.ts';
import { createTestContext, type TestContext } from './helpers/test-context.ts';

// Issue 14 item 3: every list pages with a total (api.md: `?page&pageSize` → `{ items, total, page, pageSize }`).
// For each newly paged list: page 2 and the total, a bad page or pageSize refused with 400 { code, message }, and a
// caller outside the scope sees nothing.

let ctx: TestContext;
let w: ScopeWorld;
let cw: ClaimsWorld;
beforeAll(async () => {
  ctx = await createTestContext();
  w = await buildScopeWorld(ctx);
  cw = await buildClaimsWorld(ctx);
});
afterAll(() => ctx.close());

type Page<T = { id: string }> = { items: T[]; total: number; page: number; pageSize: number };
const pageOf = <T = { id: string }>(res: LightMyRequestResponse) => expectOk(res) as Page<T>;

/** A bad page or page size is refused by the shared Paging schema with the project's error shape. */
async function refusesBadPaging(get: (query: string) => Promise<LightMyRequestResponse>) {
  for (const query of ['page=0', 'page=-1', 'page=abc', 'pageSize=0', 'pageSize=501', 'pageSize=1e9', 'page=1.5']) {
    const res = await get(query);
    expect(res.statusCode, query).toBe(400);
    expect(res.json(), query).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.any(String) });
  }
}

/** Reading every page of `size` gives each row once, in the same order as one big page. */
async function pagesAgree(get: (query: string) => Promise<LightMyRequestResponse>, size: number) {
  const all = pageOf(await get('pageSize=500'));
  const seen: string[] = [];
  for (let page = 1; page <= Math.ceil(all.total / size); page++) {
    const p = pageOf(await get(`page=${page}&pageSize=${size}`));
    expect(p).toMatchObject({ total: all.total, page, pageSize: size });
    seen.push(...p.items.map((i) => i.id));
  }
  expect(seen).toEqual(all.items.map((i) => i.id));
  expect(pageOf(await get(`page=${Math.ceil(all.total / size) + 1}&pageSize=${size}`)).items).toEqual([]);
  return all;
}

describe('GET /api-tokens pages newest first, with its total', () => {
  it('page 2, total, search by name, bad paging 400, another office sees none', async () => {
    const admin = w.callers.admin;
    const ids: string[] = [];
    for (const name of ['分页令牌甲', '分页令牌乙', '分页令牌丙']) {
      ctx.clock.set(new Date(ctx.clock.now().getTime() + 1000).toISOString());
      ids.push(expectOk(await admin.post('/api/v1/api-tokens', { name, role: 'office_reviewer' }), 201).id);
    }
    const get = (q: string) => admin.get(`/api/v1/api-tokens?q=${encodeURIComponent('分页令牌')}&${q}`);
    const first = pageOf(await get('pageSize=2'));
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.items.map((t) => t.id)).toEqual([ids[2], ids[1]]);
    const second = pageOf(await get('page=2&pageSize=2'));
    expect(second.items.map((t) => t.id)).toEqual([ids[0]]);
    expect(second.total).toBe(3);
    expect(
      pageOf(await admin.get(`/api/v1/api-tokens?q=${encodeURIComponent('令牌乙')}`)).items.map((t) => t.id),
    ).toEqual([ids[1]]);
    await pagesAgree((q) => admin.get(`/api/v1/api-tokens?${q}`), 2);
    await refusesBadPaging((q) => admin.get(`/api/v1/api-tokens?${q}`));
    const other = pageOf(await w.callers.adminB.get('/api/v1/api-tokens?pageSize=500'));
    expect(other.items.map((t) => t.id)).not.toEqual(expect.arrayContaining([ids[0]]));
    expect(pageOf(await w.callers.adminB.get(`/api/v1/api-tokens?q=${encodeURIComponent('分页令牌')}`)).total).toBe(0);
    expect((await w.callers.reviewer.get('/api/v1/api-tokens?page=2')).statusCode).toBe(403);
  });
});

describe('GET /agencies pages the agencies in scope', () => {
  it('page 2 and total, search by name or code, kind, bad paging 400, scope', async () => {
    const admin = w.callers.admin;
    const all = await pagesAgree((q) => admin.get(`/api/v1/agencies?${q}`), 1);
    expect(all.total).toBeGreaterThanOrEqual(2);
    const wanzhou = pageOf<{ id: string; code: string }>(
      await admin.get(`/api/v1/agencies?q=${encodeURIComponent('万州')}`),
    );
    expect(wanzhou.items.map((a) => a.id)).toEqual([w.agencies.a2.id]);
    expect(wanzhou.total).toBe(1);
    const byCode = pageOf(await admin.get(`/api/v1/agencies?q=${encodeURIComponent(w.agencies.a1.code)}`));
    expect(byCode.items.map((a) => a.id)).toContain(w.agencies.a1.id);
    const kinds = pageOf<{ kind: string }>(await admin.get('/api/v1/agencies?kind=industry&pageSize=500'));
    expect(kinds.items.every((a) => a.kind === 'industry')).toBe(true);
    expect((await admin.get('/api/v1/agencies?kind=nope')).statusCode).toBe(400);
    await refusesBadPaging((q) => admin.get(`/api/v1/agencies?${q}`));
    // Agency staff see their own agency only; another office sees none of this office's.
    const own = pageOf(await w.callers.agencyA1.get('/api/v1/agencies?page=1&pageSize=10'));
    expect(own).toMatchObject({ total: 1 });
    expect(own.items.map((a) => a.id)).toEqual([w.agencies.a1.id]);
    expect(pageOf(await w.callers.agencyA1.get('/api/v1/agencies?page=2&pageSize=10')).items).toEqual([]);
    expect(pageOf(await w.callers.agencyA1.get(`/api/v1/agencies?q=${encodeURIComponent('万州')}`)).total).toBe(0);
    const b = pageOf(await w.callers.adminB.get('/api/v1/agencies?pageSize=500'));
    expect(b.items.map((a) => a.id)).toEqual([w.agencies.bAgency.id]);
    expect(b.total).toBe(1);
  });
});

describe('GET /products pages the current versions', () => {
  it('page 2 and total, search by code or name, bad paging 400, no office no products', async () => {
    const agent = w.callers.unitU1;
    const all = await pagesAgree((q) => agent.get(`/api/v1/products?${q}`), 2);
    expect(all.total).toBe(demoCatalogue.length);
    const codes = (all.items as unknown as { code: string }[]).map((p) => p.code);
    expect(codes).toEqual([...codes].sort());
    const ci = pageOf<{ code: string }>(await agent.get('/api/v1/products?q=ci_a'));
    expect(ci.items.map((p) => p.code)).toEqual(['CI_A']);
    const name = demoCatalogue.find((p) => p.code === 'FEM')!.name;
    expect(
      pageOf<{ code: string }>(await agent.get(`/api/v1/products?q=${encodeURIComponent(name)}`)).items.map(
        (p) => p.code,
      ),
    ).toContain('FEM');
    await refusesBadPaging((q) => agent.get(`/api/v1/products?${q}`));
    expect(pageOf(await w.callers.national.get('/api/v1/products?page=2'))).toMatchObject({ items: [], total: 0 });
  });
});

describe("GET /members/:id/policies pages a member's policies", () => {
  it('page 2 and total (newest start first), bad paging 400, outside the scope 404', async () => {
    const member = w.members.m1;
    const place = { unitId: w.units.u1.id, agencyId: w.agencies.a1.id };
    for (const [productCode, startDate] of [
      ['MED', '2024-01-01'],
      ['CI_A', '2025-01-01'],
      ['MED', '2026-01-01'],
    ] as const)
      await newPolicy(ctx, { memberId: member.id, productCode, startDate, ...place });
    const url = (q: string) => `/api/v1/members/${member.id}/policies?${q}`;
    const admin = w.callers.admin;
    const first = pageOf<{ id: string; startDate: string }>(await admin.get(url('pageSize=2')));
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.items.map((p) => p.startDate)).toEqual(['2026-01-01', '2025-01-01']);
    const second = pageOf<{ startDate: string }>(await admin.get(url('page=2&pageSize=2')));
    expect(second).toMatchObject({ total: 3, page: 2 });
    expect(second.items.map((p) => p.startDate)).toEqual(['2024-01-01']);
    const all = await pagesAgree((q) => admin.get(url(q)), 1);
    await refusesBadPaging((q) => admin.get(url(q)));
    // Asked without page or pageSize: the array api.md documents, every policy in the same order.
    const plain = await admin.get(`/api/v1/members/${member.id}/policies`);
    expect(plain.statusCode).toBe(200);
    expect(Array.isArray(plain.json())).toBe(true);
    expect((plain.json() as { id: string }[]).map((p) => p.id)).toEqual(all.items.map((p) => p.id));
    // Inside the scope: the unit's agent and agency; outside: another agency, unit or office → 404, nothing listed.
    expect(pageOf(await w.callers.unitU1.get(url('page=2&pageSize=2'))).total).toBe(3);
    for (const outside of [w.callers.agencyA2, w.callers.unitU2, w.callers.adminB]) {
      const res = await outside.get(url('page=1&pageSize=2'));
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'NOT_FOUND', message: expect.any(String) });
      expect(res.body).not.toContain('items');
    }
  });
});

describe('GET /payout-batches/:id/items pages a batch’s transfers', () => {
  it('page 2 and total, search by payee or claim id, status, bad paging 400, another office 404', async () => {
    const claims: string[] = [];
    for (let n = 0; n < 3; n++) {
      const id = await acceptedClaim(cw, inpatientClaim(cw.member.id));
      expectOk(await cw.callers.reviewer.post(`/api/v1/claims/${id}/decision`, { decision: 'approve' }));
      claims.push(id);
    }
    const finance = cw.callers.finance;
    const batch = expectOk(await finance.post('/api/v1/payout-batches', { claimIds: claims }), 201);
    const url = (q: string) => `/api/v1/payout-batches/${batch.id}/items?${q}`;
    const first = pageOf<{ id: string; claimId: string }>(await finance.get(url('pageSize=2')));
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    const second = pageOf<{ claimId: string }>(await finance.get(url('page=2&pageSize=2')));
    expect(second.items).toHaveLength(1);
    // The same items, in the same order, as the batch itself carries.
    const all = await pagesAgree((q) => finance.get(url(q)), 2);
    expect(all.items.map((i) => i.id)).toEqual((batch.items as { id: string }[]).map((i) => i.id));
    expect(pageOf<{ claimId: string }>(await finance.get(url(`q=${claims[1]}`))).items.map((i) => i.claimId)).toEqual([
      claims[1],
    ]);
    expect(pageOf(await finance.get(url(`q=${encodeURIComponent(cw.member.name)}`))).total).toBe(3);
    expect(pageOf(await finance.get(url('q=nobody'))).total).toBe(0);
    expectOk(
      await finance.post(`/api/v1/payout-batches/${batch.id}/results`, [{ claimId: claims[0], status: 'paid' }]),
    );
    expect(pageOf(await finance.get(url('status=paid'))).total).toBe(1);
    expect(pageOf(await finance.get(url('status=pending'))).total).toBe(2);
    expect((await finance.get(url('status=lost'))).statusCode).toBe(400);
    await refusesBadPaging((q) => finance.get(url(q)));
    // The batch list finds the batch paying a claim, by its id or the payee's name; a bad page is refused there too.
    const found = pageOf(await finance.get(`/api/v1/payout-batches?q=${claims[2]}`));
    expect(found.items.map((b) => b.id)).toEqual([batch.id]);
    expect(found.total).toBe(1);
    expect(pageOf(await finance.get(`/api/v1/payout-batches?q=${batch.id}`)).items.map((b) => b.id)).toEqual([
      batch.id,
    ]);
    expect(
      pageOf(
        await finance.get(`/api/v1/payout-batches?q=${encodeURIComponent(cw.member.name)}&pageSize=500`),
      ).items.map((b) => b.id),
    ).toContain(batch.id);
    expect(pageOf(await finance.get('/api/v1/payout-batches?q=nobody')).total).toBe(0);
    await refusesBadPaging((q) => finance.get(`/api/v1/payout-batches?${q}`));
    // Another office's finance, or a batch that does not exist: 404 with nothing listed; others lack the permission.
    const otherFinance = await ctx.as('office_finance', { office_id: w.officeB.id });
    for (const res of [
      await otherFinance.get(url('page=1')),
      await finance.get('/api/v1/payout-batches/0190aaaa-0000-7000-8000-000000000000/items'),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'NOT_FOUND', message: expect.any(String) });
    }
    expect(pageOf(await otherFinance.get(`/api/v1/payout-batches?q=${claims[2]}`)).total).toBe(0);
    expect((await cw.callers.reviewer.get(url('page=1'))).statusCode).toBe(403);
  });
});

describe('GET /gift-campaigns pages what the caller may see', () => {
  it('an agency sees only campaigns open to it, with a total and pages that agree; bad paging 400', async () => {
    const admin = w.callers.admin;
    const body = (name: string, agencyIds?: string[]) => ({
      name,
      sponsor: '分页测试平台',
      budgetCount: 10,
      startDate: '2026-03-01',
      endDate: '2026-06-30',
      ...(agencyIds ? { eligibility: { agencyIds } } : {}),
    });
    const open: string[] = [];
    for (const [name, agencyIds] of [
      ['分页赠险一', undefined],
      ['分页赠险二', [w.agencies.a2.id]],
      ['分页赠险三', [w.agencies.a1.id, w.agencies.a2.id]],
      ['分页赠险四', [w.agencies.a2.id]],
      ['分页赠险五', []],
    ] as const) {
      ctx.clock.set(new Date(ctx.clock.now().getTime() + 1000).toISOString());
      const c = expectOk(
        await admin.post('/api/v1/gift-campaigns', body(name, agencyIds ? [...agencyIds] : undefined)),
        201,
      );
      if (!agencyIds || agencyIds.length === 0 || (agencyIds as readonly string[]).includes(w.agencies.a1.id))
        open.push(c.id);
    }
    const q = `q=${encodeURIComponent('分页赠险')}`;
    expect(pageOf(await admin.get(`/api/v1/gift-campaigns?${q}`)).total).toBe(5);
    const a1 = w.callers.agencyA1;
    const first = pageOf(await a1.get(`/api/v1/gift-campaigns?${q}&pageSize=2`));
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    const second = pageOf(await a1.get(`/api/v1/gift-campaigns?${q}&page=2&pageSize=2`));
    expect(second).toMatchObject({ total: 3, page: 2 });
    expect([...first.items, ...second.items].map((c) => c.id)).toEqual([...open].reverse());
    await pagesAgree((query) => a1.get(`/api/v1/gift-campaigns?${q}&${query}`), 1);
    await refusesBadPaging((query) => a1.get(`/api/v1/gift-campaigns?${query}`));
    expect(pageOf(await w.callers.adminB.get(`/api/v1/gift-campaigns?${q}`)).total).toBe(0);
  });
});

describe('GET /security-alerts pages one alert per account, newest first', () => {
  it('page 2 and total, locked=true keeps the accounts still locked, bad paging 400, other offices see none', async () => {
    const login = (username: string, ip: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: ip,
        payload: { username, password: 'Wrong-pass1' },
      });
    const admin = await ctx.as('office_admin', { office_id: (await ctx.newOffice()).id });
    const users = [];
    for (const [n, ip] of ['198.51.100.1', '198.51.100.2', '198.51.100.3'].entries()) {
      const user = await ctx.newUser('office_finance', { office_id: admin.user.office_id });
      ctx.clock.set(new Date(ctx.clock.now().getTime() + (n === 2 ? 20 : 1) * 60_000).toISOString());
      for (let i = 0; i < 5; i++) await login(user.username, ip);
      users.push(user.id);
    }
    const first = pageOf<{ userId: string }>(await admin.get('/api/v1/security-alerts?pageSize=2'));
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.items.map((a) => a.userId)).toEqual([users[2], users[1]]);
    const second = pageOf<{ userId: string }>(await admin.get('/api/v1/security-alerts?page=2&pageSize=2'));
    expect(second.items.map((a) => a.userId)).toEqual([users[0]]);
    // The first two locks (15 minutes) have passed by the third, 20 minutes later: only that account is locked now.
    const locked = pageOf<{ userId: string }>(await admin.get('/api/v1/security-alerts?locked=true'));
    expect(locked).toMatchObject({ total: 1 });
    expect(locked.items.map((a) => a.userId)).toEqual([users[2]]);
    expect((await admin.get('/api/v1/security-alerts?locked=maybe')).statusCode).toBe(400);
    await refusesBadPaging((q) => admin.get(`/api/v1/security-alerts?${q}`));
    const elsewhere = pageOf<{ userId: string }>(await w.callers.adminB.get('/api/v1/security-alerts?pageSize=500'));
    expect(elsewhere.items.map((a) => a.userId)).not.toEqual(expect.arrayContaining([users[0]]));
  });
});

describe('GET /reports/campaigns pages the campaigns the caller may see', () => {
  it('page 2 and total (newest start first), search by name, agency scope in the query, bad paging 400', async () => {
    const admin = w.callers.admin;
    const made: string[] = [];
    for (const [name, startDate, agencyIds] of [
      ['分页专项一', '2026-01-01', []],
      ['分页专项二', '2026-02-01', [w.agencies.a2.id]],
      ['分页专项三', '2026-03-01', [w.agencies.a1.id]],
      ['分页专项四', '2026-04-01', [w.agencies.a1.id, w.agencies.a2.id]],
    ] as const) {
      const body = {
        name,
        startDate,
        endDate: '2026-12-31',
        agencyIds,
        targets: { units: 1, members: 1, contributionsFen: 1 },
      };
      made.push(expectOk(await admin.post('/api/v1/reports/campaigns', body), 201).id);
    }
    const q = `q=${encodeURIComponent('分页专项')}`;
    const all = pageOf(await w.callers.reviewer.get(`/api/v1/reports/campaigns?${q}`));
    expect(all.total).toBe(4);
    expect(all.items.map((c) => c.id)).toEqual([...made].reverse());
    const a1 = w.callers.agencyA1;
    const first = pageOf(await a1.get(`/api/v1/reports/campaigns?${q}&pageSize=2`));
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    const second = pageOf(await a1.get(`/api/v1/reports/campaigns?${q}&page=2&pageSize=2`));
    expect([...first.items, ...second.items].map((c) => c.id)).toEqual([made[3], made[2], made[0]]);
    await pagesAgree((query) => a1.get(`/api/v1/reports/campaigns?${q}&${query}`), 1);
    expect(pageOf(await a1.get(`/api/v1/reports/campaigns?q=${encodeURIComponent('分页专项二')}`)).total).toBe(0);
    await refusesBadPaging((query) => a1.get(`/api/v1/reports/campaigns?${query}`));
    expect(pageOf(await w.callers.adminB.get(`/api/v1/reports/campaigns?${q}`)).total).toBe(0);
  });
});

describe('holiday (relief) batches and enrolment batches are searched and paged', () => {
  it('relief batches by name: page 2 and total, bad paging 400, another office sees none', async () => {
    const admin = w.callers.admin;
    for (const [n, name] of ['分页春节慰问', '分页中秋慰问', '分页春节补发'].entries())
      await ctx.handle.db
        .insertInto('relief_batch')
        .values({
          id: newId(),
          office_id: ctx.office.id,
          name,
          category: 'holiday',
          event_date: '2026-02-10',
          status: 'open',
          amount_fen_each: 50_000,
          item_count: 0,
          total_fen: 0,
          skipped_json: '[]',
          created_by: admin.user.id,
          created_at: new Date(Date.UTC(2026, 1, 1 + n)).toISOString(),
          decided_by: null,
          decided_at: null,
          decision_reason: null,
        })
        .execute();
    const get = (q: string) => admin.get(`/api/v1/relief-batches?${q}`);
    const spring = pageOf<{ name: string }>(await get(`q=${encodeURIComponent('春节')}&pageSize=1`));
    expect(spring).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(spring.items.map((b) => b.name)).toEqual(['分页春节补发']);
    const second = pageOf<{ name: string }>(await get(`q=${encodeURIComponent('春节')}&page=2&pageSize=1`));
    expect(second.items.map((b) => b.name)).toEqual(['分页春节慰问']);
    await pagesAgree((q) => get(`q=${encodeURIComponent('分页')}&${q}`), 2);
    await refusesBadPaging(get);
    expect(pageOf(await w.callers.adminB.get(`/api/v1/relief-batches?q=${encodeURIComponent('分页')}`)).total).toBe(0);
    expect((await w.callers.agencyA1.get('/api/v1/relief-batches?page=2')).statusCode).toBe(403);
  });

  it('enrolment batches by unit name or batch id, in a stable order; the agency sees its units only', async () => {
    const version = await ctx.handle.db
      .selectFrom('product_version')
      .select(['id', 'code'])
      .where('office_id', '=', ctx.office.id)
      .where('code', '=', 'MED')
      .executeTakeFirstOrThrow();
    const at = '2026-03-01T00:00:00.000Z';
    const made: Record<string, string[]> = { u1: [], u2: [] };
    for (const key of ['u1', 'u1', 'u1', 'u2'] as const) {
      const id = newId();
      made[key]!.push(id);
      await ctx.handle.db
        .insertInto('enrolment_batch')
        .values({
          id,
          office_id: ctx.office.id,
          unit_id: w.units[key].id,
          agency_id: key === 'u1' ? w.agencies.a1.id : w.agencies.a2.id,
          product_version_id: version.id,
          product_code: version.code,
          kind: 'roster',
          requested_start: '2026-04-01',
          status: 'draft',
          file_name: 'roster.xlsx',
          total_rows: 1,
          accepted_rows: 1,
          rejected_rows: 0,
          total_shares: 1,
          total_fee_fen: 10_000,
          issues_json: '[]',
          issue_count: 0,
          rejected_rows_enc: null,
          idempotency_key: null,
          return_reason: null,
          note: null,
          paid_amount_fen: null,
          paid_on: null,
          bank_reference: null,
          created_by: w.callers.admin.user.id,
          // Three created at the same instant: the id breaks the tie, so pages never overlap.
          created_at: at,
          updated_at: at,
          submitted_at: null,
          approved_at: null,
          effective_at: null,
        })
        .execute();
    }
    const admin = w.callers.admin;
    const byName = (q: string) => admin.get(`/api/v1/enrolment-batches?q=${encodeURIComponent('江北一厂')}&${q}`);
    const all = await pagesAgree(byName, 1);
    expect(all.total).toBe(3);
    expect(all.items.map((b) => b.id)).toEqual([...made.u1!].sort().reverse());
    expect(pageOf(await admin.get(`/api/v1/enrolment-batches?q=${made.u2![0]}`)).items.map((b) => b.id)).toEqual(
      made.u2,
    );
    await refusesBadPaging((q) => admin.get(`/api/v1/enrolment-batches?${q}`));
    // The other agency finds nothing of 江北; another office nothing at all.
    expect(
      pageOf(await w.callers.agencyA2.get(`/api/v1/enrolment-batches?q=${encodeURIComponent('江北一厂')}`)).total,
    ).toBe(0);
    expect(pageOf(await w.callers.adminB.get(`/api/v1/enrolment-batches?q=${made.u1![0]}`)).total).toBe(0);
  });
});
