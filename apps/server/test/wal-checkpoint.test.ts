import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/dialect.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huzhu-wal-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes about 150 pages in one commit: far below both checkpoint thresholds, so only a background checkpoint moves them. */
function writeSome(handle: ReturnType<typeof openDatabase>) {
  if (handle.raw.kind !== 'sqlite') throw new Error('sqlite only');
  const sqlite = handle.raw.sqlite;
  sqlite.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  const insert = sqlite.prepare('INSERT INTO t (v) VALUES (?)');
  sqlite.transaction(() => {
    for (let i = 0; i < 5_000; i++) insert.run(`row ${i} ${'x'.repeat(100)}`);
  })();
}

const sizeOf = (file: string) => fs.statSync(file).size;

async function grows(file: string, from: number, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (sizeOf(file) > from) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe('SQLite checkpoints from a worker thread (db/wal-checkpoint.ts)', () => {
  it('moves committed pages from the log into the database file without a commit doing it', async () => {
    const file = path.join(dir, 'background.db');
    const handle = openDatabase({ sqlitePath: file });
    try {
      writeSome(handle);
      const before = sizeOf(file);
      expect(sizeOf(`${file}-wal`)).toBeGreaterThan(500_000);
      expect(await grows(file, before, 5_000)).toBe(true);
      // The data reads back whole.
      if (handle.raw.kind !== 'sqlite') throw new Error('sqlite only');
      expect(handle.raw.sqlite.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 5_000 });
    } finally {
      await handle.destroy();
    }
  });

  it('without it, the same commit stays in the log (SQLite checkpoints only past 1,000 pages)', async () => {
    const file = path.join(dir, 'plain.db');
    const handle = openDatabase({ sqlitePath: file, backgroundCheckpoints: false });
    try {
      writeSome(handle);
      const before = sizeOf(file);
      expect(await grows(file, before, 1_500)).toBe(false);
    } finally {
      await handle.destroy();
    }
  });

  it('a closed database stops its checkpoints; a database opened again gets new ones', async () => {
    const file = path.join(dir, 'reopen.db');
    const first = openDatabase({ sqlitePath: file });
    writeSome(first);
    await first.destroy();
    const second = openDatabase({ sqlitePath: file });
    try {
      writeSome(second);
      const before = sizeOf(file);
      expect(await grows(file, before, 5_000)).toBe(true);
    } finally {
      await second.destroy();
    }
  });
});
