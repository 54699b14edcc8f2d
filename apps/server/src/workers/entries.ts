import { warmWorker } from './jobs.ts';

/** Every worker entry of the server, by the job it serves. */
export const workerEntries = {
  rosterRows: new URL('./roster-rows.worker.ts', import.meta.url),
  sheetRows: new URL('./sheet-rows.worker.ts', import.meta.url),
  walCheckpoint: new URL('./wal-checkpoint.worker.ts', import.meta.url),
} as const;

/** Starts every worker now (the server does at start): the first upload then does not wait for one to load. */
export function warmWorkers(): void {
  for (const entry of Object.values(workerEntries)) warmWorker(entry);
}
