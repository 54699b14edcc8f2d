import { parentPort } from 'node:worker_threads';
import { type FromWorker, serializeError, type ToWorker } from './jobs.ts';

/**
 * The worker side of jobs.ts: runs `run` for every job started, with `send` to stream results (it waits while the
 * consumer is `window` messages behind) and a signal that aborts when the consumer cancels.
 */
export function serveJobs<S, T>(
  run: (start: S, send: (data: T) => Promise<void>, signal: AbortSignal) => Promise<void>,
): void {
  const port = parentPort;
  if (!port) throw new Error('serveJobs: not in a worker thread');
  const jobs = new Map<number, { unacked: number; wake: (() => void) | null; abort: AbortController }>();
  const post = (m: FromWorker<T>) => port.postMessage(m);
  port.on('message', (m: ToWorker<S>) => {
    const state = jobs.get(m.job);
    if (m.kind === 'ack' || m.kind === 'cancel') {
      if (!state) return;
      if (m.kind === 'ack') state.unacked -= 1;
      else state.abort.abort();
      const wake = state.wake;
      state.wake = null;
      wake?.();
      return;
    }
    const s = { unacked: 0, wake: null as (() => void) | null, abort: new AbortController() };
    jobs.set(m.job, s);
    const send = async (data: T) => {
      s.abort.signal.throwIfAborted();
      post({ kind: 'data', job: m.job, data });
      s.unacked += 1;
      while (s.unacked >= m.window && !s.abort.signal.aborted) await new Promise<void>((r) => (s.wake = r));
      s.abort.signal.throwIfAborted();
    };
    run(m.start, send, s.abort.signal)
      .then(
        () => post({ kind: 'end', job: m.job }),
        (e) => {
          if (!s.abort.signal.aborted) post({ kind: 'error', job: m.job, error: serializeError(e) });
        },
      )
      .finally(() => jobs.delete(m.job));
  });
}
