import { describe, expect, it } from 'vitest';
import { CreateUnitBody, UnitListQuery } from './org.schema.ts';

const unit = {
  name: '重庆市江北区示例机械有限公司',
  creditCode: '91350100M000100Y43',
  category: 'private',
  agencyId: 'ag-1',
  headcount: 120,
};

describe('CreateUnitBody', () => {
  it.each([
    [{}, 'no female headcount'],
    [{ femaleHeadcount: 0 }, 'no women'],
    [{ femaleHeadcount: 120 }, 'only women'],
    [{ headcount: 0 }, 'a unit registered before it reports its staff'],
    [{ industry: '制造业', contactName: '王芳', contactPhone: '13812345678' }, 'the optional fields'],
  ])('accepts %j (%s)', (overrides, _why) => {
    expect(CreateUnitBody.safeParse({ ...unit, ...overrides }).success).toBe(true);
  });

  it('refuses more women than employees, on femaleHeadcount, in Chinese', () => {
    const r = CreateUnitBody.safeParse({ ...unit, femaleHeadcount: 121 });
    expect(r.success).toBe(false);
    expect(r.error?.issues).toEqual([
      expect.objectContaining({ path: ['femaleHeadcount'], message: '女职工人数不能大于职工人数' }),
    ]);
  });

  it.each([
    [{ headcount: -1 }, 'headcount'],
    [{ headcount: 1.5 }, 'headcount'],
    [{ headcount: '120' }, 'headcount'],
    [{ headcount: 10_000_001 }, 'headcount'],
    [{ femaleHeadcount: -1 }, 'femaleHeadcount'],
    [{ category: 'foreign' }, 'category'],
    [{ name: ' 厂 ' }, 'name'],
    [{ name: '公'.repeat(101) }, 'name'],
    [{ creditCode: '' }, 'creditCode'],
    [{ agencyId: '' }, 'agencyId'],
  ])('refuses %j on %s', (overrides, field) => {
    const r = CreateUnitBody.safeParse({ ...unit, ...overrides });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path[0])).toContain(field);
  });

  it('trims the name', () => {
    expect(CreateUnitBody.parse({ ...unit, name: '  示例公司  ' }).name).toBe('示例公司');
  });
});

describe('UnitListQuery', () => {
  it('turns the query-string words into values', () => {
    expect(UnitListQuery.parse({ enrolled: 'false', category: 'soe', page: '2' })).toEqual({
      enrolled: false,
      category: 'soe',
      page: 2,
      pageSize: 50,
    });
  });

  it.each([{ enrolled: 'yes' }, { category: 'company' }, { pageSize: '1000' }, { q: 'x'.repeat(101) }])(
    'refuses %j',
    (query) => {
      expect(UnitListQuery.safeParse(query).success).toBe(false);
    },
  );
});
