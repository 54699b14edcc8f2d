import { describe, expect, it } from 'vitest';
import { coverageTerms } from '../enrolment/coverage.ts';
import { demoCatalogue } from '../products/catalogue.ts';
import type { ProductVersion } from '../products/product.schema.ts';
import { addDays } from '../time/dates.ts';
import {
  type Assessment,
  assessClaim,
  type ClaimFacts,
  type PolicyFacts,
  type PriorPayment,
} from './benefit-engine.ts';

const product = (code: string): ProductVersion => demoCatalogue.find((p) => p.code === code)!;
const START = '2025-01-01';

function policyOf(
  code: string,
  shares = 1,
  opts: { continuous?: boolean; state?: PolicyFacts['state'] } = {},
): PolicyFacts {
  const p = product(code);
  const held = opts.continuous
    ? [{ productCode: code, exclusiveGroup: p.exclusiveGroup, startDate: '2024-01-01', endDate: '2024-12-31' }]
    : [];
  const t = coverageTerms(p, shares, START, held);
  return {
    id: 'p1',
    shares,
    startDate: t.startDate,
    endDate: t.endDate,
    waitingEndDate: t.waitingEndDate,
    accidentWaitingEndDate: t.accidentWaitingEndDate,
    state: opts.state ?? 'in_force',
  };
}

/** Day N of the policy (day 1 = start date). */
const day = (n: number) => addDays(START, n - 1);
const claim = (c: Partial<ClaimFacts>): ClaimFacts => ({
  kind: 'inpatient',
  cause: 'illness',
  eventDate: day(200),
  filedOn: day(210),
  ...c,
});
const run = (
  code: string,
  c: Partial<ClaimFacts>,
  opts: { shares?: number; prior?: PriorPayment[]; continuous?: boolean; state?: PolicyFacts['state'] } = {},
) => assessClaim(product(code), policyOf(code, opts.shares ?? 1, opts), claim(c), opts.prior ?? []);
const summary = (a: Assessment) => (a.payable ? a.amountFen : a.code);

describe('critical illness lump sum (CI_A / CI_B)', () => {
  it.each([
    ['day 90 = 2025-03-31, last waiting day', 90, 'WAITING_PERIOD'],
    ['day 91 = 2025-04-01, first covered day', 91, 3_000_000],
  ])('CI_A 3 shares, %s', (_l, n, want) => {
    expect(
      summary(run('CI_A', { kind: 'critical_illness', eventDate: day(n), diseaseCode: 'CI01' }, { shares: 3 })),
    ).toBe(want);
  });
  it('CI_B pays ¥20,000 per share and ends the policy', () => {
    const a = run('CI_B', { kind: 'critical_illness', eventDate: day(120), diseaseCode: 'CI19' }, { shares: 2 });
    expect(a).toMatchObject({ payable: true, amountFen: 4_000_000, endsPolicy: true });
    expect(a.lines.join('\n')).toContain('严重帕金森病');
  });
  it('a continuous renewal has no waiting period', () => {
    expect(
      summary(run('CI_A', { kind: 'critical_illness', eventDate: day(1), diseaseCode: 'CI01' }, { continuous: true })),
    ).toBe(1_000_000);
  });
  it('a disease outside the list, a second claim, a paid-out policy', () => {
    expect(summary(run('CI_A', { kind: 'critical_illness', diseaseCode: 'X99' }))).toBe('DISEASE_NOT_LISTED');
    expect(
      summary(
        run(
          'CI_A',
          { kind: 'critical_illness', diseaseCode: 'CI02' },
          { prior: [{ ruleKind: 'lump_sum', amountFen: 1_000_000 }] },
        ),
      ),
    ).toBe('ALREADY_PAID_OUT');
    expect(summary(run('CI_A', { kind: 'critical_illness', diseaseCode: 'CI02' }, { state: 'paid_out' }))).toBe(
      'ALREADY_PAID_OUT',
    );
  });
  it('a kind the product does not cover is NOT_ELIGIBLE', () => {
    expect(summary(run('CI_A', { kind: 'inpatient' }))).toBe('NOT_ELIGIBLE');
  });
});

