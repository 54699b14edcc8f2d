/**
 * bench/member-policies: GET /api/v1/m/me/policies (我的保障) under 200 concurrent signed-in members — each client its
 * own member and session — beside a raw lookup route in the same process and run.
 *
 *   tsx bench/src/member-policies.ts --db sqlite|postgres [--clients 200] [--seconds 20] [--warmup 3]
 *                                    [--rate 200] [--data-dir DIR] [--pg-url URL]
 *
 * Opens an existing demo database (chongqing scale normally; any demo scale works) through chongqing-app.ts. For
 * each client it binds one member holding a policy to a bench member account (mobile 199xxxxxxxx) and writes a
 * session straight into member_session — the login path is not what is measured. The raw route
 * (GET /api/v1/bench/m-raw, auth 'member': the same cookie lookup) answers one indexed read of the member's
 * policies (ids only) — the floor under which 我的保障 cannot go. Clients run in a worker thread (keep-alive): first
 * closed loop (throughput), then paced at --rate requests/s in all (latency at a stated load; 0 skips it). Prints
 * JSON lines; bench/README.md records the figures.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { newId } from '@huzhu/server';
import { benchArgs, type ChongqingApp, ms, openChongqingApp, percentile } from './chongqing-app.ts';

const { options, numbers } = benchArgs({ clients: 200, seconds: 20, warmup: 3, rate: 200 });
const print = (line: Record<string, unknown>) =>
  console.log(JSON.stringify({ bench: 'member-policies', db: options.db, ...line }));
const hash = (token: string) => createHash('sha256').update(token).digest('base64url');

const CLIENTS = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { port, path, cookies, warmupMs, durationMs, intervalMs } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: cookies.length });
const latencies = [];
let errors = 0, recording = false, stopped = false;
const one = (cookie, t = performance.now()) => new Promise((resolve) => {
  const req = http.request({ host: '127.0.0.1', port, path, agent, headers: { cookie } }, (res) => {
    res.on('data', () => {});
    res.on('end', () => {
      if (recording) { if (res.statusCode === 200) latencies.push(performance.now() - t); else errors++; }
      resolve();
    });
  });
  req.on('error', () => { if (recording) errors++; resolve(); });
  req.end();
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Closed loop (intervalMs 0): the next request as soon as the answer is in. Paced: one request every intervalMs per
// client, the first ones spread over one interval; latency counts from the planned start, so a late answer also
// charges the requests queued behind it (no coordinated omission).
const client = async (cookie, i) => {
  if (!intervalMs) { while (!stopped) await one(cookie); return; }
  let next = performance.now() + (intervalMs * i) / cookies.length;
  while (!stopped) {
    const wait = next - performance.now();
    if (wait > 0) await sleep(wait);
    if (stopped) break;
    await one(cookie, next);
    next += intervalMs;
  }
};
setTimeout(() => (recording = true), warmupMs);
setTimeout(() => { recording = false; stopped = true; }, warmupMs + durationMs);
Promise.all(cookies.map((c, i) => client(c, i))).then(() => {
  agent.destroy();
  parentPort.postMessage({ latencies: Float64Array.from(latencies), errors });
});
`;

function load(port: number, path: string, cookies: string[], intervalMs = 0) {
  return new Promise<{ latencies: Float64Array; errors: number }>((resolve, reject) => {
    const worker = new Worker(CLIENTS, {
      eval: true,
      workerData: {
        port,
        path,
        cookies,
        warmupMs: numbers.warmup * 1000,
        durationMs: numbers.seconds * 1000,
        intervalMs,
      },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

/** One signed-in member per client: members with policies, spread over the office (every n-th by id). */
async function memberSessions(env: ChongqingApp, count: number): Promise<string[]> {
  const db = env.handle.db;
  const now = new Date().toISOString();
  const expires = new Date(Date.now() + 86_400_000).toISOString();
  const holders = await db
    .selectFrom('policy')
    .select('member_id')
    .distinct()
    .where('office_id', '=', env.officeId)
    .where(
      'member_id',
      'not in',
      db.selectFrom('member_account').select('member_id').where('member_id', 'is not', null).$castTo<string>(),
    )
    .orderBy('member_id')
    .limit(count * 50)
    .execute();
  const step = Math.max(1, Math.floor(holders.length / count));
  const chosen = holders.filter((_, i) => i % step === 0).slice(0, count);
  if (chosen.length < count) throw new Error(`only ${chosen.length} members with policies`);
  const cookies: string[] = [];
  for (const [i, h] of chosen.entries()) {
    const mobile = `199${String((Date.now() % 100_000) + i * 7).padStart(8, '0')}`.slice(0, 11);
    const accountId = newId();
    await db
      .insertInto('member_account')
      .values({
        id: accountId,
        office_id: env.officeId,
        mobile,
        member_id: h.member_id,
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
        id: hash(token),
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

async function main() {
  const env = await openChongqingApp(options);
  const db = env.handle.db;
  env.app.get('/api/v1/bench/m-raw', { config: { auth: 'member' } }, async (req) => {
    const rows = await db
      .selectFrom('policy')
      .select('id')
      .where('office_id', '=', req.actor!.officeId!)
      .where('member_id', '=', req.actor!.memberId!)
      .execute();
    return { n: rows.length };
  });
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  const address = env.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const members = Number(
    (
      await db
        .selectFrom('member')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const policies = Number(
    (
      await db
        .selectFrom('policy')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const cookies = await memberSessions(env, numbers.clients);
  print({ members, policies, clients: cookies.length });
  const sample = await env.app.inject({ url: '/api/v1/m/me/policies', headers: { cookie: cookies[0]! } });
  if (sample.statusCode !== 200) throw new Error(`policies: ${sample.statusCode} ${sample.body}`);
  const results: Record<string, number> = {};
  // Closed loop: each client sends its next request when the answer is in (throughput, the raw route first and
  // last). Then paced: the 200 members together send --rate requests/s (latency at a stated load).
  const pacedMs = numbers.rate > 0 ? (cookies.length / numbers.rate) * 1000 : 0;
  for (const [key, url, intervalMs] of [
    ['raw', '/api/v1/bench/m-raw', 0],
    ['policies', '/api/v1/m/me/policies', 0],
    ['raw again', '/api/v1/bench/m-raw', 0],
    ...(pacedMs > 0
      ? ([
          ['raw paced', '/api/v1/bench/m-raw', pacedMs],
          ['policies paced', '/api/v1/m/me/policies', pacedMs],
        ] as const)
      : []),
  ] as const) {
    const { latencies, errors } = await load(port, url, cookies, intervalMs);
    const xs = Array.from(latencies);
    const rps = Math.round(xs.length / numbers.seconds);
    results[key] = rps;
    print({
      scenario: key,
      url,
      clients: cookies.length,
      ...(intervalMs > 0 ? { offeredRps: numbers.rate } : {}),
      seconds: numbers.seconds,
      requests: xs.length,
      rps,
      p50Ms: ms(percentile(xs, 50)),
      p95Ms: ms(percentile(xs, 95)),
      p99Ms: ms(percentile(xs, 99)),
      maxMs: ms(percentile(xs, 100)),
      errors,
    });
  }
  const rawMean = ((results.raw ?? 0) + (results['raw again'] ?? 0)) / 2;
  print({ policiesVsRaw: rawMean > 0 ? Math.round(((results.policies ?? 0) / rawMean) * 1000) / 10 : null, unit: '%' });
  // The bench's own accounts go again: the database stays as the demo load left it.
  await db.deleteFrom('member_session').where('csrf_token', '=', 'bench').execute();
  await db.deleteFrom('member_account').where('mobile', 'like', '199%').execute();
  await env.app.close();
  await env.handle.destroy();
}

await main();
