import { describe, expect, it } from 'vitest';
import { demoReliefCategories, type ReliefCategoryParams } from './relief-category.ts';
import {
  checkReliefEligibility,
  checkReliefLimits,
  proposedCategoryForClaim,
  remainingAllowance,
} from './relief-rules.ts';
import { reliefLifecycle } from './relief-workflow.ts';

const cat = (code: string) => demoReliefCategories.find((c) => c.code === code) as ReliefCategoryParams;
const CAP = 1_000_000;

describe('relief limits', () => {
  it('allows one per category per calendar year: 31 Dec and 1 Jan are different years', () => {
    const prior = [{ category: 'illness' as const, eventDate: '2025-12-31', amountFen: 100_000 }];
    const again = checkReliefLimits(cat('illness'), 100_000, '2025-12-31', prior, CAP);
    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.error.code).toBe('RELIEF_LIMIT_REACHED');
      expect((again.error.details as { message: string }).message).toContain('剩余额度 ¥9,000.00');
    }
    expect(checkReliefLimits(cat('illness'), 100_000, '2026-01-01', prior, CAP)).toEqual({
      ok: true,
      value: { remainingAfterFen: 900_000 },
    });
  });

  it('holds the yearly cap to the fen', () => {
    const prior = [
      { category: 'critical_illness' as const, eventDate: '2026-02-01', amountFen: 500_000 },
      { category: 'death' as const, eventDate: '2026-03-01', amountFen: 300_000 },
      { category: 'hardship' as const, eventDate: '2026-04-01', amountFen: 100_000 },
    ];
    expect(remainingAllowance(prior, 2026, CAP)).toBe(100_000);
    // exactly the remaining allowance: allowed, nothing left after
    expect(checkReliefLimits(cat('illness'), 100_000, '2026-05-01', prior, CAP)).toEqual({
      ok: true,
      value: { remainingAfterFen: 0 },
    });
    // one fen over: refused, and the message names what is left
    const over = checkReliefLimits(cat('illness'), 100_001, '2026-05-01', prior, CAP);
    expect(over.ok).toBe(false);
    if (!over.ok) {
      expect(over.error.details).toMatchObject({ reason: 'cap', remainingFen: 100_000, year: 2026 });
      expect((over.error.details as { message: string }).message).toContain('本年度剩余额度 ¥1,000.00');
    }
    // last year's reliefs do not count this year
    expect(remainingAllowance(prior, 2027, CAP)).toBe(CAP);
  });
});

describe('relief eligibility', () => {
  it('illness needs a stay of 7 days or self-paid of ¥10,000', () => {
    const illness = cat('illness');
    expect(
      checkReliefEligibility(illness, {
        eventDate: '2026-03-01',
        admissionDate: '2026-03-01',
        dischargeDate: '2026-03-08',
      }).ok,
    ).toBe(true);
    expect(
      checkReliefEligibility(illness, {
        eventDate: '2026-03-01',
        admissionDate: '2026-03-01',
        dischargeDate: '2026-03-07',
      }).ok,
    ).toBe(false);
    expect(checkReliefEligibility(illness, { eventDate: '2026-03-01', selfPaidFen: 1_000_000 }).ok).toBe(true);
    expect(checkReliefEligibility(illness, { eventDate: '2026-03-01', selfPaidFen: 999_999 }).ok).toBe(false);
  });
  it('critical illness needs a diagnosis; hardship a file in force; nothing looks at 户籍', () => {
    expect(checkReliefEligibility(cat('critical_illness'), { eventDate: '2026-03-01' }).ok).toBe(false);
    expect(checkReliefEligibility(cat('critical_illness'), { eventDate: '2026-03-01', diseaseCode: 'C34' }).ok).toBe(
      true,
    );
    expect(checkReliefEligibility(cat('hardship'), { eventDate: '2026-03-01' }).ok).toBe(false);
    expect(checkReliefEligibility(cat('hardship'), { eventDate: '2026-03-01', hardshipFileInForce: true }).ok).toBe(
      true,
    );
    expect(JSON.stringify(demoReliefCategories)).not.toMatch(/hukou|户籍|urban|rural/);
  });
  it('proposes a category for a paid claim that meets a rule', () => {
    const cats = demoReliefCategories;
    expect(
      proposedCategoryForClaim(
        { kind: 'critical_illness', cause: 'illness', eventDate: '2026-01-01', diseaseCode: 'C34' },
        cats,
      ),
    ).toBe('critical_illness');
    expect(
      proposedCategoryForClaim(
        {
          kind: 'inpatient',
          cause: 'illness',
          eventDate: '2026-01-01',
          admissionDate: '2026-01-01',
          dischargeDate: '2026-01-10',
        },
        cats,
      ),
    ).toBe('illness');
    expect(
      proposedCategoryForClaim(
        {
          kind: 'inpatient',
          cause: 'illness',
          eventDate: '2026-01-01',
          admissionDate: '2026-01-01',
          dischargeDate: '2026-01-03',
        },
        cats,
      ),
    ).toBeNull();
    expect(
      proposedCategoryForClaim({ kind: 'accident_medical', cause: 'accident', eventDate: '2026-01-01' }, cats),
    ).toBe('accident');
  });
});

describe('relief lifecycle', () => {
  it('goes applied → reviewed → approved → paid, reissue after a failed transfer', () => {
    expect(reliefLifecycle.transition('applied', 'review')).toEqual({ ok: true, value: 'reviewed' });
    expect(reliefLifecycle.transition('reviewed', 'approve')).toEqual({ ok: true, value: 'approved' });
    expect(reliefLifecycle.transition('approved', 'fail')).toEqual({ ok: true, value: 'payout_failed' });
    expect(reliefLifecycle.transition('payout_failed', 'pay')).toEqual({ ok: true, value: 'paid' });
    expect(reliefLifecycle.can('applied', 'approve')).toBe(false);
    expect(reliefLifecycle.can('paid', 'pay')).toBe(false);
    expect(reliefLifecycle.transition('proposed', 'confirm')).toEqual({ ok: true, value: 'applied' });
    expect(reliefLifecycle.finalStates().sort()).toEqual(['dismissed', 'paid', 'rejected']);
  });
});
