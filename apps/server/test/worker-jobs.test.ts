import { describe, expect, it } from 'vitest';
import { AppError } from '../src/errors.ts';
import { runWorkerJob } from '../src/workers/jobs.ts';
import type { TestJob } from './helpers/test-jobs.worker.ts';

const ENTRY = new URL('./helpers/test-jobs.worker.ts', import.meta.url);
const run = (job: TestJob, window?: number) => runWorkerJob<TestJob, number>(ENTRY, job, { window });

async function collect(job: TestJob): Promise<number[]> {
  const out: number[] = [];
  for await (const n of run(job)) out.push(n);
  return out;
}

describe('worker jobs (workers/jobs.ts + serve.ts)', () => {
  it('streams every message of a job, in order', async () => {
    expect(await collect({ kind: 'count', to: 1000 })).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
  });

  it('runs jobs side by side in one worker without mixing their messages', async () => {
    const [a, b, c] = await Promise.all([
      collect({ kind: 'count', to: 300 }),
      collect({ kind: 'count', to: 200 }),
      collect({ kind: 'count', to: 1 }),
    ]);
    expect(a).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(b).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(c).toEqual([1]);
  });

  it('an AppError thrown in the worker arrives as the same AppError (code, details, message)', async () => {
    const error = await collect({ kind: 'app-error' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'COLUMN_MISSING', details: { columns: ['姓名'] } });
    expect((error as Error).message).toBe('文件缺少必需的列：姓名');
  });

  it('a consumer that stops taking messages holds the worker back: at most `window` are in flight', async () => {
    const progress = new SharedArrayBuffer(4);
    const sent = () => Atomics.load(new Int32Array(progress), 0);
    const job = run({ kind: 'count', to: 10_000, progress }, 4);
    expect(await job.next()).toEqual({ value: 1, done: false });
    // Give the worker time to run ahead if it could: one taken, so at most 1 + 4 sent.
    await new Promise((r) => setTimeout(r, 300));
    expect(sent()).toBe(5);
    const taken: number[] = [];
    for (let i = 0; i < 3; i++) taken.push((await job.next()).value as number);
    expect(taken).toEqual([2, 3, 4]);
    await new Promise((r) => setTimeout(r, 100));
    expect(sent()).toBe(8);
    job.cancel();
    expect(await job.next()).toEqual({ value: undefined, done: true });
  });

  it('leaving a for-await early cancels the job; the worker goes on serving others', async () => {
    const seen: number[] = [];
    for await (const n of run({ kind: 'count', to: 1_000_000 })) {
      seen.push(n);
      if (n === 5) break;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(await collect({ kind: 'count', to: 3 })).toEqual([1, 2, 3]);
  });

  it('a worker that dies fails its jobs with an error, and the next job starts a new worker', async () => {
    const crashed = await collect({ kind: 'exit' }).catch((e: unknown) => e);
    expect(crashed).toBeInstanceOf(Error);
    expect(crashed).not.toBeInstanceOf(AppError);
    expect(await collect({ kind: 'count', to: 2 })).toEqual([1, 2]);
  });

  it('an uncaught exception in the worker fails the jobs in flight instead of hanging them', async () => {
    const pending = collect({ kind: 'count', to: 1_000_000_000 });
    const crashing = collect({ kind: 'crash' });
    await expect(crashing).rejects.toThrow();
    await expect(pending).rejects.toThrow();
    expect(await collect({ kind: 'count', to: 2 })).toEqual([1, 2]);
  });
});
