import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type DbHandle, migrateToLatest, openDatabase } from '@huzhu/server';
import { DEFAULT_SEED } from '@huzhu/scripts';
import pg from 'pg';
import { benchRows } from './row-source.ts';
import { pgCopyTarget, projectTarget, sqliteRawTarget, type Target } from './targets.ts';

/**
 * bench/load-members: loads the chongqing scale (2.92 million members and their unit history) on SQLite and on
 * PostgreSQL, through the project's bulk path and through the raw driver, side by side in one run. Every chunk
 * of rows is generated once and loaded by every target in turn (in rotating order, so neither side always
 * gets the warm cache); only the loading is timed. See bench/README.md.
 */
const { values: args } = parseArgs({
  options: {
    members: { type: 'string', default: '2920000' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    db: { type: 'string', default: 'both' },
    'pg-url': { type: 'string', default: process.env.HUZHU_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    chunk: { type: 'string', default: '10000' },
    keep: { type: 'boolean', default: false },
    'project-chunk': { type: 'string' },
  },
});

const members = Number(args.members);
const chunkSize = Number(args.chunk);
const projectChunk = args['project-chunk'] ? Number(args['project-chunk']) : undefined;
const dataDir = path.resolve(import.meta.dirname, '../data');

interface Result {
  db: string;
  target: string;
  members: number;
  links: number;
  seconds: number;
}

async function run(dbName: 'sqlite' | 'postgres', targets: Target[]): Promise<Result[]> {
  const source = benchRows(members, Number(args.seed));
  for (const t of targets) {
    await migrateToLatest(t.handle.db);
    await t.prepare(source.plan);
  }
  const spent = new Map(targets.map((t) => [t.name, 0]));
  let loaded = 0;
  let links = 0;
  let round = 0;
  const started = performance.now();
  for (const chunk of source.chunks(chunkSize)) {
    for (let i = 0; i < targets.length; i++) {
      const t = targets[(i + round) % targets.length]!;
      const t0 = performance.now();
      await t.load(chunk);
      spent.set(t.name, spent.get(t.name)! + performance.now() - t0);
    }
    round += 1;
    loaded += chunk.members.length;
    links += chunk.links.length;
    const elapsed = (performance.now() - started) / 1000;
    process.stdout.write(
      `\r${dbName}: ${loaded.toLocaleString()} / ${members.toLocaleString()} members, ${elapsed.toFixed(0)} s`,
    );
  }
  for (const t of targets) {
    const t0 = performance.now();
    await t.finish();
    spent.set(t.name, spent.get(t.name)! + performance.now() - t0);
  }
  process.stdout.write('\n');
  for (const t of targets) {
    const n = await t.handle.db
      .selectFrom('member')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(n.n) !== loaded) throw new Error(`${dbName}/${t.name}: ${n.n} members stored, ${loaded} sent`);
  }
  return targets.map((t) => ({
    db: dbName,
    target: t.name,
    members: loaded,
    links,
    seconds: spent.get(t.name)! / 1000,
  }));
}

async function sqliteRun(): Promise<Result[]> {
  fs.mkdirSync(dataDir, { recursive: true });
  const open = (name: string) => {
    const file = path.join(dataDir, `load-members-${name}.db`);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    return openDatabase({ sqlitePath: file });
  };
  const targets = [
    projectTarget('project', open('project'), { deferIndexes: false, chunkRows: projectChunk }),
    projectTarget('project, indexes after', open('project-deferred'), { deferIndexes: true, chunkRows: projectChunk }),
    sqliteRawTarget('raw', open('raw')),
  ];
  try {
    return await run('sqlite', targets);
  } finally {
    await closeAll(targets);
    if (!args.keep) {
      for (const f of fs.readdirSync(dataDir)) {
        if (/^load-members-.*\.db(-wal|-shm)?$/.test(f)) fs.rmSync(path.join(dataDir, f));
      }
    }
  }
}

async function pgRun(): Promise<Result[]> {
  const adminUrl = args['pg-url']!;
  const names = { project: 'huzhu_bench_project', deferred: 'huzhu_bench_deferred', raw: 'huzhu_bench_raw' };
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const open = async (db: string) => {
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.query(`CREATE DATABASE ${db}`);
    const url = new URL(adminUrl);
    url.pathname = `/${db}`;
    return openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  };
  const targets = [
    projectTarget('project', await open(names.project), { deferIndexes: false, chunkRows: projectChunk }),
    projectTarget('project, indexes after', await open(names.deferred), {
      deferIndexes: true,
      chunkRows: projectChunk,
    }),
    pgCopyTarget('raw', await open(names.raw)),
  ];
  try {
    return await run('postgres', targets);
  } finally {
    await closeAll(targets);
    if (!args.keep) for (const db of Object.values(names)) await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.end();
  }
}

async function closeAll(targets: Target[]) {
  for (const t of targets) await (t.handle as DbHandle).destroy().catch(() => undefined);
}

async function environment() {
  const sqlite = openDatabase({ sqlitePath: ':memory:' });
  const sqliteVersion =
    (sqlite.raw.kind === 'sqlite' &&
      (sqlite.raw.sqlite.prepare('select sqlite_version() v').get() as { v: string }).v) ||
    '';
  await sqlite.destroy();
  let pgVersion = '';
  if (args.db !== 'sqlite') {
    const c = new pg.Client({ connectionString: args['pg-url'] });
    await c.connect();
    pgVersion = ((await c.query('show server_version')).rows[0] as { server_version: string }).server_version;
    await c.end();
  }
  return {
    date: new Date().toISOString(),
    cpu: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    sqlite: sqliteVersion,
    postgres: pgVersion,
  };
}

function report(results: Result[]) {
  const lines = [
    '| database | method | members | unit-history rows | seconds | rows/s | vs raw |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    const raw = results.find((x) => x.db === r.db && x.target === 'raw')!;
    const rate = (r.members + r.links) / r.seconds;
    const rawRate = (raw.members + raw.links) / raw.seconds;
    lines.push(
      `| ${r.db} | ${r.target} | ${r.members.toLocaleString('en')} | ${r.links.toLocaleString('en')} | ${r.seconds.toFixed(1)} | ${Math.round(rate).toLocaleString('en')} | ${(rate / rawRate).toFixed(2)} |`,
    );
  }
  return lines.join('\n');
}

const env = await environment();
const results: Result[] = [];
// Written after each database's pass, so a long run that is stopped later keeps what it measured.
const save = () => {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, `load-members-${args.db}.json`), JSON.stringify({ env, args, results }, null, 2));
};
if (args.db === 'sqlite' || args.db === 'both') {
  results.push(...(await sqliteRun()));
  save();
}
if (args.db === 'postgres' || args.db === 'both') {
  results.push(...(await pgRun()));
  save();
}
console.log(`\n${JSON.stringify(env)}\n\n${report(results)}`);
