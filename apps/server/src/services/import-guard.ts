import { AppError } from '../errors.ts';

/**
 * What every spreadsheet import (roster, unit registry, payout results) shares: one signal that aborts when the
 * client goes away or the import's time limit (HUZHU_IMPORT_TIMEOUT_SECONDS) passes, and the IMPORT_CANCELLED
 * (408) it ends in. Readers stop between chunks once it aborts; the import's transaction rolls back, so nothing is
 * stored; the route removes the upload's temp file however the request ends (http/upload.ts).
 */
export function importSignal(timeoutMs: number, client?: AbortSignal): AbortSignal {
  const timeLimit = AbortSignal.timeout(timeoutMs);
  return client ? AbortSignal.any([client, timeLimit]) : timeLimit;
}

export const abortReason = (signal: AbortSignal) =>
  signal.reason instanceof DOMException && signal.reason.name === 'TimeoutError' ? 'time-limit' : 'client-gone';

export const importCancelled = (signal: AbortSignal) =>
  new AppError('IMPORT_CANCELLED', { reason: abortReason(signal) });

/** Throws IMPORT_CANCELLED when `signal` has aborted (between chunks of an import). */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw importCancelled(signal);
}

/**
 * Between two write chunks of an import: lets the event loop serve other requests (on SQLite every query of a
 * transaction completes synchronously, so a loop of awaits alone never lets a timer or a socket run), then throws
 * IMPORT_CANCELLED if the import was cancelled meanwhile.
 */
export async function betweenChunks(signal: AbortSignal): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  throwIfCancelled(signal);
}

/** Any failure of an aborted import (a reader's AbortError, a rolled-back transaction) is IMPORT_CANCELLED. */
export function asCancelled(e: unknown, signal: AbortSignal): unknown {
  if (signal.aborted && !(e instanceof AppError && e.code === 'IMPORT_CANCELLED')) return importCancelled(signal);
  return e;
}

/** Waits for `p`, or fails with IMPORT_CANCELLED as soon as `signal` aborts (a worker may be mid-chunk). */
export function unlessAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(importCancelled(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(importCancelled(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
