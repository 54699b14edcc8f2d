import { AppError } from '../../src/errors.ts';
import { serveJobs } from '../../src/workers/serve.ts';

/** A worker for the tests of workers/jobs.ts: counts, fails, or dies, as the job asks. */
export type TestJob =
  | { kind: 'count'; to: number; progress?: SharedArrayBuffer }
  | { kind: 'app-error' }
  | { kind: 'crash' }
  | { kind: 'exit' };

serveJobs<TestJob, number>(async (job, send, signal) => {
  if (job.kind === 'app-error') throw new AppError('COLUMN_MISSING', { columns: ['姓名'] }, '文件缺少必需的列：姓名');
  if (job.kind === 'crash') {
    setImmediate(() => {
      throw new Error('boom');
    });
    await new Promise(() => undefined);
  }
  if (job.kind === 'exit') process.exit(3);
  if (job.kind !== 'count') return;
  for (let i = 1; i <= job.to; i++) {
    if (signal.aborted) return;
    // How far the worker has got, for the consumer to see (shared memory, not a message).
    if (job.progress) Atomics.store(new Int32Array(job.progress), 0, i);
    await send(i);
  }
});
