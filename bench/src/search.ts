/**
 * bench/search: the searches a clerk makes all day (issue 14 item 2) under 50 concurrent keep-alive clients, beside a
 * raw indexed lookup route in the same process and run.
 *
 *   tsx bench/src/search.ts --db sqlite|postgres [--clients 50] [--seconds 10] [--warmup 2] [--only key,key]
 *                           [--data-dir DIR] [--pg-url URL]
 *
 * Same shape as claims-queue.ts: the real server on a loopback port in this process (opened on an existing demo
 * database, migrated to the latest schema first), the clients in a worker thread (node:http, one socket per client,
 * closed loop). Each client walks its own way through a list of ~200 different searches of the scenario's kind, taken
 * from the data (real names, mobiles, ID numbers, unit-name pieces, claim numbers), so no one answer is cached
 * anywhere. The baseline, registered by this bench, is GET /api/v1/bench/member?id=… with the same auth (member.read):
 * the session lookup and permission check, then one primary-key read of a member on the reader — the cheapest read a
 * route can make. Each scenario is reported as a JSON line with its ratio of requests/s to the baseline's. The
 * chongqing-scale figures need the keys the data was encrypted with (for the ID-number searches): --data-dir.
 */
import { Worker } from 'node:worker_threads';
import { createPiiCipher, loadKeys } from '@huzhu/server';
import { sql } from 'kysely';
import { benchArgs, type ChongqingApp, ms, openChongqingApp, percentile, signIn } from './chongqing-app.ts';

const { options, numbers, texts } = benchArgs({ clients: 50, seconds: 10, warmup: 2 }, ['only']);
const only = texts.only?.split(',');

const print = (line: Record<string, unknown>) =>
  console.log(JSON.stringify({ bench: 'search', db: options.db, ...line }));

// Plain CommonJS run by the worker (no TypeScript loader needed there). Client i starts at path i and steps on.
const CLIENTS = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { port, paths, cookie, clients, warmupMs, durationMs } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
const latencies = [];
let errors = 0;
let recording = false;
let stopped = false;
const one = (path) =>
  new Promise((resolve) => {
    const t = performance.now();
    const req = http.request({ host: '127.0.0.1', port, path, agent, headers: { cookie } }, (res) => {
      res.on('data', () => {});
      res.on('end', () => {
        if (recording) {
          if (res.statusCode === 200) latencies.push(performance.now() - t);
          else errors++;
        }
        resolve();
      });
    });
    req.on('error', () => {
      if (recording) errors++;
      resolve();
    });
    req.end();
  });
