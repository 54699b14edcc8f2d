import { describe, expect, it } from 'vitest';
import { demoCatalogue } from '../products/catalogue.ts';
import type { ProductVersion } from '../products/product.schema.ts';
import {
  checkEligibility,
  coverageTerms,
  effectiveStart,
  type HeldPolicy,
  isContinuousRenewal,
  participationShortfall,
  termEnd,
  waitingEnd,
} from './coverage.ts';

const product = (code: string): ProductVersion => {
  const p = demoCatalogue.find((x) => x.code === code);
  if (!p) throw new Error(code);
  return p;
};
const codes = (issues: { code: string }[]) => issues.map((i) => i.code);
const adult = { birthDate: '1985-06-15', sex: 'male' as const, hasMedicalInsurance: true, shares: 1 };

describe('term and waiting dates', () => {
  it.each([
    ['months', 12, '2025-01-01', '2025-12-31'],
    ['months', 24, '2025-01-01', '2026-12-31'],
    ['months', 12, '2024-02-29', '2025-02-28'],
    ['months', 12, '2025-03-15', '2026-03-14'],
    ['days', 30, '2025-01-01', '2025-01-30'],
    ['days', 30, '2025-02-15', '2025-03-16'],
  ] as const)('%s × %i from %s ends %s', (unit, length, start, end) => {
    expect(termEnd({ unit, length }, start)).toBe(end);
  });

  it('90 waiting days from 2025-01-01: last waiting day 2025-03-31, first covered day 2025-04-01', () => {
    expect(waitingEnd('2025-01-01', 90, false)).toBe('2025-03-31');
  });
  it('no waiting for zero days or a continuous renewal', () => {
    expect(waitingEnd('2025-01-01', 0, false)).toBeNull();
    expect(waitingEnd('2025-01-01', 90, true)).toBeNull();
  });
});

describe('eligibility', () => {
  it.each([
    ['exactly 16 on the start date', '2009-01-01', '2025-01-01', []],
    ['one day short of 16', '2009-01-02', '2025-01-01', ['AGE_OUT_OF_RANGE']],
    ['exactly 60 on the start date', '1965-01-01', '2025-01-01', []],
    ['61 (turned 61 on the start date)', '1964-01-01', '2025-01-01', ['AGE_OUT_OF_RANGE']],
    ['60 and 364 days', '1964-01-02', '2025-01-01', []],
  ])('CI_A age: %s', (_label, birthDate, start, want) => {
    expect(codes(checkEligibility(product('CI_A'), { ...adult, birthDate }, start, []))).toEqual(want);
  });

  it('FEM is for women 16–55', () => {
    expect(codes(checkEligibility(product('FEM'), { ...adult, sex: 'male' }, '2025-01-01', []))).toEqual([
      'SEX_NOT_ELIGIBLE',
    ]);
    expect(codes(checkEligibility(product('FEM'), { ...adult, sex: 'female' }, '2025-01-01', []))).toEqual([]);
    expect(
      codes(checkEligibility(product('FEM'), { ...adult, sex: 'female', birthDate: '1969-06-01' }, '2025-07-01', [])),
    ).toEqual(['AGE_OUT_OF_RANGE']);
  });

  it.each([
    [0, ['SHARES_OUT_OF_RANGE']],
    [1, []],
    [5, []],
    [6, ['SHARES_OUT_OF_RANGE']],
    [2.5, ['SHARES_OUT_OF_RANGE']],
  ])('CI_A shares %s', (shares, want) => {
    expect(codes(checkEligibility(product('CI_A'), { ...adult, shares }, '2025-01-01', []))).toEqual(want);
  });

  it('MED requires basic medical insurance', () => {
    expect(codes(checkEligibility(product('MED'), { ...adult, hasMedicalInsurance: false }, '2025-01-01', []))).toEqual(
      ['MEDICAL_INSURANCE_REQUIRED'],
    );
    expect(
      codes(checkEligibility(product('CI_A'), { ...adult, hasMedicalInsurance: false }, '2025-01-01', [])),
    ).toEqual([]);
  });

  const held = (
    productCode: string,
    exclusiveGroup: string | null,
    startDate: string,
    endDate: string,
  ): HeldPolicy => ({
    productCode,
    exclusiveGroup,
    startDate,
    endDate,
  });

  it('the same product in an overlapping term is ALREADY_COVERED', () => {
    const h = [held('CI_A', 'CI', '2025-01-01', '2025-12-31')];
    expect(codes(checkEligibility(product('CI_A'), adult, '2025-12-31', h))).toEqual(['ALREADY_COVERED']);
    expect(codes(checkEligibility(product('CI_A'), adult, '2026-01-01', h))).toEqual([]);
    // A term that would end on the day the held one starts still overlaps.
    expect(codes(checkEligibility(product('CI_A'), adult, '2024-01-02', h))).toEqual(['ALREADY_COVERED']);
    expect(codes(checkEligibility(product('CI_A'), adult, '2024-01-01', h))).toEqual([]);
  });

  it('A and B款 exclude each other, as do ALW and MED', () => {
    expect(
      codes(checkEligibility(product('CI_B'), adult, '2025-06-01', [held('CI_A', 'CI', '2025-01-01', '2025-12-31')])),
    ).toEqual(['EXCLUSIVE_GROUP_CONFLICT']);
    expect(
      codes(
        checkEligibility(product('MED'), adult, '2025-06-01', [held('ALW', 'INPATIENT', '2025-01-01', '2025-12-31')]),
      ),
    ).toEqual(['EXCLUSIVE_GROUP_CONFLICT']);
    expect(
      codes(checkEligibility(product('ALW'), adult, '2025-06-01', [held('CI_A', 'CI', '2025-01-01', '2025-12-31')])),
    ).toEqual([]);
  });

  it('a cancelled policy competes with nothing', () => {
    const h = [{ ...held('CI_A', 'CI', '2025-01-01', '2025-12-31'), cancelled: true }];
    expect(codes(checkEligibility(product('CI_A'), adult, '2025-06-01', h))).toEqual([]);
  });

  it('SHORT_ACC has no exclusive group: only the same product conflicts', () => {
    const h = [held('GIG', 'GIG', '2025-01-01', '2025-12-31')];
    expect(codes(checkEligibility(product('SHORT_ACC'), adult, '2025-06-01', h))).toEqual([]);
  });
});

