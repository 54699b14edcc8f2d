/**
 * bench/reports: the report endpoints (read from the summaries) beside the plain aggregate SQL over the base tables
 * (report-plain.repository.ts, the definition the summaries are tested against), in the same run and process, on
 * the chongqing-scale demo database. Also checks that both give the same figures.
 *
 *   tsx bench/src/reports.ts --db sqlite|postgres [--runs 5] [--plain-runs 3] [--data-dir DIR] [--pg-url URL]
 *
 * Endpoints are called through app.inject (routing, auth, validation, serialisation; no socket). Prints JSON lines;
 * bench/README.md records the figures.
 */
import { isDeepStrictEqual } from 'node:util';
import { assembleStructure } from '@huzhu/core';
import { plainReportRepository as plain } from '../../apps/server/src/repositories/report-plain.repository.ts';
import { reportRepository } from '../../apps/server/src/repositories/report.repository.ts';
import { benchArgs, type ChongqingApp, ms, openChongqingApp, signIn } from './chongqing-app.ts';

const { options, numbers } = benchArgs({ runs: 5, 'plain-runs': 3 });
const RUNS = numbers.runs;
const PLAIN_RUNS = numbers['plain-runs'];

const print = (line: Record<string, unknown>) =>
  console.log(JSON.stringify({ bench: 'reports', db: options.db, ...line }));

async function timed<T>(runs: number, fn: () => Promise<T>) {
  const times: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = await fn();
    times.push(performance.now() - t);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, max: sorted.at(-1)!, times, last: last as T };
}

async function get(env: ChongqingApp, cookie: string, url: string) {
  const res = await env.app.inject({ method: 'GET', url, headers: { cookie } });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res;
}

/** One view: the endpoint N times (after a first, cold call timed apart), the plain SQL M times, both compared. */
async function compare(
  env: ChongqingApp,
  view: string,
  cookie: string,
  url: string,
  plainFigures: (asOf: string) => Promise<unknown>,
  endpointFigures: (body: Record<string, unknown>) => unknown,
) {
  const first = performance.now();
  const body = (await get(env, cookie, url)).json() as Record<string, unknown>;
  const firstMs = performance.now() - first;
  const endpoint = await timed(RUNS, () => get(env, cookie, url));
  const asOf = String(body.asOf);
  const p = await timed(PLAIN_RUNS, () => plainFigures(asOf));
  const equal = isDeepStrictEqual(endpointFigures(body), p.last);
  if (!equal) {
    console.error(`${view}: figures differ`);
    console.error('endpoint', JSON.stringify(endpointFigures(body)).slice(0, 2000));
    console.error('plain   ', JSON.stringify(p.last).slice(0, 2000));
  }
  print({
    view,
    url,
    asOf,
    firstMs: ms(firstMs),
    endpointMedianMs: ms(endpoint.median),
    endpointMaxMs: ms(endpoint.max),
    runs: RUNS,
    plainMedianMs: ms(p.median),
    plainMaxMs: ms(p.max),
    plainRuns: PLAIN_RUNS,
    ratio: Math.round(p.median / endpoint.median),
    equal,
  });
  return equal;
}

/** The summary fields the plain recomputation defines (relief is not built: always zero on the endpoint). */
const summaryFigures = (b: Record<string, unknown>) => {
  const { asOf: _asOf, reliefPaid: _relief, ...rest } = b;
  return rest;
};
const structureFigures = (b: Record<string, unknown>) => ({ rows: b.rows, total: b.total });

/** Every other GET report path the app serves (found in its OpenAPI document): one latency line each. */
async function otherReports(env: ChongqingApp, cookie: string, covered: Set<string>) {
  const doc = env.app.swagger() as { paths?: Record<string, Record<string, unknown>> };
  const paths = Object.entries(doc.paths ?? {})
    .filter(([p, ops]) => p.startsWith('/api/v1/reports/') && ops.get && !p.includes('{') && !covered.has(p))
    .map(([p]) => p);
  for (const url of paths) {
    const first = await env.app.inject({ method: 'GET', url, headers: { cookie } });
    if (first.statusCode !== 200) {
      print({ view: 'other', url, status: first.statusCode, body: first.body.slice(0, 200) });
      continue;
    }
    const t = await timed(RUNS, () => get(env, cookie, url));
    print({ view: 'other', url, endpointMedianMs: ms(t.median), endpointMaxMs: ms(t.max), runs: RUNS });
  }
}

async function main() {
  const rssPeak = { v: 0 };
  const sampler = setInterval(() => {
    rssPeak.v = Math.max(rssPeak.v, process.memoryUsage().rss);
  }, 50);
  const env = await openChongqingApp(options);
  print({
    step: 'open',
    migrateMs: ms(env.migrateMs),
    summaryBuildMs: ms(env.summariesMs),
    peakRssMiB: Math.round(rssPeak.v / 2 ** 20),
  });
  const db = env.handle.db;
  const [policies, claims] = await Promise.all([
    db
      .selectFrom('policy')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('claim')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  print({ step: 'data', policies: Number(policies.n), claims: Number(claims.n) });

  const admin = await signIn(env, 'admin');
  const jiangbei = await signIn(env, 'jiangbei');
  const names = await reportRepository.agencyNames(db, env.officeId);
  const office = env.officeId;
  const structure = (agencyId: string | null) => async (asOf: string) => {
    const figures = await plain.structureFigures(db, office, asOf, agencyId);
    return assembleStructure(figures, { agencyId, agencyNames: names });
  };
  const results = [
    await compare(
      env,
      'summary, office',
      admin,
      '/api/v1/reports/summary',
      (asOf) => plain.summary(db, office, asOf, null),
      summaryFigures,
    ),
    await compare(
      env,
      'summary, 江北区 (agency staff)',
      jiangbei,
      '/api/v1/reports/summary',
      (asOf) => plain.summary(db, office, asOf, env.jiangbeiId),
      summaryFigures,
    ),
    await compare(
      env,
      'enrolment structure, office',
      admin,
      '/api/v1/reports/enrolment-structure',
      structure(null),
      structureFigures,
    ),
    await compare(
      env,
      'enrolment structure, 江北区 (agency staff)',
      jiangbei,
      '/api/v1/reports/enrolment-structure',
      structure(env.jiangbeiId),
      structureFigures,
    ),
  ];
  const xlsxUrl = '/api/v1/reports/enrolment-structure?format=xlsx';
  await get(env, admin, xlsxUrl);
  const xlsx = await timed(RUNS, () => get(env, admin, xlsxUrl));
  print({ view: 'enrolment structure xlsx, office', url: xlsxUrl, endpointMedianMs: ms(xlsx.median), runs: RUNS });
  await otherReports(env, admin, new Set(['/api/v1/reports/summary', '/api/v1/reports/enrolment-structure']));
  clearInterval(sampler);
  print({ step: 'done', allEqual: results.every(Boolean), peakRssMiB: Math.round(rssPeak.v / 2 ** 20) });
  await env.app.close();
  await env.handle.destroy();
  if (!results.every(Boolean)) process.exitCode = 1;
}

await main();
