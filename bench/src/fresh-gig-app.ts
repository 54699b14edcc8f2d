/**
 * A fresh small demo database (the `tiny` scale) and the real app on it, listening on a local port: for the gig
 * benches, which write (gifts, orders, payments) and so must not run on the shared chongqing databases. SQLite: a
 * file in a temporary folder under bench/data/; PostgreSQL: a schema of its own, dropped at the end.
 */
import crypto, { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { idCheckChar, maskIdNumber } from '@huzhu/core';
import { seedDemo } from '@huzhu/scripts';
import {
  type AppConfig,
  buildApp,
  createPiiCipher,
  loadConfig,
  migrateToLatest,
  newId,
  openDatabase,
} from '@huzhu/server';
import pg from 'pg';

export const FRESH_PASSWORD = 'Bench-fresh9';

export async function openFreshGigApp(opts: {
  db: 'sqlite' | 'postgres';
  pgUrl: string;
  payment?: AppConfig['payment'];
  /** Routes of the bench itself (the raw baselines), added before the app listens. */
  routes?: (app: import('fastify').FastifyInstance) => void;
}) {
  const dataDir = fs.mkdtempSync(path.resolve('bench/data/gig-'));
  const schema = `bench_gig_${crypto.randomBytes(4).toString('hex')}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: opts.pgUrl });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  if (opts.db === 'postgres') await admin(`create schema ${schema}`);
  const base = loadConfig({
    DATA_DIR: dataDir,
    HUZHU_JOB_INTERVAL_SECONDS: '0',
    LOG_LEVEL: 'silent',
    // Every bench client comes from 127.0.0.1 and names its own address, as a proxy would.
    HUZHU_TRUST_PROXY: '127.0.0.1',
  } as NodeJS.ProcessEnv);
  const config: AppConfig = {
    ...base,
    consoleDir: undefined,
    mobileDir: undefined,
    memberApp: { ...base.memberApp, codesPerIpPerHour: 1_000 },
    ...(opts.payment ? { payment: opts.payment } : {}),
  };
  const handle = openDatabase(
    opts.db === 'postgres'
      ? { databaseUrl: opts.pgUrl, pgSchema: schema, poolSize: 20 }
      : { sqlitePath: path.join(dataDir, 'huzhu.db') },
  );
  await migrateToLatest(handle.db);
  const cipher = createPiiCipher(randomBytes(32), randomBytes(32));
  let t = performance.now();
  await seedDemo({ handle, cipher }, { scale: 'tiny', seed: 12, password: FRESH_PASSWORD });
  const seedMs = performance.now() - t;
  t = performance.now();
  const { app } = await buildApp(config, { handle, cipher, logger: false });
  opts.routes?.(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const office = await handle.db.selectFrom('office').select('id').where('code', '=', 'CQ').executeTakeFirstOrThrow();
  return {
    app,
    handle,
    cipher,
    port,
    officeId: office.id,
    seedMs,
    async close() {
      await app.close();
      await handle.destroy();
      if (opts.db === 'postgres') await admin(`drop schema ${schema} cascade`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
export type FreshGigApp = Awaited<ReturnType<typeof openFreshGigApp>>;

/** A signed-in office admin (cookie and CSRF token), through the app. */
export async function adminSession(env: FreshGigApp) {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'admin', password: FRESH_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`admin login: ${res.statusCode} ${res.body}`);
  const cookie = `huzhu_sid=${res.cookies.find((c) => c.name === 'huzhu_sid')!.value}`;
  return { cookie, csrf: res.json().csrfToken as string };
}

let idSeq = 0;
/** A valid resident ID number nobody in the demo data has (region 500199, a bench-only county code). */
export function benchIdNumber(birthDate: string): string {
  idSeq += 1;
  const first17 = `500199${birthDate.replaceAll('-', '')}${String(idSeq % 1000).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/**
 * Verified gig workers with a member-app session each, written straight to the tables (the sign-in path is not what
 * the gift bench measures). Returns their cookies; the CSRF token of every session is `bench`.
 */
export async function verifiedWorkers(env: FreshGigApp, count: number): Promise<string[]> {
  const db = env.handle.db;
  const now = new Date().toISOString();
  const expires = new Date(Date.now() + 86_400_000).toISOString();
  const cookies: string[] = [];
  for (let i = 0; i < count; i++) {
    const birth = `19${80 + (i % 20)}-0${1 + (i % 9)}-1${i % 10}`;
    const idNumber = benchIdNumber(birth);
    const memberId = newId();
    await db
      .insertInto('member')
      .values({
        id: memberId,
        office_id: env.officeId,
        name: `骑手${String(i).padStart(4, '0')}`.replace(/\d/g, (d) => '零一二三四五六七八九'[Number(d)]!),
        id_number_enc: env.cipher.encrypt(idNumber),
        id_number_hash: env.cipher.blindIndex(idNumber),
        id_number_masked: maskIdNumber(idNumber),
        sex: 'male',
        birth_date: birth,
        mobile: null,
        employment_kind: 'gig',
        gig_kind: 'rider',
        household: null,
        has_medical_insurance: 0,
        bank_name: null,
        bank_account_enc: null,
        bank_account_last4: null,
        unit_id: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const accountId = newId();
    await db
      .insertInto('member_account')
      .values({
        id: accountId,
        office_id: env.officeId,
        mobile: `198${String(i).padStart(8, '0')}`,
        member_id: memberId,
        verified_at: now,
        created_at: now,
        updated_at: now,
        last_login_at: null,
      })
      .execute();
    const token = randomBytes(32).toString('base64url');
    await db
      .insertInto('member_session')
      .values({
        id: createHash('sha256').update(token).digest('base64url'),
        account_id: accountId,
        office_id: env.officeId,
        csrf_token: 'bench',
        created_at: now,
        expires_at: expires,
        ip: null,
      })
      .execute();
    cookies.push(`huzhu_m=${token}`);
  }
  return cookies;
}

export interface BurstRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** base64 of the body bytes */
  body?: string;
}
export interface BurstAnswer {
  status: number;
  ms: number;
  body: string;
  setCookie: string[];
}

const BURST = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { port, requests } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: requests.length });
const one = (r) => new Promise((resolve) => {
  const t = performance.now();
  const body = r.body ? Buffer.from(r.body, 'base64') : null;
  const headers = { ...(r.headers || {}), ...(body ? { 'content-length': String(body.length) } : {}) };
  const req = http.request({ host: '127.0.0.1', port, path: r.path, method: r.method, agent, headers }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - t, body: Buffer.concat(chunks).toString('utf8').slice(0, 2000), setCookie: res.headers['set-cookie'] || [] }));
  });
  req.on('error', (e) => resolve({ status: 0, ms: performance.now() - t, body: String(e) }));
  if (body) req.write(body);
  req.end();
});
Promise.all(requests.map(one)).then((answers) => { agent.destroy(); parentPort.postMessage(answers); });
`;

/** Sends every request at once from a worker thread (so the clients never share the server's event loop). */
export function burst(port: number, requests: BurstRequest[]): Promise<BurstAnswer[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BURST, { eval: true, workerData: { port, requests } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

export const json = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64');

/** p50 / p99 / max of a burst's latencies (nearest rank). */
export function latency(answers: { ms: number }[]) {
  const sorted = answers.map((a) => a.ms).sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  const r = (x: number) => Math.round(x * 10) / 10;
  return { p50: r(at(50)), p99: r(at(99)), max: r(sorted.at(-1) ?? 0) };
}

/** The address a client names (X-Forwarded-For from the trusted local proxy): one per client, as on the street. */
export const clientIp = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${(i & 255) + 1}`;
