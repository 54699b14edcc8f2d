import { describe, expect, it } from 'vitest';
import { LoginBody } from './auth.schema.ts';

describe('LoginBody', () => {
  it('trims the user name but never the password', () => {
    expect(LoginBody.parse({ username: ' admin ', password: ' secret 1 ' })).toEqual({
      username: 'admin',
      password: ' secret 1 ',
    });
  });

  it.each([
    [{ username: '', password: 'x' }, 'username'],
    [{ username: '   ', password: 'x' }, 'username'],
    [{ username: 'a'.repeat(65), password: 'x' }, 'username'],
    [{ username: 'admin', password: '' }, 'password'],
    [{ username: 'admin', password: 'p'.repeat(201) }, 'password'],
    [{ username: 'admin' }, 'password'],
    [{ username: ['admin'], password: 'x' }, 'username'],
  ])('refuses %j on %s', (body, field) => {
    const r = LoginBody.safeParse(body);
    expect(r.error?.issues.map((i) => i.path[0])).toEqual([field]);
  });
});
