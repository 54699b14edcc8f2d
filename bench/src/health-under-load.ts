/**
 * bench/health-under-load: does the server keep answering while its slowest read routes are hammered? 50 keep-alive
 * clients on the slowest routes (found in this run: every candidate timed alone, the slowest kept), `/health` probed
 * beside them, on a demo database.
 *
 *   tsx bench/src/health-under-load.ts --db sqlite|postgres [--clients 50] [--seconds 60] [--warmup 3] [--routes 3]
 *                                      [--reader on|off] [--readers N] [--read-timeout MS] [--skip members,units]
 *                                      [--data-dir DIR] [--pg-url URL]
 *
 * Same shape as claims-queue.ts: the real server on a loopback port in this process; the clients in a worker thread
 * (node:http, one socket per client, closed loop). Phases, each reported as a JSON line: `/health` alone (the
 * baseline, same process and run), then the load — the heavy clients spread evenly over the chosen routes and two
 * `/health` probes (closed loop, 10 ms pause) beside them. `--reader off` routes the reads back to the main
 * connection (`handle.reader = handle.db`), as before the reader existed, for the comparison. Every answer that is not
 * 200 counts as an error. The reader's budget is 120 s here (`--read-timeout`; the server's default is 15 s): 50 clients
 * on routes that take a second alone queue longer than 15 s, and the bench measures whether /health stays fast while
 * the readers are saturated, not the load shedding. bench/README.md records the figures.
 */
import { Worker } from 'node:worker_threads';
import { buildApp, loadConfig, openDatabase } from '@huzhu/server';
import path from 'node:path';
import { benchArgs, DEMO_PASSWORD, ms, percentile } from './chongqing-app.ts';

const { options, numbers, texts } = benchArgs(
  { clients: 50, seconds: 60, warmup: 3, routes: 3, readers: 0, 'read-timeout': 120_000 },
  ['reader', 'skip'],
);
const skip = texts.skip?.split(',') ?? [];
const readerOn = texts.reader !== 'off';
if (!process.argv.some((a) => a.startsWith('--data-dir')))
  options.dataDir = path.resolve(`bench/data/health-${options.db === 'sqlite' ? 'sqlite' : 'pg'}`);

const print = (line: Record<string, unknown>) =>
  console.log(JSON.stringify({ bench: 'health-under-load', db: options.db, reader: readerOn ? 'on' : 'off', ...line }));

interface Group {
  name: string;
  path: string;
  cookie: string;
  clients: number;
  pauseMs: number;
}

// Plain CommonJS run by the worker (no TypeScript loader needed there).
const CLIENTS = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { port, groups, warmupMs, durationMs } = workerData;
const total = groups.reduce((n, g) => n + g.clients, 0);
const agent = new http.Agent({ keepAlive: true, maxSockets: total });
const results = groups.map(() => ({ latencies: [], errors: 0, statuses: {} }));
let recording = false;
let stopped = false;
const one = (g, r) =>
  new Promise((resolve) => {
    const t = performance.now();
    const req = http.request({ host: '127.0.0.1', port, path: g.path, agent, headers: { cookie: g.cookie } }, (res) => {
      res.on('data', () => {});
      res.on('end', () => {
        if (recording) {
          if (res.statusCode === 200) r.latencies.push(performance.now() - t);
          else {
            r.errors++;
            r.statuses[res.statusCode] = (r.statuses[res.statusCode] || 0) + 1;
          }
        }
        resolve();
      });
    });
    req.setTimeout(120000, () => req.destroy(new Error('timeout')));
    req.on('error', () => {
      if (recording) r.errors++;
      resolve();
    });
    req.end();
  });
