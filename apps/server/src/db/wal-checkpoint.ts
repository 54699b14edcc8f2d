import { setTimeout as sleep } from 'node:timers/promises';
import SQLite from 'better-sqlite3';

/**
 * SQLite write-ahead-log checkpoints, run from a worker thread on a connection of its own
 * (workers/wal-checkpoint.worker.ts) instead of by the commit that crosses the log's size limit. A checkpoint
 * copies the logged pages into the database file and syncs it to disk: left to the commit, a request that writes
 * 10,000 roster rows also pays for moving them (tens of milliseconds, seconds on a busy disk) while the event loop
 * waits. A PASSIVE checkpoint runs beside readers and the writer and never blocks them.
 *
 * The main connection keeps a high automatic threshold as a backstop (dialect.ts): should this thread stop, commits
 * still checkpoint, only later.
 */
export interface WalCheckpointStart {
  file: string;
  intervalMs: number;
}

export async function runWalCheckpoints(
  start: WalCheckpointStart,
  _send: (data: never) => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  const db = new SQLite(start.file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 1000');
    while (!signal.aborted) {
      try {
        await sleep(start.intervalMs, undefined, { signal });
      } catch {
        break;
      }
      db.pragma('wal_checkpoint(PASSIVE)');
    }
  } finally {
    db.close();
  }
}
