import { describe, expect, it } from 'vitest';
import { IdParam, isoDate, mobile, Paging, personName, queryBool } from './common.ts';

describe('isoDate', () => {
  it.each(['2025-01-01', '2024-02-29', '2025-12-31'])('accepts %s', (value) => {
    expect(isoDate.parse(value)).toBe(value);
  });

  it.each(['2025-02-30', '2025-02-29', '2025-13-01', '2025-2-3', '2025/01/01', '20250101', '', '1899-12-31'])(
    'rejects %j with the Chinese message',
    (value) => {
      const r = isoDate.safeParse(value);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toBe('日期格式应为 YYYY-MM-DD 且为真实日期');
    },
  );

  it.each([20250101, null, undefined, new Date('2025-01-01')])('rejects a non-string %s', (value) => {
    expect(isoDate.safeParse(value).success).toBe(false);
  });
});

describe('Paging', () => {
  it.each([
    [{}, { page: 1, pageSize: 50 }],
    [
      { page: '3', pageSize: '20' },
      { page: 3, pageSize: 20 },
    ],
    [{ pageSize: '500' }, { page: 1, pageSize: 500 }],
    [{ pageSize: '1' }, { page: 1, pageSize: 1 }],
    [
      { page: 2, pageSize: 10 },
      { page: 2, pageSize: 10 },
    ],
  ])('%j → %j', (query, want) => {
    expect(Paging.parse(query)).toEqual(want);
  });

  it.each([
    [{ pageSize: '501' }, 'pageSize above 500'],
    [{ pageSize: '0' }, 'pageSize 0'],
    [{ page: '0' }, 'page 0'],
    [{ page: '-1' }, 'negative page'],
    [{ page: '1.5' }, 'fractional page'],
    [{ page: 'abc' }, 'not a number'],
    [{ pageSize: '1e9' }, 'huge page size written with an exponent'],
  ])('%j is refused (%s)', (query, _why) => {
    expect(Paging.safeParse(query).success).toBe(false);
  });
});

describe('queryBool', () => {
  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('%j → %s', (value, want) => {
    expect(queryBool.parse(value)).toBe(want);
  });

  it.each(['TRUE', 'True', 'yes', 'no', 'on', '', ' true', '2', 'null'])('%j is refused', (value) => {
    expect(queryBool.safeParse(value).success).toBe(false);
  });

  it.each([true, 1, null])('a non-string %s is refused', (value) => {
    expect(queryBool.safeParse(value).success).toBe(false);
  });
});

describe('personName', () => {
  it.each([
    ['张三', '张三'],
    ['欧阳小明', '欧阳小明'],
    ['买买提·艾力', '买买提·艾力'],
    ['阿依古丽•买买提', '阿依古丽•买买提'],
    ['Li Lei', 'Li Lei'],
    ['J. Smith', 'J. Smith'],
    ['  张三  ', '张三'],
    ['\u3000张三\u3000', '张三'],
    ['张'.repeat(30), '张'.repeat(30)],
  ])('accepts %j as %j', (value, want) => {
    expect(personName.parse(value)).toBe(want);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'only spaces'],
    ['张', 'a single character'],
    ['张3', 'a digit'],
    ['张三1', 'a trailing digit'],
    ['张'.repeat(31), '31 characters'],
    ['<script>alert(1)</script>', 'a script tag'],
    ["Robert'); DROP TABLE students;--", 'SQL injection'],
    ['张三; DROP TABLE member', 'a semicolon'],
    ['张"三', 'a quote'],
    ['·张三', 'starting with the middle dot'],
    [' .张三', 'starting with a full stop'],
    ['张三·', 'ending with the middle dot'],
    ['Li.', 'ending with a full stop'],
    ['张三\n李四', 'a line break'],
    ['😀张三', 'an emoji'],
  ])('rejects %j (%s) with the Chinese message', (value) => {
    const r = personName.safeParse(value);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('姓名为空或含有不允许的字符');
  });
});

describe('mobile', () => {
  it.each(['13812345678', '19912345678', ' 15012345678 '])('accepts %j', (value) => {
    expect(mobile.safeParse(value).success).toBe(true);
  });

  it.each(['12812345678', '1381234567', '138123456789', '+8613812345678', '138-1234-5678', '023-67891234', ''])(
    'rejects %j',
    (value) => {
      expect(mobile.safeParse(value).success).toBe(false);
    },
  );
});

describe('IdParam', () => {
  it.each([
    ['', false],
    ['x'.repeat(64), true],
    ['x'.repeat(65), false],
    ['0195f0e1-7a3b-7c2d-9e4f-123456789abc', true],
  ])('%j → %s', (id, want) => {
    expect(IdParam.safeParse({ id }).success).toBe(want);
  });
});