describe('FEM staged waiting', () => {
  it.each([
    [30, false, 'WAITING_PERIOD'],
    [31, false, 100_000],
    [60, false, 100_000],
    [61, false, 3_000_000],
    [31, true, 100_000],
    [61, true, 400_000],
  ])('day %i, in situ %s → %s (2 shares)', (n, inSitu, want) => {
    expect(
      summary(run('FEM', { kind: 'female_disease', eventDate: day(n), diseaseCode: 'FC05', inSitu }, { shares: 2 })),
    ).toBe(want);
  });
});

describe('ALW daily allowance', () => {
  const stay = (days: number, cause: 'illness' | 'accident' = 'illness', admission = day(100)) => ({
    kind: 'inpatient' as const,
    cause,
    eventDate: admission,
    admissionDate: admission,
    dischargeDate: addDays(admission, days),
  });
  it.each([
    [3, 'NOT_ELIGIBLE'],
    [4, 8_000],
    [183, 1_440_000],
    [200, 1_440_000],
  ])('a stay of %i days, 2 shares → %s', (days, want) => {
    expect(summary(run('ALW', stay(days), { shares: 2 }))).toBe(want);
  });
  it('days are capped per term across claims', () => {
    const a = run('ALW', stay(30), { prior: [{ ruleKind: 'daily_allowance', amountFen: 0, days: 170 }] });
    expect(a).toMatchObject({ payable: true, days: 10, amountFen: 40_000 });
    expect(summary(run('ALW', stay(30), { prior: [{ ruleKind: 'daily_allowance', amountFen: 0, days: 180 }] }))).toBe(
      'TERM_CAP_REACHED',
    );
  });
  it.each([
    ['illness on day 30 (waiting)', 'illness', 30, 'WAITING_PERIOD'],
    ['illness on day 31', 'illness', 31, 4_000],
    ['accident on day 1 (no accident waiting)', 'accident', 1, 4_000],
  ] as const)('%s', (_l, cause, n, want) => {
    expect(summary(run('ALW', stay(4, cause, day(n))))).toBe(want);
  });
});

describe('MED banded reimbursement on the self-paid part', () => {
  const med = (selfPaidYuan: number, prior: PriorPayment[] = []) =>
    summary(
      run(
        'MED',
        {
          kind: 'inpatient',
          eventDate: day(100),
          selfPaidFen: selfPaidYuan * 100,
          totalExpensesFen: selfPaidYuan * 300,
        },
        { prior },
      ),
    );
  it.each([
    [5_000, 150_000],
    [10_000, 325_000],
    [20_000, 725_000],
    [30_000, 1_175_000],
    [40_000, 1_675_000],
    [5_000.01, 150_000],
  ])('self-paid ¥%d → %i fen', (y, want) => {
    expect(med(y)).toBe(want);
  });
  it('minimum payout ¥50, never above the base', () => {
    expect(med(100)).toBe(5_000);
    expect(med(40)).toBe(4_000);
    expect(med(0)).toBe('NOT_ELIGIBLE');
  });
  it('the ¥50,000 term cap is shared by the claims of the term', () => {
    const first = med(100_000);
    expect(first).toBe(4_675_000);
    expect(med(100_000, [{ ruleKind: 'banded_reimbursement', amountFen: 4_675_000 }])).toBe(325_000);
    expect(med(100_000, [{ ruleKind: 'banded_reimbursement', amountFen: 5_000_000 }])).toBe('TERM_CAP_REACHED');
  });
  it('illness waiting 60 days; accidents none', () => {
    expect(summary(run('MED', { kind: 'inpatient', eventDate: day(60), selfPaidFen: 100_000 }))).toBe('WAITING_PERIOD');
    expect(summary(run('MED', { kind: 'inpatient', eventDate: day(61), selfPaidFen: 100_000 }))).toBe(30_000);
    expect(
      summary(run('MED', { kind: 'accident_medical', cause: 'accident', eventDate: day(1), selfPaidFen: 100_000 })),
    ).toBe(30_000);
  });
  it('death and disability from an accident: together never above the sum', () => {
    expect(summary(run('MED', { kind: 'disability', cause: 'accident', disabilityGrade: 10 }))).toBe(600_000);
    expect(
      summary(
        run(
          'MED',
          { kind: 'death', cause: 'accident' },
          { prior: [{ ruleKind: 'death_disability', amountFen: 600_000 }] },
        ),
      ),
    ).toBe(5_400_000);
    expect(summary(run('MED', { kind: 'death', cause: 'illness' }))).toBe('NOT_ELIGIBLE');
  });
});

