import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../src/db/backup.ts';
import { type DbHandle, openDatabase } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { newId } from '../src/ids.ts';
import { createPiiCipher, loadKeys } from '../src/security/pii-cipher.ts';
import { testPgUrl } from './helpers/test-context.ts';

/**
 * Backup and restore (issue 15, item 16): a backup taken while rows are being written restores into a fresh data
 * folder with every row committed before it began — exactly a prefix of the writes, nothing torn — and the key file
 * beside it still opens the personal data.
 */
const exec = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'huzhu-backup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const ID_NUMBER = '500105198506151230';

async function seedOffice(handle: DbHandle, dataDir: string) {
  await migrateToLatest(handle.db);
  const keys = loadKeys({ dataDir });
  const cipher = createPiiCipher(keys.dataKey, keys.indexKey);
  const officeId = newId();
  const now = new Date().toISOString();
  await handle.db
    .insertInto('office')
    .values({ id: officeId, code: 'OBK', name: '备份测试办事处', region_code: '500000', created_at: now })
    .execute();
  await handle.db
    .insertInto('app_meta')
    .values({ key: 'backup_test_secret', value: cipher.encrypt(ID_NUMBER) })
    .execute();
  return officeId;
}

/** Writes agency rows A00000, A00001, … one commit each until `stop()`; returns how many were committed so far. */
function writeLoop(handle: DbHandle, officeId: string) {
  let n = 0;
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      await handle.db
        .insertInto('agency')
        .values({
          id: newId(),
          office_id: officeId,
          code: `A${String(n).padStart(5, '0')}`,
          name: `代办处${n}`,
          kind: 'district',
          region_code: '500105',
          created_at: new Date().toISOString(),
        })
        .execute();
      n += 1;
      await new Promise((r) => setImmediate(r));
    }
  })();
  return {
    committed: () => n,
    stop: async () => {
      stopped = true;
      await done;
      return n;
    },
  };
}

async function expectPrefix(handle: DbHandle, atLeast: number, atMost: number) {
  const codes = (await handle.db.selectFrom('agency').select('code').orderBy('code').execute()).map((r) => r.code);
  expect(codes.length).toBeGreaterThanOrEqual(atLeast);
  expect(codes.length).toBeLessThanOrEqual(atMost);
  // Exactly the first k writes: none missing in between, none torn.
  expect(codes).toEqual(Array.from({ length: codes.length }, (_, i) => `A${String(i).padStart(5, '0')}`));
  return codes.length;
}

async function expectKeysOpen(handle: DbHandle, dataDir: string) {
  const keys = loadKeys({ dataDir });
  const cipher = createPiiCipher(keys.dataKey, keys.indexKey);
  const row = await handle.db
    .selectFrom('app_meta')
    .select('value')
    .where('key', '=', 'backup_test_secret')
    .executeTakeFirstOrThrow();
  expect(cipher.decrypt(row.value)).toBe(ID_NUMBER);
}

describe('backup and restore, SQLite (npm run backup / npm run restore)', () => {
  it('backs up a live database during writes; the restore holds every row committed before the backup began', async () => {
    const dataDir = path.join(tmp, 'live');
    const handle = openDatabase({ sqlitePath: path.join(dataDir, 'huzhu.db') });
    const officeId = await seedOffice(handle, dataDir);
    const writes = writeLoop(handle, officeId);
    await new Promise((r) => setTimeout(r, 300));
    const before = writes.committed();
    expect(before).toBeGreaterThan(0);
    const out = path.join(tmp, 'backups', 'one');
    await exec('npx', ['tsx', 'scripts/src/backup-cli.ts', 'backup', '--out', out, '--data-dir', dataDir], {
      cwd: root,
    });
    const after = writes.committed();
    await new Promise((r) => setTimeout(r, 100));
    const total = await writes.stop();
    expect(after).toBeGreaterThan(before); // the app kept writing while the backup ran
    expect(fs.readdirSync(out).sort()).toEqual(['backup.json', 'huzhu.db', 'keys.json']);
    expect(fs.statSync(path.join(out, 'keys.json')).mode & 0o777).toBe(0o600);
    await handle.destroy();

    const fresh = path.join(tmp, 'restored');
    await exec('npx', ['tsx', 'scripts/src/backup-cli.ts', 'restore', '--from', out, '--data-dir', fresh], {
      cwd: root,
    });
    const restored = openDatabase({ sqlitePath: path.join(fresh, 'huzhu.db'), backgroundCheckpoints: false });
    try {
      await expectPrefix(restored, before, total);
      await expectKeysOpen(restored, fresh);
    } finally {
      await restored.destroy();
    }
    // Restoring again over it is refused; nothing is overwritten.
    await expect(restoreDatabase(out, { dataDir: fresh })).rejects.toThrow(/已有/);
  }, 180_000); // two CLI runs (tsx start-up) on a busy machine

  it('refuses a backup folder inside the data folder, and a folder that is not empty', async () => {
    const dataDir = path.join(tmp, 'live');
    await expect(backupDatabase({ dataDir }, path.join(dataDir, 'backup'))).rejects.toThrow(/数据目录之内/);
    await expect(backupDatabase({ dataDir }, path.join(tmp, 'backups', 'one'))).rejects.toThrow(/不是空的/);
  });
});

describe.skipIf(!testPgUrl)('backup and restore, PostgreSQL (pg_dump / pg_restore)', () => {
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const restoreDb = `huzhu_restore_${crypto.randomBytes(4).toString('hex')}`;
  const admin = async (q: string, url = testPgUrl!) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  const restoreUrl = () => {
    const u = new URL(testPgUrl!);
    u.pathname = `/${restoreDb}`;
    return u.toString();
  };
  afterAll(async () => {
    await admin(`drop schema if exists ${schema} cascade`);
    await admin(`drop database if exists ${restoreDb}`);
  });

  it('dumps during writes and restores into an empty database with every row committed before it began', async () => {
    await admin(`create schema ${schema}`);
    const dataDir = path.join(tmp, 'pg-live');
    const handle = openDatabase({ databaseUrl: testPgUrl, pgSchema: schema, poolSize: 2, readers: 1 });
    const officeId = await seedOffice(handle, dataDir);
    const writes = writeLoop(handle, officeId);
    await new Promise((r) => setTimeout(r, 300));
    const before = writes.committed();
    const out = path.join(tmp, 'pg-backup');
    const m = await backupDatabase({ dataDir, databaseUrl: testPgUrl, pgSchema: schema }, out);
    const after = writes.committed();
    const total = await writes.stop();
    await handle.destroy();
    expect(m).toMatchObject({ kind: 'postgres', keyFile: true, pgSchema: schema });
    expect(after).toBeGreaterThan(before);

    await admin(`create database ${restoreDb}`);
    const fresh = path.join(tmp, 'pg-restored');
    await restoreDatabase(out, { dataDir: fresh, databaseUrl: restoreUrl() });
    const restored = openDatabase({ databaseUrl: restoreUrl(), pgSchema: schema, poolSize: 2, readers: 1 });
    try {
      await expectPrefix(restored, before, total);
      await expectKeysOpen(restored, fresh);
    } finally {
      await restored.destroy();
    }
  }, 120_000);
});
