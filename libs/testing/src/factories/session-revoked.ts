import { SessionRevokedV1 } from '@lib/contracts';
import { eventFactory, testId, TEST_AT } from './factory';

/** A valid session-revoked.v1 (see libs/contracts), with overrides. */
export const sessionRevoked = eventFactory<typeof SessionRevokedV1>(
  SessionRevokedV1,
  'gateway',
  () => ({
    jti: testId('jti'),
    userId: testId('user'),
    sessionId: testId('session'),
    expiresAt: '2026-10-15T03:00:00.000Z',
    reason: 'logout',
    revokedAt: TEST_AT,
  }),
  (d) => d.userId,
);
