import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.ts';
import {
  acceptedClaim,
  buildClaimsWorld,
  type ClaimsWorld,
  expectOk,
  inpatientClaim,
  newPolicy,
} from './helpers/claims-factory.ts';
import { createTestContext, type TestContext } from './helpers/test-context.ts';
import { csvOf, multipartBody, xlsxOf } from './helpers/upload.ts';

let ctx: TestContext;
let w: ClaimsWorld;
beforeAll(async () => {
  ctx = await createTestContext();
  w = await buildClaimsWorld(ctx);
});
afterAll(() => ctx.close());

const ACCOUNT = '6222021234567890123';

async function approvedClaim(memberId = w.member.id) {
  const id = await acceptedClaim(w, inpatientClaim(memberId));
  expectOk(await w.callers.reviewer.post(`/api/v1/claims/${id}/decision`, { decision: 'approve' }));
  return id;
}
const results = (batchId: string, rows: unknown) =>
  w.callers.finance.post(`/api/v1/payout-batches/${batchId}/results`, rows);
const claimStatus = async (id: string) => expectOk(await w.callers.finance.get(`/api/v1/claims/${id}`)).status;

describe('bank accounts', () => {
  it('are stored encrypted, answered masked, and every change is audited', async () => {
    const res = expectOk(
      await w.callers.agency.patch(`/api/v1/members/${w.member.id}/bank-account`, {
        bankName: '中国建设银行重庆分行',
        accountNumber: '6217-0031-2345-6789-012',
      }),
    );
    expect(res).toEqual({
      memberId: w.member.id,
      bankName: '中国建设银行重庆分行',
      bankAccountMasked: '**** **** 9012',
    });
    const row = await ctx.handle.db
      .selectFrom('member')
      .selectAll()
      .where('id', '=', w.member.id)
      .executeTakeFirstOrThrow();
    expect(row.bank_account_enc).not.toContain('6217');
    expect(ctx.deps.cipher.decrypt(row.bank_account_enc!)).toBe('6217003123456789012');
    const detail = expectOk(await w.callers.agency.get(`/api/v1/members/${w.member.id}`));
    expect(detail.bankAccountMasked).toBe('**** **** 9012');
    const audits = await ctx.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('object_id', '=', w.member.id)
      .where('action', '=', 'member.bank_account')
      .orderBy('id')
      .execute();
    expect(JSON.parse(audits.at(-1)!.after_json!)).toEqual({
      bankName: '中国建设银行重庆分行',
      account: '**** **** 9012',
    });
    expect(audits.at(-1)!.after_json).not.toContain('6217');
    // Back to the account the other tests expect.
    expectOk(
      await w.callers.unit.patch(`/api/v1/members/${w.member.id}/bank-account`, {
        bankName: '中国工商银行',
        accountNumber: ACCOUNT,
      }),
    );
  });

  it.each(['12345', '6222 abcd 1234 5678', ''])('refuses the account number %j', async (accountNumber) => {
    const res = await w.callers.unit.patch(`/api/v1/members/${w.member.id}/bank-account`, {
      bankName: '工行',
      accountNumber,
    });
    expect(res.statusCode).toBe(400);
  });

  it('only finance manages payouts', async () => {
    for (const agent of [w.callers.reviewer, w.callers.admin, w.callers.agency, w.callers.unit])
      expect((await agent.post('/api/v1/payout-batches', {})).statusCode).toBe(403);
  });
});

