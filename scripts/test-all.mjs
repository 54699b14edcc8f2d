// `npm test`: every tier — core unit tests and server integration tests on SQLite, the same integration suite on
// PostgreSQL, and the browser end-to-end tests in Chromium. A tier that cannot run is skipped loudly; with CI=true
// it is a failure. Ends with one line "tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const pgUrl = process.env.HUZHU_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const chromium = process.env.HUZHU_CHROMIUM ?? '/usr/bin/chromium';
const only = process.argv.slice(2); // e.g. `npm test -- sqlite pg`

let passed = 0;
let failed = 0;
const problems = [];

function vitest(name, projects, env = {}) {
  const out = path.join(os.tmpdir(), `huzhu-vitest-${process.pid}-${name}.json`);
  const args = [
    'vitest',
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ];
  console.log(`\n=== ${name}: vitest ${projects.join(' + ')} ===`);
  const r = spawnSync('npx', args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  let counted = false;
  if (fs.existsSync(out)) {
    const report = JSON.parse(fs.readFileSync(out, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    counted = true;
    fs.rmSync(out);
    if (report.numTotalTests === 0) problems.push(`${name}: no test ran`);
  }
  if (r.status !== 0) {
    problems.push(`${name}: vitest exited with ${r.status}`);
    if (!counted) failed += 1;
  }
}

function unavailable(name, why) {
  const msg = `!!! ${name} tier NOT RUN: ${why}`;
  console.log(`\n${'!'.repeat(msg.length)}\n${msg}\n${'!'.repeat(msg.length)}`);
  if (ci) problems.push(`${name}: unavailable in CI (${why})`);
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const want = (t) => only.length === 0 || only.includes(t);

if (want('sqlite')) vitest('unit+sqlite', ['core', 'server']);
if (want('pg')) {
  if (await postgresReachable()) vitest('postgres', ['server'], { HUZHU_TEST_PG: pgUrl });
  else unavailable('PostgreSQL', `cannot connect to ${pgUrl}`);
}
if (want('e2e')) {
  if (fs.existsSync(chromium)) vitest('e2e', ['e2e'], { HUZHU_CHROMIUM: chromium });
  else unavailable('e2e (Chromium)', `${chromium} not found — apt-get install -y chromium`);
}

console.log('');
for (const p of problems) console.log(`problem: ${p}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(problems.length || failed ? 1 : 0);
