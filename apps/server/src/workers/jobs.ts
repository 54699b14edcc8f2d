import { Worker } from 'node:worker_threads';
import type { ErrorCode } from '@huzhu/core';
import { AppError } from '../errors.ts';

/**
 * Jobs that run in a worker thread and stream their results back: CPU-heavy work without the database (reading and
 * checking an uploaded roster) leaves the event loop free for other requests and runs on the second core beside
 * the database writes that consume it.
 *
 * One worker per entry module, started on first use and shared by every job of the process (jobs run interleaved
 * in it). The worker sends a job's results as messages; the consumer acknowledges each one it has taken, and the
 * worker waits while `window` messages are unacknowledged, so memory stays bounded however large the input. An
 * AppError thrown in the worker arrives as the same AppError; a worker that dies fails its jobs, and the next job
 * starts a new one. An idle worker does not keep the process alive.
 */

export interface SerializedError {
  code?: ErrorCode;
  details?: unknown;
  message: string;
}

/** Messages main → worker. */
export type ToWorker<S> =
  | { kind: 'start'; job: number; start: S; window: number }
  | { kind: 'ack'; job: number }
  | { kind: 'cancel'; job: number };

/** Messages worker → main. */
export type FromWorker<T> =
  | { kind: 'data'; job: number; data: T }
  | { kind: 'end'; job: number }
  | { kind: 'error'; job: number; error: SerializedError };

export const serializeError = (e: unknown): SerializedError =>
  e instanceof AppError
    ? { code: e.code, details: e.details, message: e.message }
    : { message: e instanceof Error ? e.message : String(e) };

const deserializeError = (e: SerializedError): Error =>
  e.code ? new AppError(e.code, e.details, e.message) : new Error(`worker job failed: ${e.message}`);

interface Sink {
  push(message: FromWorker<unknown>): void;
  fail(error: Error): void;
}

interface Pooled {
  worker: Worker;
  jobs: Map<number, Sink>;
  /** Jobs that keep the process alive while they run (not the background ones). */
  holding: Set<number>;
}

const BOOT = new URL('./boot.mjs', import.meta.url);
const pools = new Map<string, Pooled>();
let nextJob = 1;

function poolFor(entry: URL): Pooled {
  const key = entry.href;
  const existing = pools.get(key);
  if (existing) return existing;
  const worker = new Worker(BOOT, { workerData: { entry: key } });
  const pooled: Pooled = { worker, jobs: new Map(), holding: new Set() };
  const failAll = (error: Error) => {
    if (pools.get(key) === pooled) pools.delete(key);
    for (const sink of pooled.jobs.values()) sink.fail(error);
    pooled.jobs.clear();
    pooled.holding.clear();
  };
  worker.on('message', (m: FromWorker<unknown>) => pooled.jobs.get(m.job)?.push(m));
  worker.on('error', (e) => failAll(e instanceof Error ? e : new Error(String(e))));
  worker.on('exit', (code) => failAll(new Error(`worker exited (${code})`)));
  worker.unref();
  pools.set(key, pooled);
  return pooled;
}

/** Starts the worker for `entry` now, so the first job does not wait for it to load. */
export function warmWorker(entry: URL): void {
  poolFor(entry);
}

export interface WorkerJob<T> extends AsyncIterableIterator<T> {
  /** Stops the job in the worker (also done by `return()`, i.e. leaving a for-await early). */
  cancel(): void;
}

export interface WorkerJobOptions {
  /** Messages the worker may send ahead of the consumer (default 8). */
  window?: number;
  /**
   * A job that runs for as long as its owner lives (a background service, not a request's work) does not keep the
   * process alive; its owner cancels it when it closes.
   */
  background?: boolean;
}

/** Runs one job of `entry` with `start` as its input; iterate the result for its messages, in order. */
export function runWorkerJob<S, T>(entry: URL, start: S, opts: WorkerJobOptions = {}): WorkerJob<T> {
  const pooled = poolFor(entry);
  const job = nextJob++;
  const queue: T[] = [];
  let done = false;
  let failure: Error | null = null;
  let waiting: { resolve: (r: IteratorResult<T>) => void; reject: (e: Error) => void } | null = null;

  const finish = () => {
    pooled.jobs.delete(job);
    if (pooled.holding.delete(job) && pooled.holding.size === 0) pooled.worker.unref();
  };
  const settle = () => {
    if (!waiting) return;
    const w = waiting;
    if (queue.length) {
      waiting = null;
      pooled.worker.postMessage({ kind: 'ack', job } satisfies ToWorker<S>);
      w.resolve({ value: queue.shift()!, done: false });
    } else if (failure) {
      waiting = null;
      w.reject(failure);
    } else if (done) {
      waiting = null;
      w.resolve({ value: undefined, done: true });
    }
  };
  pooled.jobs.set(job, {
    push(m) {
      if (m.kind === 'data') queue.push(m.data as T);
      else if (m.kind === 'end') {
        done = true;
        finish();
      } else {
        failure = deserializeError(m.error);
        finish();
      }
      settle();
    },
    fail(error) {
      failure ??= error;
      settle();
    },
  });
  if (!opts.background) {
    pooled.holding.add(job);
    pooled.worker.ref();
  }
  pooled.worker.postMessage({ kind: 'start', job, start, window: opts.window ?? 8 } satisfies ToWorker<S>);

  const cancel = () => {
    if (!done && !failure) pooled.worker.postMessage({ kind: 'cancel', job } satisfies ToWorker<S>);
    done = true;
    queue.length = 0;
    finish();
  };
  const iterator: WorkerJob<T> = {
    next() {
      return new Promise<IteratorResult<T>>((resolve, reject) => {
        waiting = { resolve, reject };
        settle();
      });
    },
    async return() {
      cancel();
      return { value: undefined, done: true };
    },
    cancel,
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
