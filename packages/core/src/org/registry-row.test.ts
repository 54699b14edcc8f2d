import { describe, expect, it } from 'vitest';
import { errorMessages } from '../errors.ts';
import { parseUnitCategory, validateRegistryRow } from './registry-row.ts';

const agencies = new Map([
  ['江北区', 'ag-jiangbei'],
  ['500105', 'ag-jiangbei'],
  ['万州区', 'ag-wanzhou'],
]);

const valid = {
  单位名称: '重庆市江北区示例机械有限公司',
  统一社会信用代码: '91350100M000100Y43',
  单位类别: '非公企业',
  所属行业: '制造业',
  代办处: '江北区',
  职工人数: '120',
  女职工人数: '45',
  联系人: '王芳',
  联系电话: '13812345678',
};

const validate = (overrides: Partial<Record<keyof typeof valid, string>>, row = 7) =>
  validateRegistryRow(row, { ...valid, ...overrides }, agencies);
const codesOf = (r: ReturnType<typeof validate>) => r.issues.map((i) => [i.column, i.code, i.severity]);

describe('validateRegistryRow: a clean row', () => {
  it('gives the unit with every field and no issue', () => {
    expect(validate({})).toEqual({
      unit: {
        name: '重庆市江北区示例机械有限公司',
        creditCode: '91350100M000100Y43',
        creditCodeChecksumValid: true,
        category: 'private',
        industry: '制造业',
        agencyId: 'ag-jiangbei',
        headcount: 120,
        femaleHeadcount: 45,
        contactName: '王芳',
        contactPhone: '13812345678',
      },
      issues: [],
    });
  });

  it('normalises spaces, full-width characters and case', () => {
    const r = validate({
      单位名称: '\u3000重庆市江北区示例机械有限公司 ',
      统一社会信用代码: ' ９１３５０１００ｍ０００１００ｙ４３ ',
      代办处: ' 江北区 ',
      职工人数: '１，２００',
      女职工人数: '４５',
      联系电话: '１３８１２３４５６７８',
    });
    expect(r.issues).toEqual([]);
    expect(r.unit).toMatchObject({
      name: '重庆市江北区示例机械有限公司',
      creditCode: '91350100M000100Y43',
      agencyId: 'ag-jiangbei',
      headcount: 1200,
      femaleHeadcount: 45,
      contactPhone: '13812345678',
    });
  });

  it('leaves the optional columns empty as null', () => {
    const r = validate({ 所属行业: '', 女职工人数: '', 联系人: ' ', 联系电话: '' });
    expect(r.issues).toEqual([]);
    expect(r.unit).toMatchObject({ industry: null, femaleHeadcount: null, contactName: null, contactPhone: null });
  });

  it('finds the agency by code as well as by name', () => {
    expect(validate({ 代办处: '500105' }).unit?.agencyId).toBe('ag-jiangbei');
  });

  it('reports each issue with the given row, its column, code, severity and the Chinese message', () => {
    const r = validate({ 单位名称: '' }, 42);
    expect(r.issues).toEqual([
      { row: 42, column: '单位名称', code: 'NAME_INVALID', severity: 'error', message: errorMessages.NAME_INVALID },
    ]);
    expect(r.unit).toBeNull();
  });
});

describe('validateRegistryRow: errors (the row is refused)', () => {
  it.each([
    [{ 单位名称: '' }, '单位名称', 'NAME_INVALID'],
    [{ 单位名称: '厂' }, '单位名称', 'NAME_INVALID'],
    [{ 单位名称: '公'.repeat(101) }, '单位名称', 'NAME_INVALID'],
    [{ 统一社会信用代码: '' }, '统一社会信用代码', 'CREDIT_CODE_INVALID'],
    [{ 统一社会信用代码: '91350100M000100YO3' }, '统一社会信用代码', 'CREDIT_CODE_INVALID'],
    [{ 统一社会信用代码: '91350100M000100Y4' }, '统一社会信用代码', 'CREDIT_CODE_INVALID'],
    [{ 单位类别: '' }, '单位类别', 'CATEGORY_INVALID'],
    [{ 单位类别: '外资企业' }, '单位类别', 'CATEGORY_INVALID'],
    [{ 代办处: '' }, '代办处', 'AGENCY_UNKNOWN'],
    [{ 代办处: '沙坪坝区' }, '代办处', 'AGENCY_UNKNOWN'],
    [{ 职工人数: '' }, '职工人数', 'HEADCOUNT_INVALID'],
    [{ 职工人数: '-1' }, '职工人数', 'HEADCOUNT_INVALID'],
    [{ 职工人数: '12.5' }, '职工人数', 'HEADCOUNT_INVALID'],
    [{ 职工人数: '一百' }, '职工人数', 'HEADCOUNT_INVALID'],
    [{ 职工人数: '123456789' }, '职工人数', 'HEADCOUNT_INVALID'],
    [{ 职工人数: '1e3' }, '职工人数', 'HEADCOUNT_INVALID'],
    [{ 女职工人数: 'x' }, '女职工人数', 'HEADCOUNT_INVALID'],
    [{ 女职工人数: '-3' }, '女职工人数', 'HEADCOUNT_INVALID'],
    [{ 女职工人数: '121' }, '女职工人数', 'HEADCOUNT_INVALID'],
  ])('%j → %s %s', (overrides, column, code) => {
    const r = validate(overrides);
    expect(r.unit).toBeNull();
    expect(codesOf(r)).toEqual([[column, code, 'error']]);
  });

  it('reports every problem of a row, in column order, not only the first', () => {
    const r = validate({
      单位名称: '',
      统一社会信用代码: 'abc',
      单位类别: '?',
      代办处: '?',
      职工人数: '',
      联系电话: '1',
    });
    expect(codesOf(r)).toEqual([
      ['单位名称', 'NAME_INVALID', 'error'],
      ['统一社会信用代码', 'CREDIT_CODE_INVALID', 'error'],
      ['单位类别', 'CATEGORY_INVALID', 'error'],
      ['代办处', 'AGENCY_UNKNOWN', 'error'],
      ['职工人数', 'HEADCOUNT_INVALID', 'error'],
      ['联系电话', 'PHONE_INVALID', 'warning'],
    ]);
    expect(r.unit).toBeNull();
  });

  it('does not blame the female headcount when only the headcount is wrong', () => {
    expect(codesOf(validate({ 职工人数: 'abc', 女职工人数: '45' }))).toEqual([
      ['职工人数', 'HEADCOUNT_INVALID', 'error'],
    ]);
  });

  it('treats missing columns as empty', () => {
    const r = validateRegistryRow(3, {}, agencies);
    expect(r.unit).toBeNull();
    expect(r.issues.map((i) => i.code)).toEqual([
      'NAME_INVALID',
      'CREDIT_CODE_INVALID',
      'CATEGORY_INVALID',
      'AGENCY_UNKNOWN',
      'HEADCOUNT_INVALID',
    ]);
  });
});

