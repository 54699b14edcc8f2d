import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays, rosterColumns } from '@huzhu/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openDatabase } from '../src/db/dialect.ts';
import type { FaultPoint } from '../src/fault.ts';
import { expectOk, inpatientClaim, newPolicy, uploadSlots } from './helpers/claims-factory.ts';
import { type Agent, createTestContext, makeIdNumber, testPgUrl } from './helpers/test-context.ts';
import { multipartBody, xlsxOf } from './helpers/upload.ts';
import { memberLogin, verifyRealName } from './helpers/member-app.ts';

/**
 * kill -9 at the worst moment: a real server process crashes itself inside the transaction of a roster import, a
 * payment confirmation and a payout result import (just before the commit, or halfway through the rows). After a
 * restart nothing of the crashed request is visible — no batch, no policy, no paid claim, no audit row — and the
 * same request sent again has exactly one effect. On SQLite (a WAL file database) and on PostgreSQL.
 */

const root = path.resolve(import.meta.dirname, '../../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huzhu-fault-'));
const persistent = { sqlitePath: path.join(dir, 'huzhu.db'), pgSchema: `f_${crypto.randomBytes(5).toString('hex')}` };

type Caller = { cookie: string; csrf: string };
let agents: { unit: Caller; agency: Caller; reviewer: Caller; finance: Caller };
let unitId: string;
let claimIds: string[];
let payoutBatchId: string;
let gig: { who: Caller; orderId: string; memberId: string };
let today: string;

