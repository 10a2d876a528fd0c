import { CheckInAcceptedV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_AT, TEST_DAY } from './factory';

/** A valid checkin-accepted.v1 (see libs/contracts), with overrides. */
export const checkInAccepted = eventFactory<typeof CheckInAcceptedV1>(
  CheckInAcceptedV1,
  'supervision',
  () => ({
    checkInId: testId('checkin'),
    memberId: testId('member'),
    teamId: testId('team'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    source: 'dingtalk',
    sourceRecordId: testId('rec'),
    checkTime: TEST_AT,
    day: TEST_DAY,
    checkByUser: true,
    insideGeofence: true,
    deviceSN: null,
  }),
  (d) => d.memberId,
);
