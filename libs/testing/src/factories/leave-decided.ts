import { LeaveDecidedV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_AT, TEST_DAY } from './factory';

/** A valid leave-decided.v1 (see libs/contracts), with overrides. */
export const leaveDecided = eventFactory<typeof LeaveDecidedV1>(
  LeaveDecidedV1,
  'supervision',
  () => ({
    leaveId: testId('leave'),
    memberId: testId('member'),
    teamId: testId('team'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    kind: 'leave',
    from: TEST_DAY,
    to: '2026-10-16',
    status: 'approved',
    decidedBy: 'user:town',
    decidedAt: TEST_AT,
    note: null,
  }),
  (d) => d.memberId,
);
