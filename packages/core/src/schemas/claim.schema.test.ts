import { describe, expect, it } from 'vitest';
import {
  BankAccountBody,
  ClaimDecisionBody,
  claimFactIssues,
  FileClaimBody,
  normalizeInvoiceNumber,
} from './claim.schema.ts';

const base = {
  memberId: 'm1',
  kind: 'inpatient',
  cause: 'illness',
  eventDate: '2026-01-10',
  admissionDate: '2026-01-10',
  dischargeDate: '2026-01-20',
  totalExpensesFen: 100_000,
  selfPaidFen: 40_000,
} as const;

describe('claimFactIssues', () => {
  it.each([
    ['a stay ending the day it starts', { dischargeDate: '2026-01-10' }, []],
    ['discharge before admission', { dischargeDate: '2026-01-09' }, ['dischargeDate']],
    ['self-paid equal to the total', { selfPaidFen: 100_000 }, []],
    ['self-paid above the total', { selfPaidFen: 100_001 }, ['selfPaidFen']],
    ['a grade on an inpatient claim', { disabilityGrade: 3 }, ['disabilityGrade']],
    ['a grade on a disability claim', { kind: 'disability', disabilityGrade: 3 }, []],
  ] as const)('%s → %j', (_name, over, paths) => {
    expect(claimFactIssues({ ...base, ...over }).map((i) => i.path)).toEqual(paths);
  });

  it('with today, also refuses dates after it (today itself is fine)', () => {
    expect(
      claimFactIssues(
        { ...base, eventDate: '2026-03-02', admissionDate: undefined, dischargeDate: undefined },
        '2026-03-02',
      ),
    ).toEqual([]);
    expect(
      claimFactIssues(
        { ...base, eventDate: '2026-03-03', admissionDate: '2026-03-03', dischargeDate: '2026-03-04' },
        '2026-03-02',
      ).map((i) => i.path),
    ).toEqual(['eventDate', 'admissionDate', 'dischargeDate']);
  });

  it('refuses an event before 2000 (issue 15: a 1900-01-01 event is a typing error)', () => {
    expect(
      claimFactIssues({ ...base, eventDate: '1900-01-01', admissionDate: undefined, dischargeDate: undefined }).map(
        (i) => i.path,
      ),
    ).toEqual(['eventDate']);
    expect(
      claimFactIssues({ ...base, eventDate: '2000-01-01', admissionDate: undefined, dischargeDate: undefined }),
    ).toEqual([]);
  });

  it('without today, dates in the future are not judged (the schema has no clock)', () => {
    expect(
      claimFactIssues({ ...base, eventDate: '2099-01-01', admissionDate: undefined, dischargeDate: undefined }),
    ).toEqual([]);
  });
});

describe('FileClaimBody', () => {
  it.each([
    ['negative expenses', { totalExpensesFen: -1 }],
    ['fractional fen', { selfPaidFen: 0.5 }],
    ['grade 0', { kind: 'disability', disabilityGrade: 0 }],
    ['grade 11', { kind: 'disability', disabilityGrade: 11 }],
    ['an impossible date', { eventDate: '2026-02-29' }],
    ['discharge before admission', { dischargeDate: '2026-01-01' }],
    ['an unknown cause', { cause: 'fate' }],
  ])('refuses %s', (_name, over) => {
    expect(FileClaimBody.safeParse({ ...base, ...over }).success).toBe(false);
  });

  it('accepts a complete claim', () => {
    expect(FileClaimBody.safeParse({ ...base, invoiceNumbers: ['A1'], outsideRegion: true }).success).toBe(true);
  });
});

describe('normalizeInvoiceNumber', () => {
  it.each([
    ['fp-0001', 'FP-0001'],
    ['ＦＰ－0001'.replace('－', '-'), 'FP-0001'],
    [' FP 0001 ', 'FP0001'],
    ['\u200BFP0001', 'FP0001'],
  ])('%j → %j', (raw, want) => {
    expect(normalizeInvoiceNumber(raw)).toBe(want);
  });
});

describe('decision and bank account bodies', () => {
  it('an approved amount is a positive whole number of fen', () => {
    expect(ClaimDecisionBody.safeParse({ decision: 'approve', amountFen: 0 }).success).toBe(false);
    expect(ClaimDecisionBody.safeParse({ decision: 'approve', amountFen: 1.5 }).success).toBe(false);
    expect(ClaimDecisionBody.safeParse({ decision: 'approve', amountFen: 1 }).success).toBe(true);
    expect(ClaimDecisionBody.safeParse({ decision: 'pay' }).success).toBe(false);
  });

  it('account numbers lose spaces and dashes and must be 8–30 digits', () => {
    expect(BankAccountBody.parse({ bankName: '工商银行', accountNumber: '6222 0212-3456 7890' }).accountNumber).toBe(
      '6222021234567890',
    );
    expect(BankAccountBody.safeParse({ bankName: '工商银行', accountNumber: '1234567' }).success).toBe(false);
    expect(BankAccountBody.safeParse({ bankName: '工商银行', accountNumber: '6222x2123456' }).success).toBe(false);
  });
});
