import { describe, expect, it } from 'vitest';
import { type BatchCommand, type BatchStatus, batchStatuses, batchTransition } from './batch-workflow.ts';

const legal: [BatchStatus, BatchCommand, BatchStatus][] = [
  ['draft', 'submit', 'submitted'],
  ['returned', 'submit', 'submitted'],
  ['submitted', 'approve', 'approved'],
  ['submitted', 'return', 'returned'],
  ['approved', 'pay', 'effective'],
  ['approved', 'return', 'returned'],
];

describe('batch workflow', () => {
  it.each(legal)('%s + %s → %s', (from, command, to) => {
    expect(batchTransition(from, command)).toEqual({ ok: true, value: to });
  });

  const commands: BatchCommand[] = ['submit', 'approve', 'return', 'pay'];
  const illegal = batchStatuses.flatMap((from) =>
    commands.filter((c) => !legal.some(([f, cmd]) => f === from && cmd === c)).map((c) => [from, c] as const),
  );
  it.each(illegal)('%s + %s is INVALID_TRANSITION', (from, command) => {
    expect(batchTransition(from, command)).toEqual({
      ok: false,
      error: { code: 'INVALID_TRANSITION', details: { from, command } },
    });
  });

  it('an effective batch accepts nothing', () => {
    expect(illegal.filter(([f]) => f === 'effective')).toHaveLength(4);
  });
});
