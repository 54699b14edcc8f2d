import { runWalCheckpoints } from '../db/wal-checkpoint.ts';
import { serveJobs } from './serve.ts';

/** Worker entry: SQLite checkpoints off the event loop (db/wal-checkpoint.ts). */
serveJobs(runWalCheckpoints);
