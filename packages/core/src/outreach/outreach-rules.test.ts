import { describe, expect, it } from 'vitest';
import { targetOutcome } from './expansion-report.ts';
import { expansionLifecycle } from '../schemas/expansion.schema.ts';
import { answeredOnTime, complaintDueDate, complaintLifecycle } from './complaint-workflow.ts';

describe('complaints: 3 working days on the official calendar', () => {
  it('skips weekends and holidays and counts adjusted working weekends', () => {
    expect(complaintDueDate('2026-03-02')).toBe('2026-03-05'); // Monday → Thursday
    expect(complaintDueDate('2026-03-06')).toBe('2026-03-11'); // Friday → Wednesday
    // Friday 25 September 2026 → Wednesday 30 September; then the National Day holiday (1–7 October 2026) and the
    // adjusted working Saturday 10 October: 8, 9 and 10 October.
    expect(complaintDueDate('2026-09-25')).toBe('2026-09-30');
    expect(complaintDueDate('2026-09-30')).toBe('2026-10-10');
    // filed on a Saturday: the next three working days
    expect(complaintDueDate('2026-03-07')).toBe('2026-03-11');
  });

  it('is on time on the due date itself, late the day after', () => {
    expect(answeredOnTime('2026-09-30', '2026-09-30')).toBe(true);
    expect(answeredOnTime('2026-10-01', '2026-09-30')).toBe(false);
  });

  it('an answer is final; only an open complaint escalates', () => {
    expect(complaintLifecycle.transition('open', 'escalate')).toMatchObject({ ok: true, value: 'escalated' });
    expect(complaintLifecycle.can('escalated', 'answer')).toBe(true);
    expect(complaintLifecycle.can('escalated', 'escalate')).toBe(false);
    expect(complaintLifecycle.finalStates()).toEqual(['answered']);
  });
});

describe('targeted expansion: enrolled or upgraded, by coverage', () => {
  const none = { members: 0, shares: 0, products: 0 };
  it('enrolled: nothing in force when assigned, something now', () => {
    expect(targetOutcome(none, { members: 3, shares: 3, products: 1 })).toBe('enrolled');
    expect(targetOutcome(none, none)).toBeNull();
  });
  it('upgraded: more products, or more shares per member (compared exactly)', () => {
    const base = { members: 3, shares: 4, products: 1 };
    expect(targetOutcome(base, { members: 3, shares: 4, products: 2 })).toBe('upgraded');
    expect(targetOutcome(base, { members: 6, shares: 9, products: 1 })).toBe('upgraded'); // 1.5 > 1.33
    expect(targetOutcome(base, { members: 6, shares: 8, products: 1 })).toBeNull(); // 1.33 = 1.33
    expect(targetOutcome(base, none)).toBeNull();
  });
  it('enrolled ends the target; other outcomes may follow each other', () => {
    expect(expansionLifecycle.can('declined', 'interested')).toBe(true);
    expect(expansionLifecycle.commandsFrom('enrolled')).toEqual([]);
  });
});
