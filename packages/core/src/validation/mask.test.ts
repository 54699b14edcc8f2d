import { describe, expect, it } from 'vitest';
import { maskBankAccount, maskIdNumber, maskMobile, maskName } from './mask.ts';

describe('maskIdNumber', () => {
  it.each([
    ['500103198506151236', '5001**********1236'],
    ['11010519491231002X', '1101**********002X'],
    ['110105491231002', '1101*******1002'],
    ['12345678901', '***********'],
    ['1234', '****'],
    ['', ''],
  ])('%j → %j', (id, masked) => {
    expect(maskIdNumber(id)).toBe(masked);
  });

  it('never shows the birth date of an 18-digit number', () => {
    expect(maskIdNumber('500103198506151236')).not.toContain('19850615');
  });
});

describe('maskMobile', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['023-67891234', '023****1234'],
    ['+8613812345678', '+86****5678'],
    ['67891234', '****1234'],
    ['0236789123', '******9123'],
    ['6789123', '*******'],
    ['', ''],
  ])('%j → %j', (mobile, masked) => {
    expect(maskMobile(mobile)).toBe(masked);
  });
});

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['张三丰', '张*丰'],
    ['欧阳小明', '欧**明'],
    ['买买提·艾力', '买****力'],
    ['王', '王'],
    ['', ''],
    ['𠀋三', '𠀋*'],
    ['Li Lei', 'L****i'],
  ])('%j → %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});

describe('maskBankAccount', () => {
  it.each([
    ['6222021234567890123', '**** **** 0123'],
    ['6222 0212 3456 7890', '**** **** 7890'],
    ['12345', '**** **** 2345'],
    ['1234', '1234'],
    ['', ''],
  ])('%j → %j', (account, masked) => {
    expect(maskBankAccount(account)).toBe(masked);
  });
});
