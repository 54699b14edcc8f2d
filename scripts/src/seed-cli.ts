import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createPiiCipher, loadConfig, loadKeys, migrateToLatest, openDatabase } from '@huzhu/server';
import { isDatabaseEmpty, type SeedProgress, type SeedScale, seedDemo } from './index.ts';

/**
 * `npm run seed -- --scale demo [--seed 1] [--database-url postgres://…] [--data-dir ./data] [--password …]`
 * Loads the demo data into an empty database (the same one `npm start` uses unless told otherwise).
 * Keys come from HUZHU_DATA_KEY / HUZHU_INDEX_KEY or DATA_DIR/keys.json, as for the server, so the server can
 * decrypt what is loaded here.
 */
const USAGE =
  '用法 usage: npm run seed -- --scale tiny|demo|chongqing [--seed N] [--database-url URL] [--data-dir DIR] [--password PW]';
const PHASES: Record<SeedProgress['phase'], string> = {
  organisations: '机构 organisations',
  units: '单位 units',
  members: '会员、参保、理赔 members, policies, claims',
  indexes: '索引 indexes',
  summaries: '汇总 summaries',
  accounts: '账号 accounts',
};

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** The demo password: given, from the environment, or generated once and kept beside the data (as `npm start` does). */
function demoPassword(dataDir: string, given?: string): string {
  if (given) return given;
  const file = path.join(dataDir, 'demo-accounts.txt');
  const kept = fs.existsSync(file) ? /password: (\S+)/.exec(fs.readFileSync(file, 'utf8'))?.[1] : undefined;
  if (kept) return kept;
  const generated = `Hz-${crypto.randomBytes(6).toString('base64url')}9`;
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `demo accounts password: ${generated}\n`, { mode: 0o600 });
  return generated;
}

const parse = () =>
  parseArgs({
    options: {
      scale: { type: 'string', default: 'demo' },
      seed: { type: 'string' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      password: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  }).values;

async function main() {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const scale = args.scale as SeedScale;
  if (!['tiny', 'demo', 'chongqing'].includes(scale)) fail(`未知的规模 unknown scale: ${args.scale}\n${USAGE}`);
  const seed = args.seed === undefined ? undefined : Number(args.seed);
  if (seed !== undefined && !Number.isSafeInteger(seed)) fail(`--seed 应为整数 must be an integer: ${args.seed}`);

  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig({
      ...process.env,
      ...(args['database-url'] ? { DATABASE_URL: args['database-url'] } : {}),
      ...(args['data-dir'] ? { DATA_DIR: args['data-dir'] } : {}),
    });
  } catch (e) {
    fail((e as Error).message);
  }

  const handle = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: path.join(config.dataDir, 'huzhu.db') });
  try {
    await migrateToLatest(handle.db);
    if (!(await isDatabaseEmpty(handle.db))) {
      fail(
        '数据库不是空的，未载入演示数据。请使用新的 DATA_DIR 或空数据库。\nThe database is not empty: nothing was loaded.',
      );
    }
    const keys = loadKeys(config);
    const cipher = createPiiCipher(keys.dataKey, keys.indexKey);
    const password = demoPassword(config.dataDir, args.password ?? config.demoPassword);
    const started = performance.now();
    const printed = new Map<string, number>();
    const where = handle.kind === 'sqlite' ? path.join(config.dataDir, 'huzhu.db') : 'PostgreSQL';
    console.log(`载入演示数据 loading demo data: ${scale} → ${where}`);
    const summary = await seedDemo(
      { handle, cipher },
      {
        scale,
        seed,
        password,
        onProgress: (p) => {
          const pct = p.total > 0 ? Math.floor((100 * p.done) / p.total) : 100;
          const secs = ((performance.now() - started) / 1000).toFixed(0);
          const line = `  ${PHASES[p.phase]} ${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')} (${pct}%) ${secs} s`;
          if (process.stdout.isTTY) process.stdout.write(`\r${line.padEnd(72)}`);
          else if (p.done === p.total || pct >= (printed.get(p.phase) ?? -1) + 10) {
            // A log file gets a line per tenth of each phase, not one per chunk.
            printed.set(p.phase, pct);
            console.log(line);
          }
        },
      },
    );
    if (process.stdout.isTTY) process.stdout.write('\n');
    console.log(
      `完成 done in ${summary.seconds.toFixed(1)} s: ${summary.offices} offices, ${summary.agencies} agencies, ` +
        `${summary.units.toLocaleString('en')} units, ${summary.members.toLocaleString('en')} members ` +
        `(${summary.memberUnits.toLocaleString('en')} unit-history rows), ` +
        `${summary.policies.toLocaleString('en')} policies in ${summary.batches.toLocaleString('en')} batches, ` +
        `${summary.claims.toLocaleString('en')} claims, ${summary.payoutItems.toLocaleString('en')} payout items, ` +
        `seed ${summary.seed}`,
    );
    console.log(`演示账号 demo accounts (password: ${password})`);
    for (const a of summary.accounts) console.log(`  ${a.username.padEnd(10)} ${a.role.padEnd(16)} ${a.displayName}`);
  } finally {
    await handle.destroy();
  }
}

await main();
