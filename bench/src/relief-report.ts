/**
 * bench/relief-report: the relief report (救助慰问统计), the summary with its reliefPaid (office, agency, and the
 * national viewer's every-office view), the trends and fund health with their relief figures — each endpoint beside
 * the plain aggregate SQL over the base tables (relief_application, and report-plain.repository.ts for the rest), in
 * the same run and process, on the chongqing-scale demo database. Also checks that both give the same figures.
 *
 *   tsx bench/src/relief-report.ts --db sqlite|postgres [--runs 5] [--plain-runs 3] [--data-dir DIR] [--pg-url URL]
 *
 * Endpoints are called through app.inject (routing, auth, validation, serialisation; no socket). Prints JSON lines;
 * bench/README.md records the figures. Target (issue 13): the relief report and the summary ≤ 200 ms.
 */
import { isDeepStrictEqual } from 'node:util';
import { chinaDate } from '@huzhu/core';
import { plainReportRepository as plain } from '../../apps/server/src/repositories/report-plain.repository.ts';
import { benchArgs, type ChongqingApp, ms, openChongqingApp, signIn } from './chongqing-app.ts';

const { options, numbers } = benchArgs({ runs: 5, 'plain-runs': 3 });
const RUNS = numbers.runs;
const PLAIN_RUNS = numbers['plain-runs'];
const TARGET_MS = 200;

const print = (line: Record<string, unknown>) =>
  console.log(JSON.stringify({ bench: 'relief-report', db: options.db, ...line }));

async function timed<T>(runs: number, fn: () => Promise<T>) {
  const times: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = await fn();
    times.push(performance.now() - t);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, max: sorted.at(-1)!, last: last as T };
}

async function get(env: ChongqingApp, cookie: string, url: string) {
  const res = await env.app.inject({ method: 'GET', url, headers: { cookie } });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res;
}

/** One view: a cold first call, the endpoint N times, the plain SQL M times, their figures compared. */
async function compare(
  env: ChongqingApp,
  view: string,
  cookie: string,
  url: string,
  plainFigures: (body: Record<string, unknown>) => Promise<unknown>,
  endpointFigures: (body: Record<string, unknown>) => unknown,
) {
  const first = performance.now();
  const body = (await get(env, cookie, url)).json() as Record<string, unknown>;
  const firstMs = performance.now() - first;
  const endpoint = await timed(RUNS, () => get(env, cookie, url));
  const p = await timed(PLAIN_RUNS, () => plainFigures(body));
  const equal = isDeepStrictEqual(endpointFigures(body), p.last);
  if (!equal) {
    console.error(`${view}: figures differ`);
    console.error('endpoint', JSON.stringify(endpointFigures(body)).slice(0, 2000));
    console.error('plain   ', JSON.stringify(p.last).slice(0, 2000));
  }
  print({
    view,
    url,
    firstMs: ms(firstMs),
    endpointMedianMs: ms(endpoint.median),
    endpointMaxMs: ms(endpoint.max),
    runs: RUNS,
    plainMedianMs: ms(p.median),
    plainMaxMs: ms(p.max),
    plainRuns: PLAIN_RUNS,
    ratio: Math.round(p.median / endpoint.median),
    withinTarget: endpoint.median <= TARGET_MS,
    equal,
  });
  return equal;
}

type Row = { month: string; agencyId: string; category: string; count: number; amountFen: number };

