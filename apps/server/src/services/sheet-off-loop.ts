import {
  type HeaderSpec,
  type OpenSheetOptions,
  openSheet,
  type SheetReader,
  type SheetRow,
} from '../adapters/spreadsheet.ts';
import { workerEntries } from '../workers/entries.ts';
import { runWorkerJob, type WorkerJob } from '../workers/jobs.ts';

/**
 * `openSheet` with the file read in a worker thread (workers/sheet-rows.worker.ts): inflating, parsing a legacy
 * .xls/.ods whole, and checking every cell happen off the event loop, so a large upload never holds up other
 * requests. The importer gets the same SheetReader and keeps its checks and writes on the main side. Row batches
 * stream back under the worker mechanism's flow control (memory stays bounded); the signal cancels the job.
 */

export interface SheetRowsStart {
  file: string;
  fileName: string;
  header?: HeaderSpec;
  maxRows?: number;
}

export type SheetRowsWire =
  | { head: { headers: string[]; headerRow: number; unknownColumns: string[] } }
  | { rows: SheetRow[] };

/** The worker side: opens the sheet and streams its header, then its rows in the batches they were read in. */
export async function serveSheetRows(
  start: SheetRowsStart,
  send: (data: SheetRowsWire) => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  const sheet = await openSheet(start.file, start.fileName, {
    signal,
    ...(start.header ? { header: start.header } : {}),
    ...(start.maxRows ? { maxRows: start.maxRows } : {}),
  });
  await send({ head: { headers: sheet.headers, headerRow: sheet.headerRow, unknownColumns: sheet.unknownColumns } });
  for await (const batch of sheet.batches) await send({ rows: batch });
}

/** The next message of the job, or the signal's reason as soon as it aborts (the job is then cancelled). */
async function nextOf(job: WorkerJob<SheetRowsWire>, signal?: AbortSignal): Promise<IteratorResult<SheetRowsWire>> {
  if (!signal) return job.next();
  signal.throwIfAborted();
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      job.cancel();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([job.next(), aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

export async function openSheetOffLoop(
  file: string,
  fileName: string,
  opts: OpenSheetOptions = {},
): Promise<SheetReader> {
  const job = runWorkerJob<SheetRowsStart, SheetRowsWire>(workerEntries.sheetRows, {
    file,
    fileName,
    ...(opts.header ? { header: opts.header } : {}),
    ...(opts.maxRows ? { maxRows: opts.maxRows } : {}),
  });
  let first: IteratorResult<SheetRowsWire>;
  try {
    first = await nextOf(job, opts.signal);
  } catch (e) {
    job.cancel();
    throw e;
  }
  if (first.done || !('head' in first.value)) {
    job.cancel();
    throw new Error('sheet worker: no header message');
  }
  const { head } = first.value;
  let taken = false;
  const batches = (async function* () {
    if (taken) throw new Error('sheet rows can be read once');
    taken = true;
    try {
      for (;;) {
        const m = await nextOf(job, opts.signal);
        if (m.done) return;
        if ('rows' in m.value) yield m.value.rows;
      }
    } finally {
      job.cancel();
    }
  })();
  const rows = (async function* () {
    for await (const batch of batches) yield* batch;
  })();
  return { ...head, rows, batches };
}