const client = async (g, r) => {
  while (!stopped) {
    await one(g, r);
    if (g.pauseMs) await new Promise((w) => setTimeout(w, g.pauseMs));
  }
};
setTimeout(() => (recording = true), warmupMs);
setTimeout(() => {
  recording = false;
  stopped = true;
}, warmupMs + durationMs);
const all = [];
groups.forEach((g, i) => {
  for (let c = 0; c < g.clients; c++) all.push(client(g, results[i]));
});
Promise.all(all).then(() => {
  agent.destroy();
  parentPort.postMessage(results.map((r) => ({ ...r, latencies: Float64Array.from(r.latencies) })));
});
`;

function load(port: number, groups: Group[], seconds: number) {
  return new Promise<{ latencies: Float64Array; errors: number; statuses: Record<string, number> }[]>(
    (resolve, reject) => {
      const worker = new Worker(CLIENTS, {
        eval: true,
        workerData: { port, groups, warmupMs: numbers.warmup * 1000, durationMs: seconds * 1000 },
      });
      worker.once('message', resolve);
      worker.once('error', reject);
    },
  );
}

const stats = (xs: number[]) => ({
  requests: xs.length,
  p50Ms: ms(percentile(xs, 50)),
  p95Ms: ms(percentile(xs, 95)),
  p99Ms: ms(percentile(xs, 99)),
  maxMs: ms(percentile(xs, 100)),
});

async function main() {
  const config = {
    ...loadConfig({
      DATA_DIR: options.dataDir,
      ...(options.db === 'postgres' ? { DATABASE_URL: options.pgUrl } : {}),
      HUZHU_JOB_INTERVAL_SECONDS: '0',
      LOG_LEVEL: 'silent',
    } as NodeJS.ProcessEnv),
    consoleDir: undefined,
    mobileDir: undefined,
  };
  const handle = openDatabase({
    databaseUrl: config.databaseUrl,
    sqlitePath: path.join(config.dataDir, 'huzhu.db'),
    poolSize: 20,
    readTimeoutMs: numbers['read-timeout'],
    readers: numbers.readers || undefined,
  });
  if (!readerOn) handle.reader = handle.db;
  const { app } = await buildApp(config, { handle, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'admin', password: DEMO_PASSWORD },
  });
  const sid = login.cookies.find((c) => c.name === 'huzhu_sid');
  if (login.statusCode !== 200 || !sid) throw new Error(`login: ${login.statusCode} ${login.body}`);
  const cookie = `huzhu_sid=${sid.value}`;

  // The read routes a user can make heavy: searches by a common name character, the office-wide lists and reports.
  const candidates = [
    '/api/v1/members?q=%E5%BC%A0&page=1&pageSize=50',
    '/api/v1/members?q=%E5%BB%BA&page=100&pageSize=50',
    '/api/v1/units?q=%E5%85%AC%E5%8F%B8&page=1&pageSize=50',
    '/api/v1/claims?page=1&pageSize=50',
    '/api/v1/enrolment-batches?page=1&pageSize=50',
    '/api/v1/audit?page=1&pageSize=50',
    '/api/v1/reports/summary',
    '/api/v1/reports/enrolment-structure',
    '/api/v1/reports/trends',
    '/api/v1/reports/renewal',
    '/api/v1/reports/renewal/expiring?page=1&pageSize=50',
    '/api/v1/reports/claims-operations',
    '/api/v1/reports/fund-health',
  ];
  const timed: { url: string; aloneMs: number; bytes: number }[] = [];
  for (const url of candidates.filter((c) => !skip.some((s) => c.startsWith(`/api/v1/${s}`)))) {
    const times: number[] = [];
    let res = await app.inject({ method: 'GET', url, headers: { cookie } });
    for (let i = 0; i < 5 && res.statusCode === 200; i++) {
      const t = performance.now();
      res = await app.inject({ method: 'GET', url, headers: { cookie } });
      times.push(performance.now() - t);
    }
    if (res.statusCode !== 200) {
      print({ phase: 'candidate skipped', url, status: res.statusCode, body: res.body.slice(0, 200) });
      continue;
    }
    timed.push({ url, aloneMs: ms(percentile(times, 50)), bytes: res.body.length });
  }
  timed.sort((a, b) => b.aloneMs - a.aloneMs);
  for (const t of timed) print({ phase: 'alone (median of 5)', ...t });
  const slowest = timed.slice(0, numbers.routes);

  const healthProbe = (): Group => ({ name: 'health', path: '/api/v1/health', cookie: '', clients: 2, pauseMs: 10 });
  const [baseline] = await load(port, [healthProbe()], Math.min(10, numbers.seconds));
  print({ phase: 'baseline: /health alone', errors: baseline!.errors, ...stats(Array.from(baseline!.latencies)) });

  const groups: Group[] = slowest.map((s, i) => ({
    name: s.url,
    path: s.url,
    cookie,
    clients: Math.floor(numbers.clients / slowest.length) + (i < numbers.clients % slowest.length ? 1 : 0),
    pauseMs: 0,
  }));
  groups.push(healthProbe());
  const results = await load(port, groups, numbers.seconds);
  const heavy: number[] = [];
  let heavyErrors = 0;
  groups.forEach((g, i) => {
    const r = results[i]!;
    const xs = Array.from(r.latencies);
    if (g.name !== 'health') {
      heavy.push(...xs);
      heavyErrors += r.errors;
    }
    print({
      phase: 'under load',
      route: g.name,
      clients: g.clients,
      seconds: numbers.seconds,
      rps: Math.round(xs.length / numbers.seconds),
      errors: r.errors,
      statuses: r.statuses,
      ...stats(xs),
    });
  });
  const health = results.at(-1)!;
  const healthXs = Array.from(health.latencies);
  print({
    phase: 'summary',
    heavyClients: numbers.clients,
    seconds: numbers.seconds,
    heavyRps: Math.round(heavy.length / numbers.seconds),
    heavyErrors,
    heavyP99Ms: ms(percentile(heavy, 99)),
    healthErrors: health.errors,
    healthP99Ms: ms(percentile(healthXs, 99)),
    healthBaselineP99Ms: ms(percentile(Array.from(baseline!.latencies), 99)),
    healthP99VsBaseline: ms(percentile(healthXs, 99) / percentile(Array.from(baseline!.latencies), 99)),
    goalMet: health.errors === 0 && heavyErrors === 0 && percentile(healthXs, 99) <= 50,
  });
  await app.close();
  await handle.destroy();
}

await main();
