import { describe, expect, it } from 'vitest';
import { CreateApiTokenBody, CreateUserBody, UpdateUserBody } from './admin.schema.ts';

const user = { username: 'jiangbei2', displayName: '江北经办人', role: 'agency_staff', password: 'Passw0rd' };

describe('CreateUserBody', () => {
  it.each([
    [{}, 'a plain agency user'],
    [{ username: 'abc' }, 'the shortest user name'],
    [{ username: `a${'b'.repeat(31)}` }, 'the longest user name'],
    [{ username: 'wang.fang_01' }, 'dots, underscores and digits'],
    [{ password: 'abcdefg1' }, 'any password shape: its strength is the service’s rule (passwordWeakness)'],
  ])('accepts %j (%s)', (overrides, _why) => {
    expect(CreateUserBody.safeParse({ ...user, ...overrides }).success).toBe(true);
  });

  it.each([
    [{ username: 'ab' }, 'username', 'too short'],
    [{ username: '1abc' }, 'username', 'starts with a digit'],
    [{ username: 'Admin' }, 'username', 'upper case'],
    [{ username: '张三' }, 'username', 'CJK'],
    [{ username: "a'; DROP TABLE app_user;--" }, 'username', 'injection'],
    [{ password: '' }, 'password', 'empty'],
    [{ password: 'x'.repeat(201) }, 'password', 'too long'],
    [{ role: 'national_viewer' }, 'role', 'operators create national viewers'],
    [{ role: 'member' }, 'role', 'members register themselves'],
    [{ displayName: '  ' }, 'displayName', 'blank'],
  ])('refuses %j on %s (%s)', (overrides, field, _why) => {
    const r = CreateUserBody.safeParse({ ...user, ...overrides });
    expect(r.error?.issues.map((i) => i.path[0])).toContain(field);
  });
});

describe('UpdateUserBody', () => {
  it.each([{}, { disabled: true }, { unlock: true, password: 'N3wpassword' }])('accepts %j', (body) => {
    expect(UpdateUserBody.safeParse(body).success).toBe(true);
  });

  it.each([{ password: '' }, { disabled: 'yes' }, { displayName: '' }])('refuses %j', (body) => {
    expect(UpdateUserBody.safeParse(body).success).toBe(false);
  });
});

describe('CreateApiTokenBody', () => {
  it.each([
    ['office_admin', true],
    ['agency_staff', true],
    ['unit_agent', false],
    ['member', false],
    ['national_viewer', false],
  ])('role %s → %s', (role, want) => {
    expect(CreateApiTokenBody.safeParse({ name: '工会会员系统', role }).success).toBe(want);
  });
});
