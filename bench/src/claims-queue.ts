/**
 * bench/claims-queue: the claims work queue (GET /claims, first page of 50) under 50 concurrent keep-alive clients on
 * the chongqing-scale demo database, beside a bare route in the same process and run.
 *
 *   tsx bench/src/claims-queue.ts --db sqlite|postgres [--clients 50] [--seconds 20] [--warmup 3]
 *                                 [--only bare,office,overdue,agency] [--data-dir DIR] [--pg-url URL]
 *
 * The real server listens on a loopback port in this process; the clients run in a worker thread (node:http,
 * keep-alive agent, one socket per client, closed loop: each client sends its next request when the last one is
 * answered), so parsing responses does not take the server's event loop. The bare route is registered by this
 * bench: GET /api/v1/bench/ok with the same auth setting as the queue (claim.read), so it pays the same session
 * lookup and permission check and differs only by the queue's own work. Prints JSON lines; bench/README.md
 * records the figures.
 */
import { Worker } from 'node:worker_threads';
import { benchArgs, type ChongqingApp, ms, openChongqingApp, percentile, signIn } from './chongqing-app.ts';

const { options, numbers, texts } = benchArgs({ clients: 50, seconds: 20, warmup: 3 }, ['only']);
const only = texts.only?.split(',');

const print = (line: Record<string, unknown>) =>
  console.log(JSON.stringify({ bench: 'claims-queue', db: options.db, ...line }));

// Plain CommonJS run by the worker (no TypeScript loader needed there).
const CLIENTS = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { port, path, cookie, clients, warmupMs, durationMs } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
const latencies = [];
let errors = 0;
let recording = false;
let stopped = false;
const one = () =>
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
const client = async () => {
  while (!stopped) await one();
};
setTimeout(() => (recording = true), warmupMs);
setTimeout(() => {
  recording = false;
  stopped = true;
}, warmupMs + durationMs);
Promise.all(Array.from({ length: clients }, client)).then(() => {
  agent.destroy();
  parentPort.postMessage({ latencies: Float64Array.from(latencies), errors });
});
`;

function load(port: number, path: string, cookie: string) {
  return new Promise<{ latencies: Float64Array; errors: number }>((resolve, reject) => {
    const worker = new Worker(CLIENTS, {
      eval: true,
      workerData: {
        port,
        path,
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

/** One request alone (no load), for the answer's size and the unloaded latency. */
async function alone(env: ChongqingApp, url: string, cookie: string) {
  const times: number[] = [];
  let body = '';
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const res = await env.app.inject({ method: 'GET', url, headers: { cookie } });
    times.push(performance.now() - t);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    body = res.body;
  }
  const parsed = JSON.parse(body) as { total?: number; items?: unknown[] };
  return {
    aloneMedianMs: ms(percentile(times, 50)),
    total: parsed.total,
    items: parsed.items?.length,
    bytes: body.length,
  };
}

async function main() {
  const env = await openChongqingApp(options);
  env.app.get('/api/v1/bench/ok', { config: { auth: 'claim.read' } }, async () => ({ ok: true }));
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  const address = env.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const reviewer = await signIn(env, 'reviewer');
  const jiangbei = await signIn(env, 'jiangbei');
  const queue = '/api/v1/claims?page=1&pageSize=50';
  // The bare route first and last: the two show how much the machine's own load moved during the run.
  const scenarios: [string, string, string, string][] = [
    ['bare', 'bare route (auth only)', '/api/v1/bench/ok', reviewer],
    ['office', 'queue, office (reviewer)', queue, reviewer],
    ['overdue', 'queue, office, overdue=true', `${queue}&overdue=true`, reviewer],
    ['agency', 'queue, 江北区 (agency staff)', queue, jiangbei],
    ['bare', 'bare route again', '/api/v1/bench/ok', reviewer],
  ];
  for (const [key, scenario, url, cookie] of scenarios) {
    if (only && !only.includes(key)) continue;
    const single = await alone(env, url, cookie);
    const { latencies, errors } = await load(port, url, cookie);
    const xs = Array.from(latencies);
    print({
      scenario,
      url,
      clients: numbers.clients,
      seconds: numbers.seconds,
      requests: xs.length,
      rps: Math.round(xs.length / numbers.seconds),
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
