import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildApp, loadConfig, warmWorkers } from '@huzhu/server';
import { demoMemberSignIn, isDatabaseEmpty, seedDemo } from '@huzhu/scripts';

/**
 * `npm start`: migrate, load the demo data into an empty database (HUZHU_SEED, default demo), print the demo
 * accounts, listen. The demo password is HUZHU_DEMO_PASSWORD, or one generated on the first start and kept in
 * DATA_DIR/demo-accounts.txt (readable by the owner only) so later starts can print it again.
 */
const DEMO_USERS = [
  ['admin', '重庆办事处 管理员'],
  ['reviewer', '重庆办事处 审核员'],
  ['finance', '重庆办事处 财务'],
  ['jiangbei', '江北区代办处 经办人'],
  ['wanzhou', '万州区代办处 经办人'],
  ['unit1', '江北区某单位 基层工会经办人'],
  ['gzadmin', '贵州办事处 管理员'],
  ['national', '总会 查看'],
] as const;

function demoPassword(dataDir: string, fromEnv?: string): string {
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, 'demo-accounts.txt');
  if (fs.existsSync(file)) {
    const m = /password: (\S+)/.exec(fs.readFileSync(file, 'utf8'));
    if (m?.[1]) return m[1];
  }
  const generated = `Hz-${crypto.randomBytes(6).toString('base64url')}9`;
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `demo accounts password: ${generated}\n`, { mode: 0o600 });
  return generated;
}

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
  const { app, deps } = await buildApp(config);
  let seeded = false;
  if (config.seed !== 'none' && (await isDatabaseEmpty(deps.handle.db))) {
    const password = demoPassword(config.dataDir, config.demoPassword);
    const started = Date.now();
    let last = '';
    await seedDemo(
      { handle: deps.handle, cipher: deps.cipher, clock: deps.clock },
      {
        scale: config.seed,
        password,
        onProgress: (p) => {
          const line = `载入演示数据 / loading demo data: ${p.phase} ${p.done.toLocaleString()}/${p.total.toLocaleString()}`;
          if (line !== last && process.stdout.isTTY) process.stdout.write(`\r${line.padEnd(90)}`);
          else if (line !== last && p.done === p.total) console.log(line);
          last = line;
        },
      },
    );
    if (process.stdout.isTTY) process.stdout.write('\n');
    console.log(`演示数据已载入（${config.seed}），用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
    seeded = true;
  }
  await app.listen({ port: config.port, host: config.host });
  warmWorkers();
  const url = `http://localhost:${config.port}`;
  console.log(`\nHuzhu 职工互助保障 — ${deps.handle.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`);
  console.log(`  管理后台 console:   ${url}/`);
  console.log(`  会员端 member app:  ${url}/m/`);
  console.log(`  API 文档 API docs:  ${url}/api/docs`);
  if (seeded || config.demoPassword || fs.existsSync(path.join(config.dataDir, 'demo-accounts.txt'))) {
    const password = demoPassword(config.dataDir, config.demoPassword);
    console.log(`\n演示账号 demo accounts (password: ${password})`);
    for (const [u, who] of DEMO_USERS) console.log(`  ${u.padEnd(10)} ${who}`);
  }
  const member = await demoMemberSignIn(deps.handle.db);
  if (member) {
    console.log(`\n会员端演示 member app demo: ${url}/m/`);
    console.log(`  手机号 mobile ${member.mobile}（${member.name}，单位参保）→ 获取验证码 / get a code`);
    console.log(
      `  验证码见管理后台「短信记录」(admin 登录) / the code is in the console's SMS records (sign in as admin)`,
    );
  }
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
