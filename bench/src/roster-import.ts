/**
 * bench/roster-import: a roster through HTTP (multipart upload → stream parse → validate → store as a draft batch)
 * beside parsing the same file with the spreadsheet library alone, in the same run and process.
 *
 *   tsx bench/src/roster-import.ts [--rows 10000] [--runs 3]
 *
 * Prints JSON lines; bench/README.md records the figures. Peak memory is the process's peak RSS sampled every
 * 20 ms (the server runs in this process, so it includes the server's whole heap, the roster writer's and the
 * parse-only side's), and how far RSS rose during an upload above what it was when the upload began. Beside wall
 * time it reports the process's CPU time for both sides: on a shared machine that moves far less than wall time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { idCheckChar, rosterColumns } from '@huzhu/core';
import { buildApp, createPiiCipher, hashPassword, loadConfig, newId, openDatabase, warmWorkers } from '@huzhu/server';
import ExcelJS from 'exceljs';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const ROWS = arg('rows', 10_000);
const RUNS = arg('runs', 3);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huzhu-bench-roster-'));

/** `first` offsets the people: each run uploads new ones, as a unit's next roster would. */
async function writeRoster(file: string, rows: number, first = 0) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const ws = wb.addWorksheet('参保花名册');
  ws.addRow(Object.values(rosterColumns)).commit();
  const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
  for (let i = first; i < first + rows; i++) {
    // Unique by construction: region × birth day (1970–1999) × sequence.
    const region = ['500101', '500103', '500105', '500106', '500107', '500108'][i % 6]!;
    const birth = new Date(Date.UTC(1970, 0, 1) + (Math.floor(i / 6) % 10_950) * 86_400_000)
      .toISOString()
      .slice(0, 10)
      .replaceAll('-', '');
    const id17 = `${region}${birth}${String(Math.floor(i / 65_700) * 2 + 1).padStart(3, '0')}`;
    ws.addRow([
      `${surnames[i % surnames.length]}${'明华强军平芳娟敏静丽'[i % 10]}${'国建文'[i % 3]}`,
      id17 + idCheckChar(id17),
      `138${String(i).padStart(8, '0')}`,
      1 + (i % 3),
      '在职职工',
      '是',
    ]).commit();
  }
  await wb.commit();
}

async function parseOnly(file: string): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(fs.createReadStream(file), {
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  let n = 0;
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));
      n += 1;
    }
    break;
  }
  return n;
}

