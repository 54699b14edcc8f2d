/**
 * The real app opened on an existing demo database (normally the chongqing-scale one), for the benches that measure
 * requests at full scale: reports and the claims work queue. Nothing here writes demo data.
 *
 * Opening a database generated before the analytics migration upgrades it (migrations, then the report summaries
 * rebuilt from the base tables). That is done here before buildApp, timed, so the benches can record it.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp, loadConfig, migrateToLatest, openDatabase } from '@huzhu/server';
import { ensureReportSummaries } from '../../apps/server/src/services/report-summary.service.ts';

export const DEMO_PASSWORD = 'Bench-pass9';

export interface ChongqingOptions {
  db: 'sqlite' | 'postgres';
  /** DATA_DIR: the SQLite file (huzhu.db) and, for both databases, the keys the data was encrypted with. */
  dataDir: string;
  pgUrl: string;
}

/** `--db sqlite|postgres [--data-dir DIR] [--pg-url URL]` plus the bench's own numeric and text options. */
export function benchArgs<K extends string, S extends string = never>(numeric: Record<K, number>, text: S[] = []) {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'sqlite' },
      'data-dir': { type: 'string' },
      'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/huzhu_cq' },
      ...Object.fromEntries([...Object.keys(numeric), ...text].map((k) => [k, { type: 'string' as const }])),
    },
  });
  const db = values.db === 'postgres' ? 'postgres' : 'sqlite';
  const options: ChongqingOptions = {
    db,
    dataDir: path.resolve(String(values['data-dir'] ?? `bench/data/cq-${db === 'sqlite' ? 'sqlite' : 'pg'}`)),
    pgUrl: String(values['pg-url']),
  };
  const given = values as Record<string, unknown>;
  const numbers = Object.fromEntries(
    Object.entries(numeric).map(([k, d]) => [k, given[k] === undefined ? d : Number(given[k])]),
  ) as Record<K, number>;
  const texts = Object.fromEntries(text.map((k) => [k, given[k] as string | undefined])) as Record<
    S,
    string | undefined
  >;
  return { options, numbers, texts };
}

export async function openChongqingApp(opts: ChongqingOptions) {
  const config = {
    ...loadConfig({
      DATA_DIR: opts.dataDir,
      ...(opts.db === 'postgres' ? { DATABASE_URL: opts.pgUrl } : {}),
      // No scheduled jobs: the overdue job would write to the claims being measured.
      HUZHU_JOB_INTERVAL_SECONDS: '0',
      LOG_LEVEL: 'silent',
    } as NodeJS.ProcessEnv),
    consoleDir: undefined,
    mobileDir: undefined,
  };
  const handle = openDatabase({
    databaseUrl: config.databaseUrl,
    sqlitePath: path.join(config.dataDir, 'huzhu.db'),
    // 50 concurrent clients each run three queries at once: give PostgreSQL a pool that is not the bottleneck.
    poolSize: 20,
  });
  let t = performance.now();
  await migrateToLatest(handle.db);
  const migrateMs = performance.now() - t;
  t = performance.now();
  await ensureReportSummaries(handle);
  const summariesMs = performance.now() - t;
  const { app } = await buildApp(config, { handle, logger: false });
  const admin = await handle.db
    .selectFrom('app_user')
    .select('office_id')
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow();
  const officeId = admin.office_id!;
  const jiangbei = await handle.db
    .selectFrom('agency')
    .select('id')
    .where('office_id', '=', officeId)
    .where('name', '=', '江北区')
    .executeTakeFirstOrThrow();
  return { app, handle, officeId, jiangbeiId: jiangbei.id, migrateMs, summariesMs };
}
export type ChongqingApp = Awaited<ReturnType<typeof openChongqingApp>>;

/** Signs a demo account in (through the app, no network) and returns its session cookie header. */
export async function signIn(env: ChongqingApp, username: string): Promise<string> {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const session = res.cookies.find((c) => c.name === 'huzhu_sid');
  if (!session) throw new Error(`login ${username}: no session cookie`);
  return `huzhu_sid=${session.value}`;
}

export const ms = (x: number) => Math.round(x * 10) / 10;

/** The p-th percentile (0–100) of the values, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