async function start(fault?: FaultPoint): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/test/helpers/fault-server.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dir,
      ...(testPgUrl
        ? { FAULT_PG_URL: testPgUrl, FAULT_PG_SCHEMA: persistent.pgSchema }
        : { FAULT_SQLITE: persistent.sqlitePath }),
      HUZHU_FAULT: fault ?? '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => {
    err += String(d);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /listening (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${err}`)));
  });
  return { url, child };
}

const exited = (child: ChildProcess) =>
  new Promise<NodeJS.Signals | number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.signalCode ?? child.exitCode);
    else child.once('exit', (code, signal) => resolve(signal ?? code));
  });

async function send(
  url: string,
  who: Caller,
  method: string,
  p: string,
  body?: unknown,
  upload?: { payload: Buffer; headers: Record<string, string> },
) {
  const headers: Record<string, string> = { cookie: who.cookie, 'x-csrf-token': who.csrf };
  let payload: string | Uint8Array | undefined;
  if (upload) {
    Object.assign(headers, upload.headers);
    payload = new Uint8Array(upload.payload);
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  return fetch(`${url}/api/v1${p}`, { method, headers, body: payload });
}

/** The request the crash interrupts: the client sees the connection drop, the process dies of SIGKILL. */
async function crashOn(fault: FaultPoint, call: (url: string) => Promise<Response>) {
  const { url, child } = await start(fault);
  const outcome = await call(url).then(
    (r) => `answered ${r.status}`,
    () => 'connection lost',
  );
  expect(outcome).toBe('connection lost');
  expect(await exited(child)).toBe('SIGKILL');
}

async function withServer<T>(run: (url: string) => Promise<T>): Promise<T> {
  const { url, child } = await start();
  try {
    return await run(url);
  } finally {
    child.kill('SIGTERM');
    await exited(child);
  }
}

async function withDb<T>(read: (h: DbHandle) => Promise<T>): Promise<T> {
  const h = testPgUrl
    ? openDatabase({ databaseUrl: testPgUrl, pgSchema: persistent.pgSchema, poolSize: 1 })
    : openDatabase({ sqlitePath: persistent.sqlitePath });
  try {
    return await read(h);
  } finally {
    await h.destroy();
  }
}

const count = (
  h: DbHandle,
  table: 'enrolment_batch' | 'enrolment_item' | 'policy' | 'audit_log',
  where?: [string, string],
) => {
  let q = h.db.selectFrom(table).select((e) => e.fn.countAll<number>().as('n'));
  if (where) q = q.where(where[0] as never, '=', where[1] as never);
  return q.executeTakeFirstOrThrow().then((r) => Number(r.n));
};

const caller = (a: Agent): Caller => ({ cookie: a.cookie, csrf: a.csrf });

const surnames = [...'赵钱孙李周吴郑王冯陈'];
const givenNames = [...'伟芳娜敏'];
const roster = async () =>
  multipartBody(
    {
      name: 'roster.xlsx',
      content: await xlsxOf([
        Object.values(rosterColumns),
        ...Array.from({ length: 40 }, (_, i) => [
          `${surnames[i % 10]}${givenNames[Math.floor(i / 10)]}`,
          makeIdNumber(`19${70 + (i % 25)}-0${1 + (i % 9)}-1${i % 10}`, i % 2 ? 'male' : 'female'),
          `1380000${String(1000 + i)}`,
          1,
          '在职',
          '是',
        ]),
      ]),
    },
    { productCode: 'MED', startDate: addDays(today, 10) },
  );

beforeAll(async () => {
  const now = new Date();
  const ctx = await createTestContext({ now: now.toISOString(), persistent });
  today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const agency = await ctx.newAgency({ name: '江北区代办处' });
  const unit = await ctx.newUnit({ agency_id: agency.id, name: '江北一厂' });
  unitId = unit.id;
  const a = {
    unit: await ctx.as('unit_agent', { unit_id: unit.id }),
    agency: await ctx.as('agency_staff', { agency_id: agency.id }),
    reviewer: await ctx.as('office_reviewer'),
    finance: await ctx.as('office_finance'),
  };
  // Two approved claims with bank accounts, gathered into one payout batch.
  claimIds = [];
  for (const name of ['李娟', '王伟']) {
    const m = await ctx.newMember({ unit_id: unit.id, name });
    await newPolicy(ctx, {
      memberId: m.id,
      productCode: 'MED',
      startDate: addDays(today, -300),
      unitId: unit.id,
      agencyId: agency.id,
    });
    expectOk(
      await a.unit.patch(`/api/v1/members/${m.id}/bank-account`, {
        bankName: '中国工商银行重庆江北支行',
        accountNumber: '6222021234567890123',
      }),
    );
    const event = addDays(today, -20);
    const filed = expectOk(
      await a.unit.post(
        '/api/v1/claims',
        inpatientClaim(m.id, { eventDate: event, admissionDate: event, dischargeDate: addDays(event, 10) }),
      ),
      201,
    );
    await uploadSlots(a.unit, filed.id);
    expectOk(await a.agency.post(`/api/v1/claims/${filed.id}/accept`));
    expectOk(await a.reviewer.post(`/api/v1/claims/${filed.id}/decision`, { decision: 'approve' }));
    claimIds.push(filed.id);
  }
  payoutBatchId = expectOk(await a.finance.post('/api/v1/payout-batches', { claimIds }), 201).id;
  agents = { unit: caller(a.unit), agency: caller(a.agency), reviewer: caller(a.reviewer), finance: caller(a.finance) };
  // A gig worker's order waiting for its payment (demo cashier).
  const rider = await memberLogin(ctx, '13700009999');
  const face = await verifyRealName(rider, '骑手庚', makeIdNumber('1993-03-03'));
  const order = expectOk(await rider.post('/api/v1/m/enrolments', { productCode: 'GIG' }), 201);
  gig = { who: { cookie: rider.cookie, csrf: rider.csrf }, orderId: order.id, memberId: face.memberId as string };
  // The context's app goes; its database stays for the server processes.
  await ctx.app.close();
  await ctx.handle.destroy();
}, 120_000);

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  if (testPgUrl) {
    const c = new pg.Client({ connectionString: testPgUrl });
    await c.connect();
    await c.query(`drop schema if exists ${persistent.pgSchema} cascade`);
    await c.end();
  }
});

describe('kill -9 inside a transaction, then restart and retry', () => {
  let batchId: string;

  it('roster import: the crashed import left no batch, no item and no audit row; the retry imports once', async () => {
    const upload = await roster();
    const before = await withDb(async (h) => ({ audit: await count(h, 'audit_log') }));
    await crashOn('roster-import:before-commit', (url) =>
      send(url, agents.unit, 'POST', `/units/${unitId}/roster-imports`, undefined, upload),
    );
    await withDb(async (h) => {
      expect(await count(h, 'enrolment_batch', ['unit_id', unitId])).toBe(0);
      expect(await count(h, 'enrolment_item')).toBe(0);
      expect(await count(h, 'audit_log')).toBe(before.audit);
    });
    const batch = await withServer(async (url) => {
      const res = await send(url, agents.unit, 'POST', `/units/${unitId}/roster-imports`, undefined, upload);
      expect(res.status).toBe(201);
      const b = (await res.json()) as { id: string; acceptedRows: number };
      expect(b.acceptedRows).toBe(40);
      expect((await send(url, agents.unit, 'POST', `/enrolment-batches/${b.id}/submit`)).status).toBe(200);
      expect((await send(url, agents.agency, 'POST', `/enrolment-batches/${b.id}/approve`, {})).status).toBe(200);
      return b;
    });
    batchId = batch.id;
    await withDb(async (h) => {
      expect(await count(h, 'enrolment_batch', ['unit_id', unitId])).toBe(1);
      expect(await count(h, 'enrolment_item', ['batch_id', batchId])).toBe(40);
    });
  }, 120_000);

  it('payment confirmation: the crashed payment created no policy and left the batch approved; the retry pays once', async () => {
    const batch = await withDb((h) =>
      h.db.selectFrom('enrolment_batch').selectAll().where('id', '=', batchId).executeTakeFirstOrThrow(),
    );
    const payment = { amountFen: batch.total_fee_fen, paidOn: today, bankReference: 'HX-20261204-01' };
    const policiesBefore = await withDb((h) => count(h, 'policy'));
    await crashOn('batch-pay:before-commit', (url) =>
      send(url, agents.finance, 'POST', `/enrolment-batches/${batchId}/payments`, payment),
    );
    await withDb(async (h) => {
      const b = await h.db
        .selectFrom('enrolment_batch')
        .selectAll()
        .where('id', '=', batchId)
        .executeTakeFirstOrThrow();
      expect(b.status).toBe('approved');
      expect(b.paid_amount_fen).toBeNull();
      expect(await count(h, 'policy')).toBe(policiesBefore);
      expect(await count(h, 'audit_log', ['action', 'batch.pay'])).toBe(0);
    });
    await withServer(async (url) => {
      for (let i = 0; i < 2; i++) {
        const res = await send(url, agents.finance, 'POST', `/enrolment-batches/${batchId}/payments`, payment);
        expect(res.status).toBe(200);
        expect(((await res.json()) as { status: string }).status).toBe('effective');
      }
    });
    await withDb(async (h) => {
      expect(await count(h, 'policy', ['batch_id', batchId])).toBe(40);
      expect(await count(h, 'audit_log', ['action', 'batch.pay'])).toBe(1);
    });
  }, 120_000);

  it('payout results: a crash after the first of two rows pays neither; the retry pays each claim once', async () => {
    const results = claimIds.map((claimId) => ({ claimId, status: 'paid' }));
    const state = (h: DbHandle) =>
      h.db.selectFrom('claim').select(['id', 'status', 'paid_at']).where('id', 'in', claimIds).orderBy('id').execute();
    const before = await withDb(state);
    const paidDaily = (h: DbHandle) =>
      h.db
        .selectFrom('claim_paid_daily')
        .where('product_code', '!=', '*')
        .select((e) => e.fn.coalesce(e.fn.sum<number>('claims'), e.lit(0)).as('n'))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    const dailyBefore = await withDb(paidDaily);
    await crashOn('payout-results:mid-batch', (url) =>
      send(url, agents.finance, 'POST', `/payout-batches/${payoutBatchId}/results`, results),
    );
    await withDb(async (h) => {
      expect(await state(h)).toEqual(before);
      expect(await paidDaily(h)).toBe(dailyBefore);
      const items = await h.db
        .selectFrom('payout_item')
        .select('status')
        .where('batch_id', '=', payoutBatchId)
        .execute();
      expect(items.map((i) => i.status)).toEqual(['pending', 'pending']);
    });
    await withServer(async (url) => {
      const res = await send(url, agents.finance, 'POST', `/payout-batches/${payoutBatchId}/results`, results);
      expect(res.status).toBe(200);
      const again = await send(url, agents.finance, 'POST', `/payout-batches/${payoutBatchId}/results`, results);
      expect(again.status).toBe(409);
    });
    await withDb(async (h) => {
      expect((await state(h)).map((c) => c.status)).toEqual(['paid', 'paid']);
      expect(await paidDaily(h)).toBe(dailyBefore + 2);
      const pays = await h.db
        .selectFrom('audit_log')
        .select('object_id')
        .where('object_id', 'in', claimIds)
        .where('action', '=', 'claim.pay')
        .execute();
      expect(pays.map((p) => p.object_id).sort()).toEqual([...claimIds].sort());
    });
  }, 120_000);

  // The long form (bench/src/fault-soak.ts) runs this with HUZHU_FAULT_ROUNDS=N: a kill at any moment, not only at the
  // fault points.
  it('a kill -9 at a random moment during concurrent imports: each batch whole or absent, each key one batch after retry', async () => {
    const rounds = Number(process.env.HUZHU_FAULT_ROUNDS ?? 1);
    for (let round = 0; round < rounds; round++) {
      const keys = Array.from({ length: 4 }, (_, i) => `soak-${round}-${i}-${crypto.randomBytes(4).toString('hex')}`);
      const upload = await roster();
      const post = (url: string, key: string) =>
        send(url, agents.unit, 'POST', `/units/${unitId}/roster-imports`, undefined, {
          payload: upload.payload,
          headers: { ...upload.headers, 'idempotency-key': key },
        });
      const { url, child } = await start();
      const sent = keys.map((k) => post(url, k).catch(() => null));
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 1_500)));
      child.kill('SIGKILL');
      expect(await exited(child)).toBe('SIGKILL');
      await Promise.all(sent);
      const whole = async (h: DbHandle) => {
        const batches = await h.db
          .selectFrom('enrolment_batch')
          .select(['id', 'idempotency_key', 'accepted_rows', 'issue_count'])
          .where('idempotency_key', 'in', keys)
          .execute();
        for (const b of batches) {
          expect(await count(h, 'enrolment_item', ['batch_id', b.id])).toBe(b.accepted_rows);
          const issues = await h.db
            .selectFrom('enrolment_issue')
            .select((e) => e.fn.countAll<number>().as('n'))
            .where('batch_id', '=', b.id)
            .executeTakeFirstOrThrow();
          expect(Number(issues.n)).toBe(b.issue_count);
          const audits = await h.db
            .selectFrom('audit_log')
            .select((e) => e.fn.countAll<number>().as('n'))
            .where('action', '=', 'batch.import')
            .where('object_id', '=', b.id)
            .executeTakeFirstOrThrow();
          expect(Number(audits.n)).toBe(1);
        }
        return batches;
      };
      await withDb(whole);
      const answered = await withServer(async (u) => {
        const ids: string[] = [];
        for (const k of keys) {
          const res = await post(u, k);
          expect([200, 201]).toContain(res.status);
          ids.push(((await res.json()) as { id: string }).id);
        }
        return ids;
      });
      const after = await withDb(whole);
      expect(after.map((b) => b.idempotency_key).sort()).toEqual([...keys].sort());
      expect(new Set(answered).size).toBe(keys.length);
      expect([...answered].sort()).toEqual(after.map((b) => b.id).sort());
    }
  }, 600_000);
  it('gig activation: the crashed activation left no policy, no payment, no audit row; the retry activates once', async () => {
    const effects = (h: DbHandle) =>
      Promise.all([
        count(h, 'policy', ['member_id', gig.memberId]),
        h.db
          .selectFrom('gig_payment')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where('enrolment_id', '=', gig.orderId)
          .executeTakeFirstOrThrow()
          .then((r) => Number(r.n)),
        count(h, 'audit_log', ['object_id', gig.orderId]),
      ]);
    const before = await withDb(effects);
    expect(before.slice(0, 2)).toEqual([0, 0]);
    await crashOn('gig-activate:before-commit', (url) =>
      send(url, gig.who, 'POST', `/m/payments/${gig.orderId}/demo-pay`),
    );
    await withDb(async (h) => {
      expect(await effects(h)).toEqual(before);
      const o = await h.db
        .selectFrom('gig_enrolment')
        .select('status')
        .where('id', '=', gig.orderId)
        .executeTakeFirstOrThrow();
      expect(o.status).toBe('awaiting_payment');
    });
    await withServer(async (url) => {
      const res = await send(url, gig.who, 'POST', `/m/payments/${gig.orderId}/demo-pay`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { status: string }).status).toBe('effective');
      expect((await send(url, gig.who, 'POST', `/m/payments/${gig.orderId}/demo-pay`)).status).toBe(200);
    });
    await withDb(async (h) => expect(await effects(h)).toEqual([1, 1, before[2] + 1]));
  }, 120_000);
});
