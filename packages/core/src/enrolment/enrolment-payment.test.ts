import { describe, expect, it } from 'vitest';
import { checkResolution, enrolmentPaymentLifecycle, planPayment } from './enrolment-payment.ts';

const batches = [
  { id: 'b1', totalFeeFen: 10_000 },
  { id: 'b2', totalFeeFen: 6_000 },
];

describe('planPayment', () => {
  it.each([
    [16_000, 'applied', null, 0, [10_000, 6_000]],
    [15_999, 'held', 'short', -1, [10_000, 5_999]],
    [9_000, 'held', 'short', -7_000, [9_000, 0]],
    [0, 'held', 'short', -16_000, [0, 0]],
    [16_001, 'held', 'excess', 1, [10_000, 6_001]],
    [30_000, 'held', 'excess', 14_000, [10_000, 20_000]],
  ] as const)('%i fen for 16,000 due → %s %s (%i)', (amount, status, reason, diff, parts) => {
    const plan = planPayment(amount, batches);
    expect(plan).toMatchObject({ status, holdReason: reason, differenceFen: diff, expectedFen: 16_000 });
    expect(plan.allocations.map((a) => a.appliedFen)).toEqual(parts);
    expect(plan.allocations.reduce((s, a) => s + a.appliedFen, 0)).toBe(amount);
  });

  it('one batch takes the whole amount', () => {
    expect(planPayment(500, [{ id: 'b', totalFeeFen: 800 }]).allocations).toEqual([{ batchId: 'b', appliedFen: 500 }]);
  });
});

describe('checkResolution', () => {
  const held = { status: 'held' as const, holdReason: 'short' as const, createdBy: 'clerk-a' };
  it('another clerk applies or returns a held payment', () => {
    expect(checkResolution(held, 'apply', '单位确认少缴部分下月补足', 'clerk-b')).toEqual({
      ok: true,
      value: 'applied',
    });
    expect(checkResolution(held, 'return', '已原路退回', 'clerk-b')).toEqual({ ok: true, value: 'returned' });
  });
  it('the clerk who recorded it may not (four eyes)', () => {
    expect(checkResolution(held, 'apply', '同意', 'clerk-a')).toMatchObject({ error: { code: 'OWN_PAYMENT_HOLD' } });
  });
  it.each(['applied', 'returned'] as const)('a payment already %s cannot be resolved again', (status) => {
    expect(checkResolution({ ...held, status }, 'return', '退回', 'clerk-b')).toMatchObject({
      error: { code: 'PAYMENT_NOT_HELD' },
    });
  });
  it('an excess is applied only with a note that says why; returned with any note', () => {
    const excess = { ...held, holdReason: 'excess' as const };
    expect(checkResolution(excess, 'apply', '同意', 'clerk-b')).toMatchObject({
      error: { code: 'EXCESS_NOTE_REQUIRED' },
    });
    expect(checkResolution(excess, 'apply', '多缴部分抵下年度会费', 'clerk-b').ok).toBe(true);
    expect(checkResolution(excess, 'return', '退', 'clerk-b').ok).toBe(true);
  });
  it('applied and returned are final', () => {
    expect(enrolmentPaymentLifecycle.finalStates().sort()).toEqual(['applied', 'returned']);
  });
});
