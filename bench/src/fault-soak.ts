/**
 * bench/fault-soak: the long form of the fault-injection suite (apps/server/test/fault-injection.test.ts). The suite
 * kills a real server process with SIGKILL inside the roster-import, payment and payout-result transactions (fault
 * points), and at a random moment during concurrent imports; after each restart it checks every invariant (each
 * batch whole or absent, items = accepted rows, issue rows = issue count, one audit row per batch, each
 * Idempotency-Key one batch after its retry). Here the random-moment kill runs `--rounds` times per database.
 *
 *   tsx bench/src/fault-soak.ts [--rounds 20] [--db sqlite,postgres] [--pg-url postgres://postgres@127.0.0.1:5432/test]
 *
 * Prints one JSON line per database (rounds, passed, failed, seconds); bench/README.md records the figures.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const rounds = Number(arg('rounds', '20'));
const dbs = arg('db', 'sqlite,postgres').split(',');
const pgUrl = arg('pg-url', 'postgres://postgres@127.0.0.1:5432/test');
const root = path.resolve(import.meta.dirname, '../..');

let failed = false;
for (const db of dbs) {
  const started = Date.now();
  const env = {
    ...process.env,
    HUZHU_FAULT_ROUNDS: String(rounds),
    ...(db === 'postgres' ? { HUZHU_TEST_PG: pgUrl } : {}),
  };
  if (db !== 'postgres') delete env.HUZHU_TEST_PG;
  const r = spawnSync(
    'npx',
    ['vitest', 'run', '--project', 'server', 'apps/server/test/fault-injection.test.ts', '--reporter=json'],
    { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const json = r.stdout.slice(r.stdout.indexOf('{'));
  const report = JSON.parse(json) as { numPassedTests: number; numFailedTests: number; numTotalTests: number };
  if (report.numFailedTests > 0 || r.status !== 0) failed = true;
  console.log(
    JSON.stringify({
      db,
      randomKillRounds: rounds,
      // Every test but the random-moment one is a fault-point scenario (roster import, payment, payout results, gig).
      faultPointScenarios: report.numTotalTests - 1,
      passed: report.numPassedTests,
      failed: report.numFailedTests,
      seconds: Math.round((Date.now() - started) / 1000),
    }),
  );
}
process.exit(failed ? 1 : 0);