describe('continuous renewal', () => {
  const prev: HeldPolicy[] = [
    { productCode: 'CI_A', exclusiveGroup: 'CI', startDate: '2025-01-01', endDate: '2025-12-31' },
  ];
  it.each([
    ['the day after', '2026-01-01', true],
    ['a gap of exactly grace (30) days', '2026-01-31', true],
    ['a gap of grace + 1 days', '2026-02-01', false],
  ])('%s', (_l, start, want) => {
    expect(isContinuousRenewal(product('CI_A'), start, prev)).toBe(want);
    const terms = coverageTerms(product('CI_A'), 2, start, prev);
    expect(terms.continuous).toBe(want);
    expect(terms.waitingEndDate === null).toBe(want);
  });
  it('renewing into the other product of the same group is continuous (A → B款)', () => {
    expect(isContinuousRenewal(product('CI_B'), '2026-01-01', prev)).toBe(true);
  });
  it('a policy of another group does not make it continuous', () => {
    expect(isContinuousRenewal(product('ALW'), '2026-01-01', prev)).toBe(false);
  });
  it('first enrolment: fee and waiting by cause (ALW illness 30, accident 0)', () => {
    const t = coverageTerms(product('ALW'), 3, '2025-01-01', []);
    expect(t).toEqual({
      startDate: '2025-01-01',
      endDate: '2025-12-31',
      waitingEndDate: '2025-01-30',
      accidentWaitingEndDate: null,
      continuous: false,
      feeFen: 18_000,
    });
  });
});

describe('participation and effective start', () => {
  it('FEM needs 80 % of the female headcount', () => {
    expect(participationShortfall(product('FEM'), 79, { headcount: 300, femaleHeadcount: 100 })).toEqual({
      ratioBp: 7_900,
      minimumBp: 8_000,
    });
    expect(participationShortfall(product('FEM'), 80, { headcount: 300, femaleHeadcount: 100 })).toBeNull();
    expect(participationShortfall(product('FEM'), 1, { headcount: 300, femaleHeadcount: 0 })).toBeNull();
    expect(participationShortfall(product('CI_A'), 1, { headcount: 300, femaleHeadcount: 100 })).toBeNull();
  });
  it.each([
    ['2025-01-01', '2024-12-20', '2025-01-01'],
    ['2025-01-01', '2024-12-31', '2025-01-01'],
    ['2025-01-01', '2025-01-01', '2025-01-02'],
    ['2025-01-01', '2025-01-10', '2025-01-11'],
  ])('requested %s, paid %s → starts %s', (requested, paid, want) => {
    expect(effectiveStart(requested, paid)).toBe(want);
  });
});
