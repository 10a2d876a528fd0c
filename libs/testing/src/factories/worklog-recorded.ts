import { WorkLogRecordedV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_AT, TEST_DAY } from './factory';

/** A valid worklog-recorded.v1 (see libs/contracts), with overrides. */
export const workLogRecorded = eventFactory<typeof WorkLogRecordedV1>(
  WorkLogRecordedV1,
  'supervision',
  () => ({
    workLogId: testId('worklog'),
    memberId: testId('member'),
    teamId: testId('team'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    day: TEST_DAY,
    at: TEST_AT,
    insideGeofence: true,
    photoCount: 1,
  }),
  (d) => d.memberId,
);
