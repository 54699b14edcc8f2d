import { describe, expect, it } from 'vitest';
import { CreateMemberBody, MemberListQuery, TransferMemberBody } from './member.schema.ts';

describe('CreateMemberBody', () => {
  it('defaults to an employee with basic medical insurance', () => {
    expect(CreateMemberBody.parse({ name: ' 张三 ', idNumber: ' 500103198506151236 ' })).toEqual({
      name: '张三',
      idNumber: '500103198506151236',
      employmentKind: 'employee',
      hasMedicalInsurance: true,
    });
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ idNumber: '' }, 'idNumber'],
    [{ idNumber: '5'.repeat(41) }, 'idNumber'],
    [{ employmentKind: 'retired' }, 'employmentKind'],
    [{ gigKind: 'pilot' }, 'gigKind'],
    [{ household: 'foreign' }, 'household'],
    [{ hasMedicalInsurance: 'yes' }, 'hasMedicalInsurance'],
  ])('refuses %j on %s', (overrides, field) => {
    const r = CreateMemberBody.safeParse({ name: '张三', idNumber: '500103198506151236', ...overrides });
    expect(r.error?.issues.map((i) => i.path[0])).toEqual([field]);
  });
});

describe('CreateMemberBody: plausible facts (issue 15)', () => {
  const base = { name: '张三', idNumber: '500103198506151236' };
  it('refuses a gig kind on an employee, takes it on a gig worker', () => {
    const r = CreateMemberBody.safeParse({ ...base, gigKind: 'rider' });
    expect(r.error?.issues.map((i) => i.path[0])).toEqual(['gigKind']);
    expect(CreateMemberBody.parse({ ...base, employmentKind: 'gig', gigKind: 'rider' }).gigKind).toBe('rider');
  });
  it.each([
    ['NUL', '张\u0000三'],
    ['ESC', '张三\u001b[31m'],
    ['right-to-left override', '张\u202e三'],
    ['zero-width only', '\u200b\u200b'],
    ['a lone surrogate', '张\ud800三'],
    ['too long', '张'.repeat(31)],
  ])('refuses a name with %s', (_label, name) => {
    expect(CreateMemberBody.safeParse({ ...base, name }).success).toBe(false);
  });
  it('normalises a name to NFC and drops zero-width characters', () => {
    expect(CreateMemberBody.parse({ ...base, name: '\u200bJose\u0301 Li ' }).name).toBe('Jos\u00e9 Li');
  });
});

describe('TransferMemberBody', () => {
  it.each([
    ['2025-07-01', true],
    ['2025-02-29', false],
    ['2025-7-1', false],
    ['', false],
  ])('fromDate %j → %s', (fromDate, want) => {
    expect(TransferMemberBody.safeParse({ unitId: 'u-1', fromDate }).success).toBe(want);
  });

  it('needs a unit', () => {
    expect(TransferMemberBody.safeParse({ unitId: '', fromDate: '2025-07-01' }).success).toBe(false);
  });
});

describe('MemberListQuery', () => {
  it('trims the ID number and the search words', () => {
    expect(MemberListQuery.parse({ idNumber: ' 500103198506151236 ', q: ' 张 ' })).toEqual({
      idNumber: '500103198506151236',
      q: '张',
      page: 1,
      pageSize: 50,
    });
  });

  it.each([{ idNumber: '1'.repeat(41) }, { q: '张'.repeat(51) }, { pageSize: '501' }])('refuses %j', (query) => {
    expect(MemberListQuery.safeParse(query).success).toBe(false);
  });
});
