export interface ScheduledJob {
  name: string;
  run(): Promise<unknown>;
}

/**
 * Runs each job every `intervalMs` in this process. A run never overlaps the previous run of the same job; a failure
 * is logged and the next tick tries again. The timer does not keep the process alive. Returns a stop function that
 * waits for running jobs to finish (so closing the app never cuts a job's transaction short).
 */
export function startScheduler(
  jobs: ScheduledJob[],
  intervalMs: number,
  log: { error(obj: unknown, msg: string): void },
): () => Promise<void> {
  const running = new Map<string, Promise<void>>();
  const tick = () => {
    for (const job of jobs) {
      if (running.has(job.name)) continue;
      const run = job
        .run()
        .then(() => undefined)
        .catch((err: unknown) => log.error({ err, job: job.name }, 'scheduled job failed'))
        .finally(() => running.delete(job.name));
      running.set(job.name, run);
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await Promise.all(running.values());
  };
}