async function setup() {
  const handle = openDatabase({ sqlitePath: path.join(dir, 'huzhu.db') });
  const cipher = createPiiCipher(Buffer.alloc(32, 3), Buffer.alloc(32, 4));
  const config = {
    ...loadConfig({ DATA_DIR: dir } as NodeJS.ProcessEnv),
    logLevel: 'silent',
    consoleDir: undefined,
    mobileDir: undefined,
  };
  const { app } = await buildApp(config, { handle, cipher, logger: false });
  const now = new Date().toISOString();
  const officeId = newId();
  const agencyId = newId();
  const unitId = newId();
  const { seedCatalogue } = await import('../../apps/server/src/services/product.service.ts');
  await handle.db
    .insertInto('office')
    .values({ id: officeId, code: 'B', name: '基准办事处', region_code: '500000', created_at: now })
    .execute();
  await seedCatalogue(handle.db, officeId, now);
  await handle.db
    .insertInto('agency')
    .values({
      id: agencyId,
      office_id: officeId,
      code: 'A1',
      name: '江北区',
      kind: 'district',
      region_code: '500105',
      created_at: now,
    })
    .execute();
  await handle.db
    .insertInto('unit')
    .values({
      id: unitId,
      office_id: officeId,
      agency_id: agencyId,
      name: '基准单位',
      credit_code: '91500105MA5U7X8Y9K',
      credit_code_valid: 1,
      category: 'private',
      industry: null,
      headcount: 200_000,
      female_headcount: 100_000,
      contact_name: null,
      contact_phone: null,
      bank_name: null,
      bank_account_enc: null,
      covered_until: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await handle.db
    .insertInto('app_user')
    .values({
      id: newId(),
      office_id: officeId,
      username: 'bench',
      password_hash: await hashPassword('Bench1234'),
      role: 'unit_agent',
      display_name: '基准',
      agency_id: null,
      unit_id: unitId,
      member_id: null,
      disabled: 0,
      failed_logins: 0,
      locked_until: null,
      last_login_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await app.listen({ port: 0, host: '127.0.0.1' });
  // As the server does at start (server.ts): the first upload does not wait for the worker to load.
  warmWorkers();
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1`;
  const login = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench', password: 'Bench1234' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { app, base, unitId, cookie, csrfToken };
}

async function upload(env: Awaited<ReturnType<typeof setup>>, file: string) {
  const form = new FormData();
  form.set('productCode', 'CI_A');
  form.set('startDate', new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
  form.set('file', new Blob([fs.readFileSync(file)]), 'roster.xlsx');
  const res = await fetch(`${env.base}/units/${env.unitId}/roster-imports`, {
    method: 'POST',
    headers: { cookie: env.cookie, 'x-csrf-token': env.csrfToken },
    body: form,
  });
  const body = (await res.json()) as { acceptedRows?: number; code?: string; issues?: { severity: string }[] };
  const errors = (body.issues ?? []).filter((x) => x.severity === 'error');
  if (errors.length) console.error('rejected rows:', JSON.stringify(errors.slice(0, 3)));
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(body)}`);
  return body.acceptedRows ?? 0;
}

async function main() {
  // One file per run, each with other people: the same people uploaded again would meet themselves in the earlier
  // runs' draft batches, a cost that grows with every run and that a real unit's next roster does not have.
  const files: string[] = [];
  for (let run = 0; run <= RUNS; run++) {
    files.push(path.join(dir, `roster-${ROWS}-${run}.xlsx`));
    await writeRoster(files[run]!, ROWS, run * ROWS);
  }
  const warmUp = files.pop()!;
  const env = await setup();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const parseMs: number[] = [];
  const importMs: number[] = [];
  const parseCpuMs: number[] = [];
  const importCpuMs: number[] = [];
  const cpuSince = (start: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  // Peak RSS of the whole process, and how far it rose above what it was just before each upload began.
  let peakRss = 0;
  let uploadStartRss = 0;
  let uploadGrowth = 0;
  const sampler = setInterval(() => {
    const rss = process.memoryUsage().rss;
    peakRss = Math.max(peakRss, rss);
    if (uploadStartRss) uploadGrowth = Math.max(uploadGrowth, rss - uploadStartRss);
  }, 20);
  // One untimed round of each side first: both run warm (compiled code, the worker loaded), as in a server that has
  // been up for a while.
  await parseOnly(warmUp);
  uploadStartRss = process.memoryUsage().rss;
  await upload(env, warmUp);
  uploadStartRss = 0;
  for (let run = 0; run < RUNS; run++) {
    const file = files[run]!;
    let cpu = process.cpuUsage();
    let t = performance.now();
    const parsed = await parseOnly(file);
    parseMs.push(performance.now() - t);
    parseCpuMs.push(cpuSince(cpu));
    cpu = process.cpuUsage();
    uploadStartRss = process.memoryUsage().rss;
    t = performance.now();
    const accepted = await upload(env, file);
    importMs.push(performance.now() - t);
    uploadStartRss = 0;
    importCpuMs.push(cpuSince(cpu));
    if (parsed !== ROWS + 1 || accepted !== ROWS) throw new Error(`parsed ${parsed}, accepted ${accepted}`);
  }
  clearInterval(sampler);
  const p = median(parseMs);
  const i = median(importMs);
  const pc = median(parseCpuMs);
  const ic = median(importCpuMs);
  console.log(
    JSON.stringify({
      bench: 'roster-import',
      rows: ROWS,
      fileBytes: fs.statSync(files[0]!).size,
      runs: RUNS,
      parseOnlyMs: Math.round(p),
      httpImportMs: Math.round(i),
      ratio: Number((i / p).toFixed(2)),
      parseOnlyCpuMs: Math.round(pc),
      httpImportCpuMs: Math.round(ic),
      cpuRatio: Number((ic / pc).toFixed(2)),
      rowsPerSecond: Math.round(ROWS / (i / 1000)),
      peakRssMiB: Math.round(peakRss / 1024 / 1024),
      uploadRssGrowthMiB: Math.round(uploadGrowth / 1024 / 1024),
      parseRunsMs: parseMs.map(Math.round),
      importRunsMs: importMs.map(Math.round),
      node: process.version,
      cpus: os.cpus().length,
    }),
  );
  await env.app.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();
