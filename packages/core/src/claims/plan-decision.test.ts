import { describe, expect, it } from 'vitest';
import type { BenefitRule } from '../products/product.schema.ts';
import {
  type DecisionInput,
  type DecisionLine,
  planDecision,
  ruleTermCapFen,
  termCeilingFen,
} from './plan-decision.ts';

const line = (o: Partial<DecisionLine> = {}): DecisionLine => ({
  policyId: 'p1',
  payable: true,
  amountFen: 434_200,
  hasRule: true,
  ceilingFen: 5_000_000,
  ...o,
});
const base = (o: Partial<DecisionInput> = {}): DecisionInput => ({
  lines: [line()],
  canOverride: true,
  officeLimitFen: 50_000_000,
  ...o,
});
const reason = '经调查核实，按实际费用核定';

describe('planDecision', () => {
  const refusals: [string, Partial<DecisionInput>, string, Record<string, unknown>?][] = [
    [
      'nothing assessed and no amount',
      { lines: [line({ payable: false, amountFen: 0 })] },
      'VALIDATION_FAILED',
      { field: 'amountFen' },
    ],
    ['a changed total without a reason', { amountFen: 400_000 }, 'VALIDATION_FAILED', { field: 'reason' }],
    ['a blank reason counts as none', { amountFen: 400_000, reason: '   ' }, 'VALIDATION_FAILED', { field: 'reason' }],
    [
      'above the assessment without the override permission',
      { amountFen: 500_000, reason, canOverride: false },
      'FORBIDDEN',
      { field: 'amountFen' },
    ],
    [
      'a duplicate flag without override',
      { duplicateInvoice: { details: { claimId: 'c0' } } },
      'DUPLICATE_INVOICE',
      { claimId: 'c0' },
    ],
    [
      'override without a reason',
      { override: true, duplicateInvoice: { details: {} } },
      'VALIDATION_FAILED',
      { field: 'reason' },
    ],
    ['override without the permission', { override: true, reason, canOverride: false }, 'FORBIDDEN'],
    // The reported attack: Number.MAX_SAFE_INTEGER fen on a claim assessed at ¥4,342.
    [
      '2^53 − 1 fen',
      { amountFen: Number.MAX_SAFE_INTEGER, reason },
      'APPROVAL_CEILING_EXCEEDED',
      { ceilingFen: 5_000_000 },
    ],
    [
      'above the term cap left',
      { amountFen: 5_000_001, reason },
      'APPROVAL_CEILING_EXCEEDED',
      { ceilingFen: 5_000_000 },
    ],
    [
      'above the office limit',
      { amountFen: 3_000_001, reason, officeLimitFen: 3_000_000 },
      'APPROVAL_CEILING_EXCEEDED',
      { ceilingFen: 3_000_000 },
    ],
    [
      'to a policy with no rule',
      {
        lines: [line(), line({ policyId: 'p2', hasRule: false, payable: false, amountFen: 0, ceilingFen: 0 })],
        amountFen: 10,
        reason,
        allocations: [{ policyId: 'p2', amountFen: 10 }],
      },
      'VALIDATION_FAILED',
      { field: 'allocations' },
    ],
    [
      'allocations that do not sum',
      {
        lines: [line(), line({ policyId: 'p2' })],
        amountFen: 900_000,
        reason,
        allocations: [
          { policyId: 'p1', amountFen: 400_000 },
          { policyId: 'p2', amountFen: 400_000 },
        ],
      },
      'VALIDATION_FAILED',
      { field: 'allocations' },
    ],
    [
      'a changed total over two policies unsplit',
      { lines: [line(), line({ policyId: 'p2' })], amountFen: 900_000, reason },
      'VALIDATION_FAILED',
      { field: 'allocations' },
    ],
    [
      'one policy past its own ceiling',
      {
        lines: [line({ ceilingFen: 100_000 }), line({ policyId: 'p2' })],
        amountFen: 900_000,
        reason,
        allocations: [
          { policyId: 'p1', amountFen: 200_000 },
          { policyId: 'p2', amountFen: 700_000 },
        ],
      },
      'APPROVAL_CEILING_EXCEEDED',
      { policyId: 'p1', ceilingFen: 100_000 },
    ],
  ];
  it.each(refusals)('refuses %s', (_name, input, code, details) => {
    const r = planDecision(base(input));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    if (details) expect(r.error.details).toMatchObject(details);
  });

  it('names the ceiling in Chinese', () => {
    const office = planDecision(base({ amountFen: 3_000_001, reason, officeLimitFen: 3_000_000 }));
    expect(!office.ok && (office.error.details as { message: string }).message).toContain('单笔核准上限 30000.00 元');
    const term = planDecision(base({ amountFen: 9_000_000, reason }));
    expect(!term.ok && (term.error.details as { message: string }).message).toContain('剩余给付额度 50000.00 元');
  });

  const approvals: [string, Partial<DecisionInput>, number, number[]][] = [
    ['the assessed total', {}, 434_200, [434_200]],
    [
      'less than assessed, with a reason, no override needed',
      { amountFen: 400_000, reason, canOverride: false },
      400_000,
      [400_000],
    ],
    ['above the assessment with the permission and a reason', { amountFen: 500_000, reason }, 500_000, [500_000]],
    ['exactly the ceiling', { amountFen: 5_000_000, reason }, 5_000_000, [5_000_000]],
    [
      'one grantable policy of two takes the changed total',
      {
        lines: [line(), line({ policyId: 'p2', hasRule: false, payable: false, amountFen: 0, ceilingFen: 0 })],
        amountFen: 300_000,
        reason,
      },
      300_000,
      [300_000, 0],
    ],
    [
      'split over two policies',
      {
        lines: [line(), line({ policyId: 'p2', amountFen: 100_000 })],
        amountFen: 900_000,
        reason,
        allocations: [
          { policyId: 'p2', amountFen: 500_000 },
          { policyId: 'p1', amountFen: 400_000 },
        ],
      },
      900_000,
      [400_000, 500_000],
    ],
    [
      'unchanged total over two policies, as assessed',
      { lines: [line(), line({ policyId: 'p2', payable: false, amountFen: 0 })] },
      434_200,
      [434_200, 0],
    ],
    [
      'past a duplicate flag with override and reason',
      { override: true, reason, duplicateInvoice: { details: {} } },
      434_200,
      [434_200],
    ],
  ];
  it.each(approvals)('approves %s', (_name, input, total, split) => {
    const r = planDecision(base(input));
    expect(r.ok && r.value.amountFen).toBe(total);
    expect(r.ok && r.value.allocations.map((a) => a.amountFen)).toEqual(split);
  });
});

