import { CheckInRecordedV1 } from '@lib/contracts';
import { eventFactory, testId, TEST_AT } from './factory';

/** A valid checkin-recorded.v1 (see libs/contracts), with overrides. */
export const checkInRecorded = eventFactory<typeof CheckInRecordedV1>(
  CheckInRecordedV1,
  'dingtalk',
  () => ({
    source: 'dingtalk',
    sourceRecordId: testId('rec'),
    memberId: testId('member'),
    checkTime: TEST_AT,
    latitude: 35.6,
    longitude: 104.6,
    checkByUser: true,
  }),
  (d) => d.memberId ?? d.userId ?? d.sourceRecordId,
);
