import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';

const run = promisify(execFile);

/**
 * Backup and restore of a live database (`npm run backup` / `npm run restore`, scripts/src/backup-cli.ts).
 *
 * A backup is a folder: the database (SQLite: `huzhu.db` written by `VACUUM INTO` from a read transaction, so it is
 * one consistent moment of a live WAL database while the app keeps writing; PostgreSQL: `huzhu.pgdump`, pg_dump's
 * custom format, also one snapshot), the key file `keys.json` beside it (without it the personal data in the copy
 * cannot be read) and `backup.json` describing both. The folder is never inside the data folder: a backup that dies
 * with the disk it protects is none.
 */

export const BACKUP_MANIFEST = 'backup.json';
export const KEY_FILE = 'keys.json';
const SQLITE_FILE = 'huzhu.db';
const PG_FILE = 'huzhu.pgdump';

export interface BackupManifest {
  format: 1;
  kind: 'sqlite' | 'postgres';
  createdAt: string;
  database: string;
  /** keys.json copied beside the database; false when the keys come from the environment (keep those yourself). */
  keyFile: boolean;
  /** PostgreSQL: the schema dumped (null: the whole database). */
  pgSchema: string | null;
}

export interface BackupSource {
  dataDir: string;
  /** PostgreSQL; absent: the SQLite file `DATA_DIR/huzhu.db`. */
  databaseUrl?: string;
  pgSchema?: string;
}

const inside = (child: string, parent: string) => {
  const rel = path.relative(path.resolve(parent), path.resolve(child));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

export class BackupError extends Error {}

/** Writes a backup of the live database into `outDir` (created; must be empty and outside the data folder). */
export async function backupDatabase(source: BackupSource, outDir: string): Promise<BackupManifest> {
  if (inside(outDir, source.dataDir))
    throw new BackupError(`备份目录不能在数据目录之内（${source.dataDir}）：请用 --out 指定另一处`);
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length > 0) throw new BackupError(`备份目录不是空的：${outDir}`);
  fs.mkdirSync(outDir, { recursive: true, mode: 0o700 });
  const kind = source.databaseUrl ? 'postgres' : 'sqlite';
  let database: string;
  if (kind === 'sqlite') {
    const live = path.join(source.dataDir, SQLITE_FILE);
    if (!fs.existsSync(live)) throw new BackupError(`找不到数据库文件：${live}`);
    database = SQLITE_FILE;
    const target = path.join(outDir, database);
    // A connection of its own, alongside the app's: VACUUM INTO reads one snapshot while the writer goes on.
    const sqlite = new SQLite(live, { fileMustExist: true });
    try {
      sqlite.pragma('busy_timeout = 10000');
      sqlite.prepare('VACUUM INTO ?').run(target);
    } finally {
      sqlite.close();
    }
    const check = new SQLite(target, { readonly: true });
    try {
      const result = check.pragma('integrity_check', { simple: true });
      if (result !== 'ok') throw new BackupError(`备份文件校验失败：${String(result)}`);
    } finally {
      check.close();
    }
  } else {
    database = PG_FILE;
    const args = ['--format=custom', '--no-owner', '--no-privileges', `--file=${path.join(outDir, database)}`];
    if (source.pgSchema) args.push(`--schema=${source.pgSchema}`);
    await run('pg_dump', [...args, source.databaseUrl!]);
  }
  const keys = path.join(source.dataDir, KEY_FILE);
  const keyFile = fs.existsSync(keys);
  if (keyFile) fs.copyFileSync(keys, path.join(outDir, KEY_FILE));
  if (keyFile) fs.chmodSync(path.join(outDir, KEY_FILE), 0o600);
  const manifest: BackupManifest = {
    format: 1,
    kind,
    createdAt: new Date().toISOString(),
    database,
    keyFile,
    pgSchema: source.pgSchema ?? null,
  };
  fs.writeFileSync(path.join(outDir, BACKUP_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

export function readManifest(backupDir: string): BackupManifest {
  const file = path.join(backupDir, BACKUP_MANIFEST);
  if (!fs.existsSync(file)) throw new BackupError(`不是备份目录（缺少 ${BACKUP_MANIFEST}）：${backupDir}`);
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  if (m.format !== 1) throw new BackupError(`不支持的备份格式：${String(m.format)}`);
  return m;
}

/**
 * Restores a backup into a fresh data folder (and, for PostgreSQL, an empty database): the database, then the key
 * file. Refuses to overwrite: a data folder that already holds a database or keys, a database that has tables.
 */
export async function restoreDatabase(backupDir: string, target: BackupSource): Promise<BackupManifest> {
  const m = readManifest(backupDir);
  if ((m.kind === 'postgres') !== Boolean(target.databaseUrl))
    throw new BackupError(
      m.kind === 'postgres'
        ? '这是 PostgreSQL 的备份：请给出 DATABASE_URL'
        : '这是 SQLite 的备份：不要设置 DATABASE_URL',
    );
  fs.mkdirSync(target.dataDir, { recursive: true });
  const keysTarget = path.join(target.dataDir, KEY_FILE);
  if (m.keyFile && fs.existsSync(keysTarget)) throw new BackupError(`数据目录中已有密钥文件：${keysTarget}`);
  if (m.kind === 'sqlite') {
    const dbTarget = path.join(target.dataDir, SQLITE_FILE);
    for (const f of [dbTarget, `${dbTarget}-wal`, `${dbTarget}-shm`])
      if (fs.existsSync(f)) throw new BackupError(`数据目录中已有数据库：${f}`);
    fs.copyFileSync(path.join(backupDir, m.database), dbTarget);
  } else {
    await run('pg_restore', [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      '--single-transaction',
      `--dbname=${target.databaseUrl!}`,
      path.join(backupDir, m.database),
    ]);
  }
  if (m.keyFile) {
    fs.copyFileSync(path.join(backupDir, KEY_FILE), keysTarget);
    fs.chmodSync(keysTarget, 0o600);
  }
  return m;
}