const client = async (i) => {
  for (let n = i; !stopped; n += 7) await one(paths[n % paths.length]);
};
setTimeout(() => (recording = true), warmupMs);
setTimeout(() => {
  recording = false;
  stopped = true;
}, warmupMs + durationMs);
Promise.all(Array.from({ length: clients }, (_, i) => client(i))).then(() => {
  agent.destroy();
  parentPort.postMessage({ latencies: Float64Array.from(latencies), errors });
});
`;

function load(port: number, paths: string[], cookie: string) {
  return new Promise<{ latencies: Float64Array; errors: number }>((resolve, reject) => {
    const worker = new Worker(CLIENTS, {
      eval: true,
      workerData: {
        port,
        paths,
        cookie,
        clients: numbers.clients,
        warmupMs: numbers.warmup * 1000,
        durationMs: numbers.seconds * 1000,
      },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

/** The scenario's searches one after the other, alone (no load): the unloaded latency and what they find. */
async function alone(env: ChongqingApp, paths: string[], cookie: string) {
  const times: number[] = [];
  const totals: number[] = [];
  let capped = 0;
  for (const url of paths.slice(0, 20)) {
    const t = performance.now();
    const res = await env.app.inject({ method: 'GET', url, headers: { cookie } });
    times.push(performance.now() - t);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    const body = JSON.parse(res.body) as { total?: number; totalCapped?: boolean };
    totals.push(body.total ?? 1);
    if (body.totalCapped) capped += 1;
  }
  return {
    aloneMedianMs: ms(percentile(times, 50)),
    aloneMaxMs: ms(percentile(times, 100)),
    medianTotal: percentile(totals, 50),
    cappedOf20: capped,
  };
}

const q = encodeURIComponent;
const shuffle = <T>(xs: T[]) => {
  // Deterministic (the same order in every run): a fixed LCG.
  let s = 42;
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

/** 200 rows spread evenly over the list (ids are time-ordered: the first 200 would all be early ones). */
const spread = <T>(rows: T[], n = 200): T[] =>
  rows.length <= n ? rows : Array.from({ length: n }, (_, i) => rows[Math.floor((i * rows.length) / n)]!);

/** ~200 real search keys of each kind, sampled across the office (every 1/200th of the table by rowid / id order). */
async function samples(env: ChongqingApp) {
  const db = env.handle.db;
  const office = env.officeId;
  const keys = loadKeys({ dataDir: options.dataDir });
  const cipher = createPiiCipher(keys.dataKey, keys.indexKey);
  let members = await db
    .selectFrom('member')
    .select(['id', 'name', 'mobile', 'unit_id', 'id_number_enc'])
    .where('office_id', '=', office)
    .where(sql<boolean>`substr(id, 35, 2) = '00'`)
    .execute();
  const units = await db
    .selectFrom('unit')
    .select(['id', 'name', 'credit_code'])
    .where('office_id', '=', office)
    .orderBy('id')
    .execute();
  const everyUnit = spread(units);
  let claims = await db
    .selectFrom('claim')
    .innerJoin('member', 'member.id', 'claim.member_id')
    .select(['claim.id', 'member.name', 'member.mobile', 'member.id_number_enc'])
    .where('claim.office_id', '=', office)
    .where(sql<boolean>`substr(claim.id, 36, 1) = '0'`)
    .execute();
  const jiangbeiMembers = await db
    .selectFrom('member')
    .innerJoin('unit', 'unit.id', 'member.unit_id')
    .select(['member.name'])
    .where('member.office_id', '=', office)
    .where('unit.agency_id', '=', env.jiangbeiId)
    .where(sql<boolean>`substr(member.id, 35, 2) = '00'`)
    .execute();
  members = spread(members);
  claims = spread(claims);
  const surnames = [...new Set(members.map((m) => [...m.name][0]!))];
  // A piece of a unit's name that is not its start: two characters from the middle.
  const middle = (name: string) => {
    const chars = [...name];
    const at = Math.floor(chars.length / 2);
    return chars.slice(at, at + 2).join('');
  };
  return {
    memberIds: members.map((m) => m.id),
    names: members.map((m) => m.name),
    surnames,
    mobiles: members.flatMap((m) => (m.mobile ? [m.mobile] : [])),
    idNumbers: members.map((m) => cipher.decrypt(m.id_number_enc)),
    unitIds: members.flatMap((m) => (m.unit_id ? [m.unit_id] : [])),
    unitPieces: everyUnit.map((u) => middle(u.name)),
    unitChars: everyUnit.map((u) => [...u.name][Math.floor([...u.name].length / 2)]!),
    creditPrefixes: everyUnit.map((u) => u.credit_code.slice(0, 12)),
    claimNumbers: claims.map((c) => c.id.replaceAll('-', '').slice(-8).toUpperCase()),
    claimNames: claims.map((c) => c.name),
    claimMobiles: claims.flatMap((c) => (c.mobile ? [c.mobile] : [])),
    claimIdNumbers: claims.map((c) => cipher.decrypt(c.id_number_enc)),
    jiangbeiSurnames: [...new Set(spread(jiangbeiMembers).map((m) => [...m.name][0]!))],
  };
}

async function main() {
  const env = await openChongqingApp(options);
  print({ phase: 'open', migrateMs: ms(env.migrateMs), summariesMs: ms(env.summariesMs) });
  const reader = env.handle.reader;
  env.app.get<{ Querystring: { id?: string } }>(
    '/api/v1/bench/member',
    { config: { auth: 'member.read' } },
    async (req) => {
      const row = await reader
        .selectFrom('member')
        .select(['id', 'name'])
        .where('office_id', '=', env.officeId)
        .where('id', '=', String(req.query.id))
        .executeTakeFirst();
      return { id: row?.id ?? null };
    },
  );
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  const address = env.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const s = await samples(env);
  const reviewer = await signIn(env, 'reviewer');
  const jiangbei = await signIn(env, 'jiangbei');
  const m = '/api/v1/members?pageSize=50';
  const u = '/api/v1/units?pageSize=50';
  const c = '/api/v1/claims?pageSize=50';
  const scenarios: [string, string, string[], string][] = [
    [
      'bare',
      'baseline: one indexed member read (auth only)',
      s.memberIds.map((id) => `/api/v1/bench/member?id=${id}`),
      reviewer,
    ],
    ['m-surname', 'members by surname (1 character), office', s.surnames.map((x) => `${m}&q=${q(x)}`), reviewer],
    [
      'm-surname-p100',
      'members by surname, page 100 (offset)',
      s.surnames.map((x) => `${m}&q=${q(x)}&page=100`),
      reviewer,
    ],
    ['m-name', 'members by full name, office', s.names.map((x) => `${m}&q=${q(x)}`), reviewer],
    ['m-name-agency', 'members by surname, 江北区 staff', s.jiangbeiSurnames.map((x) => `${m}&q=${q(x)}`), jiangbei],
    ['m-mobile', 'members by mobile', s.mobiles.map((x) => `${m}&q=${x}`), reviewer],
    ['m-id', 'members by full ID number (blind index)', s.idNumbers.map((x) => `${m}&idNumber=${x}`), reviewer],
    ['m-unit', 'members of a unit (first page)', s.unitIds.map((x) => `${m}&unitId=${x}`), reviewer],
    ['u-contains', 'units whose name contains 2 characters', s.unitPieces.map((x) => `${u}&q=${q(x)}`), reviewer],
    ['u-char', 'units whose name contains 1 character', s.unitChars.map((x) => `${u}&q=${q(x)}`), reviewer],
    ['u-credit', 'units by credit code prefix (12)', s.creditPrefixes.map((x) => `${u}&q=${x}`), reviewer],
    ['u-agency', 'units contains 2 characters, 江北区 staff', s.unitPieces.map((x) => `${u}&q=${q(x)}`), jiangbei],
    ['c-number', 'claims by claim number', s.claimNumbers.map((x) => `${c}&q=${x}`), reviewer],
    ['c-name', 'claims by member name', s.claimNames.map((x) => `${c}&q=${q(x)}`), reviewer],
    ['c-surname', 'claims by member surname (1 character)', s.surnames.map((x) => `${c}&q=${q(x)}`), reviewer],
    ['c-mobile', 'claims by member mobile', s.claimMobiles.map((x) => `${c}&q=${x}`), reviewer],
    ['c-id', 'claims by member ID number', s.claimIdNumbers.map((x) => `${c}&idNumber=${x}`), reviewer],
    ['bare', 'baseline again', s.memberIds.map((id) => `/api/v1/bench/member?id=${id}`), reviewer],
  ];
  let baseRps = 0;
  for (const [key, scenario, list, cookie] of scenarios) {
    if (only && !only.includes(key) && key !== 'bare') continue;
    const paths = shuffle(list);
    const single = await alone(env, paths, cookie);
    const { latencies, errors } = await load(port, paths, cookie);
    const xs = Array.from(latencies);
    const rps = Math.round(xs.length / numbers.seconds);
    if (key === 'bare' && baseRps === 0) baseRps = rps;
    print({
      key,
      scenario,
      searches: paths.length,
      clients: numbers.clients,
      seconds: numbers.seconds,
      requests: xs.length,
      rps,
      ofBaseline: baseRps ? Math.round((rps / baseRps) * 1000) / 10 : null,
      p50Ms: ms(percentile(xs, 50)),
      p95Ms: ms(percentile(xs, 95)),
      p99Ms: ms(percentile(xs, 99)),
      maxMs: ms(percentile(xs, 100)),
      errors,
      ...single,
    });
  }
  await env.app.close();
  await env.handle.destroy();
}

await main();
