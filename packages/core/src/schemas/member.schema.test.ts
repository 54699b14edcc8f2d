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
