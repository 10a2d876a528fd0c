/** 登录: who a signed-in user is in their tokens, and when sign-in is refused for too many failures. Pure. */
import type { Principal, RoleGrant } from '@lib/auth';

/** The principal an access token names for a user. */
export const principalOf = (u: {
  _id: string;
  username: string;
  roles: RoleGrant[];
}): Omit<Principal, 'jti'> => ({
  sub: u._id,
  kind: 'user',
  name: u.username,
  grants: u.roles,
});

/**
 * Sign-in is locked after `maxFailures` failures for the user name, or twenty times as many from one
 * address (a whole office behind one address may mistype).
 */
export const signInLocked = (failures: { byUser: number; byIp: number }, maxFailures: number) =>
  failures.byUser >= maxFailures || failures.byIp >= maxFailures * 20;
