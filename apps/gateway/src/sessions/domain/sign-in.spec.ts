import { principalOf, signInLocked } from './sign-in';

describe('登录', () => {
  it('names the user and their grants in the token', () => {
    const roles = [{ role: 'county-admin' as const, unit: '530102' }];
    const p = principalOf({ _id: 'u1', username: 'admin', roles });
    expect(p).toEqual({ sub: 'u1', kind: 'user', name: 'admin', grants: roles });
  });

  it('locks a user name after the allowed failures, an address after twenty times as many', () => {
    expect(signInLocked({ byUser: 4, byIp: 0 }, 5)).toBe(false);
    expect(signInLocked({ byUser: 5, byIp: 0 }, 5)).toBe(true);
    expect(signInLocked({ byUser: 0, byIp: 99 }, 5)).toBe(false);
    expect(signInLocked({ byUser: 0, byIp: 100 }, 5)).toBe(true);
  });
});
