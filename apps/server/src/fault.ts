/**
 * Crash points for the fault-injection suite (the failpoint technique): with `HUZHU_FAULT=<name>` in its
 * environment the process kills itself with SIGKILL when it reaches that point — inside a transaction, before its
 * commit — so the suite can prove that a kill -9 at the worst moment leaves every invariant whole and a retry works.
 * Unset (always, outside that suite), a point costs one comparison.
 */
export type FaultPoint =
  | 'roster-import:before-commit'
  | 'batch-pay:before-commit'
  | 'payout-results:mid-batch'
  | 'gig-activate:before-commit';

const armed = process.env.HUZHU_FAULT;

export function faultPoint(name: FaultPoint): void {
  if (armed === name) process.kill(process.pid, 'SIGKILL');
}