describe('GIG, GIG_GIFT and SHORT_ACC accident cover', () => {
  it.each(['GIG', 'GIG_GIFT'])('%s: (expenses − ¥100) × 90 per cent, capped at ¥10,000 a term', (code) => {
    const acc = (expensesFen: number, prior: PriorPayment[] = []) =>
      summary(
        run(
          code,
          { kind: 'accident_medical', cause: 'accident', eventDate: day(1), totalExpensesFen: expensesFen },
          { prior },
        ),
      );
    expect(acc(10_000)).toBe('NOT_ELIGIBLE');
    expect(acc(10_001)).toBe('NOT_ELIGIBLE'); // 0.01 yuan × 90 % rounds down to 0 fen
    expect(acc(10_100)).toBe(90);
    expect(acc(2_000_000)).toBe(1_000_000);
    expect(acc(500_000, [{ ruleKind: 'deductible_ratio', amountFen: 800_000 }])).toBe(200_000);
  });
  it('disability grades 1–10 and death after disability', () => {
    expect(summary(run('GIG', { kind: 'disability', cause: 'accident', disabilityGrade: 1 }))).toBe(5_000_000);
    expect(summary(run('GIG', { kind: 'disability', cause: 'accident', disabilityGrade: 8 }))).toBe(1_500_000);
    expect(summary(run('GIG', { kind: 'disability', cause: 'accident', disabilityGrade: 11 }))).toBe('NOT_ELIGIBLE');
    expect(
      summary(
        run(
          'GIG',
          { kind: 'death', cause: 'accident' },
          { prior: [{ ruleKind: 'death_disability', amountFen: 1_500_000 }] },
        ),
      ),
    ).toBe(3_500_000);
    expect(
      summary(
        run(
          'GIG',
          { kind: 'death', cause: 'accident' },
          { prior: [{ ruleKind: 'death_disability', amountFen: 5_000_000 }] },
        ),
      ),
    ).toBe('TERM_CAP_REACHED');
  });
  it('SHORT_ACC covers 30 days', () => {
    expect(
      summary(
        run('SHORT_ACC', { kind: 'accident_medical', cause: 'accident', eventDate: day(30), totalExpensesFen: 30_000 }),
      ),
    ).toBe(18_000);
    expect(
      summary(
        run('SHORT_ACC', { kind: 'accident_medical', cause: 'accident', eventDate: day(31), totalExpensesFen: 30_000 }),
      ),
    ).toBe('NOT_COVERED_ON_EVENT_DATE');
  });
});

describe('dates and deadlines', () => {
  it('an event before the start or after the end is not covered', () => {
    expect(summary(run('CI_A', { kind: 'critical_illness', eventDate: '2024-12-31', diseaseCode: 'CI01' }))).toBe(
      'NOT_COVERED_ON_EVENT_DATE',
    );
    expect(summary(run('CI_A', { kind: 'critical_illness', eventDate: '2026-01-01', diseaseCode: 'CI01' }))).toBe(
      'NOT_COVERED_ON_EVENT_DATE',
    );
  });
  it('the claim deadline is 730 days after the event', () => {
    const ev = day(200);
    expect(
      summary(
        run('ALW', { eventDate: ev, admissionDate: ev, dischargeDate: addDays(ev, 5), filedOn: addDays(ev, 730) }),
      ),
    ).toBe(8_000);
    expect(
      summary(
        run('ALW', { eventDate: ev, admissionDate: ev, dischargeDate: addDays(ev, 5), filedOn: addDays(ev, 731) }),
      ),
    ).toBe('CLAIM_EXPIRED');
  });
  it('explanations are readable Chinese lines naming the rule, base and result', () => {
    const a = run('MED', { kind: 'inpatient', eventDate: day(100), selfPaidFen: 1_200_000 });
    expect(a.lines[0]).toContain('在职职工住院医疗、意外综合互助保障');
    expect(a.lines.some((l) => l.includes('10000.00–20000.00 元档'))).toBe(true);
  });
});