describe('term ceilings', () => {
  const rules: [BenefitRule, number, number][] = [
    [{ kind: 'lump_sum', claimKinds: ['critical_illness'], amountPerShareFen: 1_000_000 }, 3, 3_000_000],
    [
      {
        kind: 'lump_sum',
        claimKinds: ['female_disease'],
        amountPerShareFen: 1_500_000,
        stages: [{ fromDay: 1, toDay: 30, amountPerShareFen: 0 }],
      },
      2,
      3_000_000,
    ],
    [
      {
        kind: 'daily_allowance',
        claimKinds: ['inpatient'],
        amountPerShareFen: 4_000,
        deductibleDaysPerAdmission: 0,
        maxDaysPerTerm: 180,
      },
      2,
      1_440_000,
    ],
    [
      {
        kind: 'deductible_ratio',
        claimKinds: ['accident_medical'],
        deductibleFen: 10_000,
        rateBp: 9_000,
        termCapFen: 1_000_000,
      },
      1,
      1_000_000,
    ],
    [{ kind: 'death_disability', claimKinds: ['death'], sumFen: 6_000_000 }, 1, 6_000_000],
  ];
  it.each(rules)('%o × %i shares caps at %i', (rule, shares, cap) => {
    expect(ruleTermCapFen(rule, shares)).toBe(cap);
  });
  it('less what the term already granted under the same rule, never below zero', () => {
    const rule = rules[3]![0];
    expect(termCeilingFen(rule, 1, [{ ruleKind: 'deductible_ratio', amountFen: 300_000 }])).toBe(700_000);
    expect(termCeilingFen(rule, 1, [{ ruleKind: 'death_disability', amountFen: 300_000 }])).toBe(1_000_000);
    expect(termCeilingFen(rule, 1, [{ ruleKind: 'deductible_ratio', amountFen: 2_000_000 }])).toBe(0);
  });
});