describe('validateRegistryRow: headcount boundaries', () => {
  it.each([
    ['0', '', 0, null],
    ['0', '0', 0, 0],
    ['120', '120', 120, 120],
    ['120', '0', 120, 0],
    ['12,000', '11,999', 12000, 11999],
    ['99999999', '', 99999999, null],
  ])('职工人数 %j, 女职工人数 %j → %s / %s', (headcount, female, wantHeadcount, wantFemale) => {
    const r = validate({ 职工人数: headcount, 女职工人数: female });
    expect(r.issues).toEqual([]);
    expect(r.unit).toMatchObject({ headcount: wantHeadcount, femaleHeadcount: wantFemale });
  });
});

describe('validateRegistryRow: warnings (the unit is kept)', () => {
  it('a credit code with a wrong check character is kept for a reviewer, flagged', () => {
    const r = validate({ 统一社会信用代码: '91350100M000100Y44' });
    expect(codesOf(r)).toEqual([['统一社会信用代码', 'CREDIT_CODE_CHECKSUM', 'warning']]);
    expect(r.unit).toMatchObject({ creditCode: '91350100M000100Y44', creditCodeChecksumValid: false });
  });

  it.each(['12345', '1381234567', '23812345678', 'n/a', 'call-me-maybe'])(
    'contact phone %j → PHONE_INVALID, and the phone is not stored (issue 15)',
    (phone) => {
      const r = validate({ 联系电话: phone });
      expect(codesOf(r)).toEqual([['联系电话', 'PHONE_INVALID', 'warning']]);
      expect(r.unit?.contactPhone).toBeNull();
    },
  );

  it.each([
    ['单位名称', '江北\u0000一厂', 'error'],
    ['单位名称', '江北\u202e一厂', 'error'],
    ['单位名称', '\u200b\u200b', 'error'],
    ['联系人', '张\u001b三', 'warning'],
  ])('%s %j → NAME_INVALID (%s)', (column, value, severity) => {
    const r = validate({ [column]: value });
    expect(codesOf(r)).toEqual([[column, 'NAME_INVALID', severity]]);
  });

  it.each(['13812345678', '19912345678', '023-67891234', '02367891234', '0851-8123456', '138-1234-5678'])(
    'contact phone %j is accepted',
    (phone) => {
      expect(validate({ 联系电话: phone }).issues).toEqual([]);
    },
  );

  it('a warning does not hide an error in the same row', () => {
    const r = validate({ 统一社会信用代码: '91350100M000100Y44', 职工人数: '' });
    expect(codesOf(r)).toEqual([
      ['统一社会信用代码', 'CREDIT_CODE_CHECKSUM', 'warning'],
      ['职工人数', 'HEADCOUNT_INVALID', 'error'],
    ]);
    expect(r.unit).toBeNull();
  });
});

describe('parseUnitCategory', () => {
  it.each([
    ['government', 'government'],
    ['机关', 'government'],
    ['机关单位', 'government'],
    ['institution', 'institution'],
    ['事业单位', 'institution'],
    ['soe', 'soe'],
    ['国有企业', 'soe'],
    ['国企', 'soe'],
    ['private', 'private'],
    ['非公企业', 'private'],
    ['民营企业', 'private'],
    ['私营企业', 'private'],
    ['非公有制企业', 'private'],
    ['platform', 'platform'],
    ['新业态平台企业', 'platform'],
    ['新业态', 'platform'],
    ['平台企业', 'platform'],
    ['social_org', 'social_org'],
    ['社会组织', 'social_org'],
    ['other', 'other'],
    ['其他', 'other'],
    [' 国 企 ', 'soe'],
    ['\u3000事业单位\u3000', 'institution'],
    ['Private', 'private'],
    ['ＳＯＥ', 'soe'],
  ])('%j → %s', (text, want) => {
    expect(parseUnitCategory(text)).toBe(want);
  });

  it.each(['', '外资企业', '企业', 'company', 'constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
    '%j → null',
    (text) => {
      expect(parseUnitCategory(text)).toBeNull();
    },
  );
});
