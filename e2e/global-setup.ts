import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, createPiiCipher, loadConfig, openDatabase } from '@huzhu/server';
import { seedDemo } from '@huzhu/scripts';
import type { TestProject } from 'vitest/node';
import { artifactsDir, chromiumPath } from './support/chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the console is served, e.g. http://127.0.0.1:41234 (no trailing slash). */
    baseUrl: string;
    /** The password of every demo account in this run. */
    password: string;
    /** Why the tier is skipped (no browser), or '' when it runs. */
    skipReason: string;
  }
}

const root = path.resolve(import.meta.dirname, '..');

/** The newest modification time under the given files and folders (node_modules and dist excluded). */
function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p)) if (name !== 'node_modules' && name !== 'dist') visit(path.join(p, name));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of paths) visit(p);
  return newest;
}

/** Builds a front end when its dist is missing or older than its sources (core is bundled in, so it counts too). */
function ensureBuilt(app: 'console' | 'mobile') {
  const dir = path.join(root, 'apps', app);
  if (!fs.existsSync(path.join(dir, 'index.html'))) return;
  const built = path.join(dir, 'dist', 'index.html');
  const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((p) => path.join(dir, p));
  sources.push(path.join(root, 'packages/core/src'));
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= newestMtime(sources)) return;
  console.log(`[e2e] building apps/${app} …`);
  execFileSync('npm', ['run', 'build', '-w', `apps/${app}`], { cwd: root, stdio: 'inherit' });
}

export default async function setup(project: TestProject) {
  const browser = chromiumPath();
  if (!fs.existsSync(browser)) {
    const reason = `Chromium not found at ${browser}: the browser tier (e2e) cannot run`;
    if (process.env.CI === 'true') throw new Error(`${reason}. CI=true, so this is a failure.`);
    const bar = '!'.repeat(reason.length + 8);
    console.warn(
      `\n${bar}\n!!! ${reason} !!!\n!!! SKIPPING every e2e spec.${' '.repeat(Math.max(0, reason.length - 24))}!!!\n${bar}\n`,
    );
    project.provide('skipReason', reason);
    project.provide('baseUrl', '');
    project.provide('password', '');
    return;
  }

  // The artifacts folder shows this run only: screenshots of every main page, and of any failure.
  fs.rmSync(artifactsDir, { recursive: true, force: true });
  ensureBuilt('console');
  ensureBuilt('mobile');

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huzhu-e2e-'));
  const password = `E2e-${crypto.randomBytes(6).toString('hex')}9`;
  // Every spec signs in through the API from this one address, faster than a person could: the per-address
  // login limit is raised for the test server (the limit itself is covered by the server's integration tests).
  const config = {
    ...loadConfig({ DATA_DIR: dataDir, HUZHU_SEED: 'none' } as NodeJS.ProcessEnv),
    logLevel: 'warn',
    loginRatePerMinute: 1_000,
  };
  const handle = openDatabase({ sqlitePath: path.join(dataDir, 'huzhu.db') });
  const cipher = createPiiCipher(crypto.randomBytes(32), crypto.randomBytes(32));
  const { app } = await buildApp(config, { handle, cipher, logger: false });
  await seedDemo({ handle, cipher }, { scale: 'tiny', seed: 1, password });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });

  project.provide('baseUrl', address.replace('localhost', '127.0.0.1'));
  project.provide('password', password);
  project.provide('skipReason', '');

  return async () => {
    await app.close();
    await handle.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
