/**
 * `npm run backup -- [--out DIR] [--data-dir DIR] [--database-url URL]`
 * `npm run restore -- --from DIR [--data-dir DIR] [--database-url URL]`
 *
 * Backup: the live database (SQLite `VACUUM INTO`, PostgreSQL `pg_dump`) and the key file into a new folder, by
 * default `./backups/huzhu-<time>` (never inside the data folder). The app may keep running. Restore: into a fresh
 * data folder (and an empty PostgreSQL database); it refuses to overwrite anything. DATA_DIR and DATABASE_URL from
 * the environment apply when the options are not given.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '@huzhu/server';
import { BackupError, backupDatabase, restoreDatabase } from '../../apps/server/src/db/backup.ts';

const USAGE = [
  '用法 usage:',
  '  npm run backup -- [--out DIR] [--data-dir DIR] [--database-url URL]',
  '  npm run restore -- --from DIR [--data-dir DIR] [--database-url URL]',
].join('\n');

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main() {
  const mode = process.argv[2];
  if (mode !== 'backup' && mode !== 'restore') fail(USAGE);
  const { values } = parseArgs({
    args: process.argv.slice(3),
    options: {
      out: { type: 'string' },
      from: { type: 'string' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig({
    ...process.env,
    ...(values['data-dir'] ? { DATA_DIR: values['data-dir'] } : {}),
    ...(values['database-url'] ? { DATABASE_URL: values['database-url'] } : {}),
  });
  const source = { dataDir: config.dataDir, databaseUrl: config.databaseUrl };
  if (mode === 'backup') {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const out = path.resolve(values.out ?? path.join('backups', `huzhu-${stamp}`));
    const m = await backupDatabase(source, out);
    console.log(`备份完成 backup written: ${out} (${m.kind}, ${m.database}${m.keyFile ? ', keys.json' : ''})`);
    if (!m.keyFile)
      console.log(
        '数据目录中没有密钥文件 keys.json，未复制：密钥若来自环境变量，请另行保管 HUZHU_DATA_KEY / HUZHU_INDEX_KEY',
      );
    else console.log('备份目录中含有密钥文件：请妥善保管（与数据同等机密）');
  } else {
    if (!values.from) fail(`--from 是必需的 is required\n${USAGE}`);
    const m = await restoreDatabase(path.resolve(values.from), source);
    console.log(`恢复完成 restored ${m.kind} backup of ${m.createdAt} into ${config.dataDir}`);
  }
}

main().catch((e: unknown) => {
  if (e instanceof BackupError) fail(e.message);
  const err = e as { stderr?: string; message?: string };
  fail(String(err.stderr || err.message || e));
});