describe('payout batches', () => {
  it('gather approved claims, leaving out members without a bank account, and export the full account in the file only', async () => {
    const paid = await approvedClaim();
    const noBank = await ctx.newMember({ unit_id: w.unit.id });
    await newPolicy(ctx, { memberId: noBank.id, productCode: 'MED', startDate: '2025-06-01', ...w.place });
    const skippedClaim = await approvedClaim(noBank.id);

    const batch = expectOk(await w.callers.finance.post('/api/v1/payout-batches', {}), 201);
    expect(batch).toMatchObject({ status: 'open', itemCount: 1, totalFen: 255_000, pendingCount: 1 });
    expect(batch.skipped).toEqual([
      {
        claimId: skippedClaim,
        code: 'BANK_ACCOUNT_MISSING',
        memberId: noBank.id,
        memberName: noBank.name,
        reason: '会员尚未登记收款银行账户',
      },
    ]);
    expect(batch.items[0]).toMatchObject({
      claimId: paid,
      amountFen: 255_000,
      accountMasked: '**** **** 0123',
      status: 'pending',
    });
    expect(JSON.stringify(batch)).not.toContain(ACCOUNT);

    // Named alone, nothing is left to pay: refused, naming the member and the claim.
    const named = await w.callers.finance.post('/api/v1/payout-batches', { claimIds: [skippedClaim] });
    expect(named.statusCode).toBe(422);
    expect(named.json().code).toBe('PAYOUT_EMPTY');
    expect(named.json().details.skipped).toEqual([
      expect.objectContaining({ claimId: skippedClaim, memberName: noBank.name }),
    ]);
    // Already waiting at the bank: not gathered twice.
    const twice = await w.callers.finance.post('/api/v1/payout-batches', { claimIds: [paid] });
    expect(twice.statusCode).toBe(409);
    expect((await w.callers.finance.post('/api/v1/payout-batches', {})).json().code).toBe('PAYOUT_EMPTY');

    const csv = await w.callers.finance.get(`/api/v1/payout-batches/${batch.id}/file?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(`${ACCOUNT},2550.00,${paid}`);
    const xlsx = await w.callers.finance.get(`/api/v1/payout-batches/${batch.id}/file?format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const row = wb.worksheets[0]!.getRow(2).values as unknown[];
    expect(row.slice(1, 6)).toEqual([w.member.name, '中国工商银行', ACCOUNT, '2550.00', paid]);
    const exports = await ctx.handle.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('object_id', '=', batch.id)
      .where('action', '=', 'payout.export')
      .execute();
    expect(exports).toHaveLength(2);
    expect(expectOk(await w.callers.finance.get(`/api/v1/payout-batches/${batch.id}`)).exportedAt).not.toBeNull();

    const done = expectOk(await results(batch.id, [{ claimId: paid, status: 'paid' }]));
    expect(done).toMatchObject({ status: 'closed', paidCount: 1, pendingCount: 0 });
    expect(await claimStatus(paid)).toBe('paid');
    const text = await ctx.handle.db
      .selectFrom('sms_outbox')
      .selectAll()
      .where('object_id', '=', paid)
      .where('template', '=', 'claim_paid')
      .executeTakeFirstOrThrow();
    expect(text.text).toContain('2550.00元');
  });

  it('named with claims that can be paid, a claim without an account is left out and named, the rest paid', async () => {
    const payable = await approvedClaim();
    const noBank = await ctx.newMember({ unit_id: w.unit.id });
    await newPolicy(ctx, { memberId: noBank.id, productCode: 'MED', startDate: '2025-06-01', ...w.place });
    const waiting = await approvedClaim(noBank.id);
    const batch = expectOk(
      await w.callers.finance.post('/api/v1/payout-batches', { claimIds: [payable, waiting] }),
      201,
    );
    expect(batch.items.map((i: { claimId: string }) => i.claimId)).toEqual([payable]);
    expect(batch.skipped).toEqual([
      expect.objectContaining({ claimId: waiting, memberName: noBank.name, code: 'BANK_ACCOUNT_MISSING' }),
    ]);
    const audit = await ctx.handle.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('object_id', '=', batch.id)
      .where('action', '=', 'payout.create')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!).skipped[0]).toMatchObject({ claimId: waiting, memberName: noBank.name });

    // The claim waits for an account in its own list; finance registers one, and it joins the payable list.
    const missing = expectOk(await w.callers.finance.get('/api/v1/payout-claims?account=missing&pageSize=500'));
    expect(missing.items.map((c: { id: string }) => c.id)).toContain(waiting);
    expect(missing.items.find((c: { id: string }) => c.id === waiting)).toMatchObject({
      memberName: noBank.name,
      bankAccountMasked: null,
    });
    expectOk(
      await w.callers.finance.patch(`/api/v1/members/${noBank.id}/bank-account`, {
        bankName: '重庆农村商业银行',
        accountNumber: '6230 0000 1111 2222',
      }),
    );
    const ready = expectOk(await w.callers.finance.get('/api/v1/payout-claims?account=ready&pageSize=500'));
    expect(ready.items.find((c: { id: string }) => c.id === waiting)).toMatchObject({
      bankAccountMasked: '**** **** 2222',
    });
    const after = expectOk(await w.callers.finance.get('/api/v1/payout-claims?account=missing&pageSize=500'));
    expect(after.items.map((c: { id: string }) => c.id)).not.toContain(waiting);
    // A reviewer may read members but not register their accounts.
    const refused = await w.callers.reviewer.patch(`/api/v1/members/${noBank.id}/bank-account`, {
      bankName: '重庆农村商业银行',
      accountNumber: '6230000011112222',
    });
    expect(refused.statusCode).toBe(403);
    expectOk(await w.callers.finance.post('/api/v1/payout-batches', { claimIds: [waiting] }), 201);
  });

  it('the payable list pages with the count and sum of every match', async () => {
    const ids = [await approvedClaim(), await approvedClaim(), await approvedClaim()];
    const all = expectOk(await w.callers.finance.get('/api/v1/payout-claims?pageSize=500'));
    expect(all.total).toBe(all.items.length);
    expect(all.items.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(ids));
    expect(all.totalFen).toBe(
      all.items.reduce((s: number, c: { approvedAmountFen: number }) => s + c.approvedAmountFen, 0),
    );
    const seen: string[] = [];
    for (let page = 1; page <= all.total; page++) {
      const one = expectOk(await w.callers.finance.get(`/api/v1/payout-claims?page=${page}&pageSize=1`));
      expect(one).toMatchObject({ total: all.total, totalFen: all.totalFen, page, pageSize: 1 });
      expect(one.items).toHaveLength(1);
      seen.push(one.items[0].id);
    }
    expect(new Set(seen).size).toBe(all.total);
    const bad = await w.callers.finance.get('/api/v1/payout-claims?account=maybe');
    expect(bad.statusCode).toBe(400);
    expect((await w.callers.reviewer.get('/api/v1/payout-claims')).statusCode).toBe(403);
    // Paid out of the way for the tests after this one.
    expectOk(await w.callers.finance.post('/api/v1/payout-batches', { claimIds: ids }), 201);
  });

  it('pays a claim exactly once: a second "paid" answers 409, and the unique key refuses a second paid row', async () => {
    const id = await approvedClaim();
    const batch = expectOk(await w.callers.finance.post('/api/v1/payout-batches', { claimIds: [id] }), 201);
    expectOk(await results(batch.id, [{ claimId: id, status: 'paid' }]));
    const again = await results(batch.id, [{ claimId: id, status: 'paid' }]);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CONFLICT');
    expect((await w.callers.finance.post('/api/v1/payout-batches', { claimIds: [id] })).statusCode).toBe(409);
    // Even a write that skips every check cannot record a second successful payment of the claim.
    const item = await ctx.handle.db
      .selectFrom('payout_item')
      .selectAll()
      .where('claim_id', '=', id)
      .executeTakeFirstOrThrow();
    const otherBatch = newId();
    await ctx.handle.db
      .insertInto('payout_batch')
      .values({
        ...(await ctx.handle.db
          .selectFrom('payout_batch')
          .selectAll()
          .where('id', '=', item.batch_id)
          .executeTakeFirstOrThrow()),
        id: otherBatch,
      })
      .execute();
    await expect(
      ctx.handle.db
        .insertInto('payout_item')
        .values({ ...item, id: newId(), batch_id: otherBatch })
        .execute(),
    ).rejects.toThrow(/paid_claim_id|payout_item_paid_uq/);
  });

  it('a failed transfer returns the claim to payout_failed; reissued in a new batch it is paid', async () => {
    const id = await approvedClaim();
    const first = expectOk(await w.callers.finance.post('/api/v1/payout-batches', { claimIds: [id] }), 201);
    const failed = expectOk(await results(first.id, [{ claimId: id, status: 'failed', reason: '账户已销户' }]));
    expect(failed.items[0]).toMatchObject({ status: 'failed', reason: '账户已销户' });
    expect(await claimStatus(id)).toBe('payout_failed');
    const second = expectOk(await w.callers.finance.post('/api/v1/payout-batches', {}), 201);
    expect(second.items.map((i: { claimId: string }) => i.claimId)).toEqual([id]);
    // The failed item of the first batch cannot be turned into a payment afterwards.
    expect((await results(first.id, [{ claimId: id, status: 'paid' }])).statusCode).toBe(409);
    expectOk(await results(second.id, [{ claimId: id, status: 'paid' }]));
    expect(await claimStatus(id)).toBe('paid');
    const claim = expectOk(await w.callers.finance.get(`/api/v1/claims/${id}`));
    expect(claim.history.map((h: { action: string }) => h.action).slice(-2)).toEqual(['claim.fail', 'claim.pay']);
  });

  it('reads the bank’s result file (xlsx or csv); an unknown reference refuses the whole file', async () => {
    const a = await approvedClaim();
    const b = await approvedClaim();
    const batch = expectOk(await w.callers.finance.post('/api/v1/payout-batches', { claimIds: [a, b] }), 201);
    const send = (name: string, content: Buffer | string) => {
      const body = multipartBody({ name, content });
      return w.callers.finance.inject({
        method: 'POST',
        url: `/api/v1/payout-batches/${batch.id}/results`,
        payload: body.payload,
        headers: body.headers,
      });
    };
    const bad = await send(
      'result.csv',
      csvOf([
        ['业务参考号', '状态', '原因'],
        [a, '成功', ''],
        ['no-such-claim', '成功', ''],
      ]),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues).toEqual([
      expect.objectContaining({ row: 3, column: '业务参考号', code: 'NOT_FOUND', severity: 'error' }),
    ]);
    expect(await claimStatus(a)).toBe('approved');
    const unknownWord = await send(
      'result.xlsx',
      await xlsxOf([
        ['业务参考号', '状态'],
        [a, '也许'],
      ]),
    );
    expect(unknownWord.statusCode).toBe(400);
    expect(unknownWord.json().details.issues).toEqual([expect.objectContaining({ row: 2, column: '状态' })]);
    const noColumn = await send(
      'result.csv',
      csvOf([
        ['参考', '结果'],
        [a, '成功'],
      ]),
    );
    expect(noColumn.json().code).toBe('COLUMN_MISSING');
    const ok = expectOk(
      await send(
        'result.xlsx',
        await xlsxOf([
          ['业务参考号', '状态', '失败原因'],
          [a, '成功', ''],
          [b, '失败', '户名不符'],
        ]),
      ),
    );
    expect(ok).toMatchObject({ status: 'closed', paidCount: 1, failedCount: 1 });
    expect([await claimStatus(a), await claimStatus(b)]).toEqual(['paid', 'payout_failed']);
  });

  it('of two concurrent result posts for the same claim, one applies and the other gets 409', async () => {
    const id = await approvedClaim();
    const batch = expectOk(await w.callers.finance.post('/api/v1/payout-batches', { claimIds: [id] }), 201);
    const other = await ctx.as('office_finance');
    const both = await Promise.all([
      results(batch.id, [{ claimId: id, status: 'paid' }]),
      other.post(`/api/v1/payout-batches/${batch.id}/results`, [{ claimId: id, status: 'paid' }]),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const paidRows = await ctx.handle.db
      .selectFrom('payout_item')
      .select('id')
      .where('paid_claim_id', '=', id)
      .execute();
    expect(paidRows).toHaveLength(1);
  });
});