async function main() {
  const env = await openChongqingApp(options);
  print({ step: 'open', migrateMs: ms(env.migrateMs), summaryBuildMs: ms(env.summariesMs) });
  const db = env.handle.db;
  const office = env.officeId;

  /** The relief report the plain way: every paid application, grouped in code by China month, agency, category. */
  async function plainRelief(from: string, to: string, agencyId: string | null): Promise<Row[]> {
    const apps = await db
      .selectFrom('relief_application')
      .select(['agency_id', 'category', 'paid_at', 'amount_fen'])
      .where('office_id', '=', office)
      .where('paid_at', 'is not', null)
      .$if(agencyId !== null, (q) => q.where('agency_id', '=', agencyId!))
      .execute();
    const by = new Map<string, Row>();
    for (const a of apps) {
      const month = chinaDate(new Date(a.paid_at!)).slice(0, 7);
      if (month < from || month > to) continue;
      const key = `${month}|${a.agency_id ?? ''}|${a.category}`;
      const r = by.get(key) ?? { month, agencyId: a.agency_id ?? '', category: a.category, count: 0, amountFen: 0 };
      r.count += 1;
      r.amountFen += Number(a.amount_fen);
      by.set(key, r);
    }
    const k = (r: Row) => `${r.month}|${r.agencyId}|${r.category}`;
    return [...by.values()].sort((a, b) => (k(a) < k(b) ? -1 : 1));
  }
  const reportRows = (b: Record<string, unknown>) =>
    (b.rows as Row[])
      .map(({ month, agencyId, category, count, amountFen }) => ({ month, agencyId, category, count, amountFen }))
      .sort((a, b) => (`${a.month}|${a.agencyId}|${a.category}` < `${b.month}|${b.agencyId}|${b.category}` ? -1 : 1));
  const counts = await db
    .selectFrom('relief_application')
    .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('amount_fen').as('s')])
    .where('office_id', '=', office)
    .where('paid_at', 'is not', null)
    .executeTakeFirstOrThrow();
  const claims = await db
    .selectFrom('claim')
    .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('approved_amount_fen').as('s')])
    .where('office_id', '=', office)
    .where('paid_at', 'is not', null)
    .executeTakeFirstOrThrow();
  print({
    step: 'data',
    reliefPaid: Number(counts.n),
    reliefPaidYuan: Math.round(Number(counts.s) / 100),
    claimsPaid: Number(claims.n),
    claimsPaidYuan: Math.round(Number(claims.s) / 100),
    reliefShareOfClaims: Number((Number(counts.s) / Number(claims.s)).toFixed(4)),
  });

  const admin = await signIn(env, 'admin');
  const jiangbei = await signIn(env, 'jiangbei');
  const national = await signIn(env, 'national');
  const summaryPlain = (agencyId: string | null) => async (b: Record<string, unknown>) => ({
    ...(await plain.summary(db, office, String(b.asOf), agencyId)),
    reliefPaid: await plain.reliefPaid(db, office, String(b.asOf), agencyId),
  });
  const summaryOf = (b: Record<string, unknown>) => {
    const { asOf: _a, ...rest } = b;
    return rest;
  };
  const offices = await db.selectFrom('office').select(['id', 'name']).orderBy('code').execute();
  const results = [
    await compare(
      env,
      'relief report, office, last 12 months',
      admin,
      '/api/v1/reports/relief',
      (b) => plainRelief(String(b.from), String(b.to), null),
      reportRows,
    ),
    await compare(
      env,
      'relief report, office, 2016-01 to this month',
      admin,
      `/api/v1/reports/relief?from=2016-01&to=${chinaDate(new Date()).slice(0, 7)}`,
      (b) => plainRelief(String(b.from), String(b.to), null),
      reportRows,
    ),
    await compare(
      env,
      'relief report, 江北区 (agency staff)',
      jiangbei,
      '/api/v1/reports/relief',
      (b) => plainRelief(String(b.from), String(b.to), env.jiangbeiId),
      reportRows,
    ),
    await compare(env, 'summary, office', admin, '/api/v1/reports/summary', summaryPlain(null), summaryOf),
    await compare(
      env,
      'summary, 江北区 (agency staff)',
      jiangbei,
      '/api/v1/reports/summary',
      summaryPlain(env.jiangbeiId),
      summaryOf,
    ),
    await compare(
      env,
      'summary, national viewer (every office)',
      national,
      '/api/v1/reports/summary?scope=national',
      async (b) => {
        const rows = [];
        for (const o of offices)
          rows.push({
            officeId: o.id,
            officeName: o.name,
            ...(await plain.summary(db, o.id, String(b.asOf), null)),
            reliefPaid: await plain.reliefPaid(db, o.id, String(b.asOf), null),
          });
        return rows;
      },
      (b) => b.offices,
    ),
  ];
  // Trends and fund health with their relief figures, and the national workbook: latency only.
  for (const [view, url] of [
    ['trends, office (24 months)', '/api/v1/reports/trends'],
    ['fund health, office (5 years)', '/api/v1/reports/fund-health'],
    ['summary xlsx, national', '/api/v1/reports/summary?scope=national&format=xlsx'],
  ] as const) {
    const cookie = url.includes('national') ? national : admin;
    await get(env, cookie, url);
    const t = await timed(RUNS, () => get(env, cookie, url));
    print({ view, url, endpointMedianMs: ms(t.median), endpointMaxMs: ms(t.max), runs: RUNS });
  }
  print({ step: 'done', allEqual: results.every(Boolean) });
  await env.app.close();
  await env.handle.destroy();
  if (!results.every(Boolean)) process.exitCode = 1;
}

await main();
