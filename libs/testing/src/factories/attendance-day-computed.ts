import { AttendanceDayComputedV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_DAY } from './factory';

/** A valid attendance-day-computed.v1 (see libs/contracts), with overrides. */
export const attendanceDayComputed = eventFactory<typeof AttendanceDayComputedV1>(
  AttendanceDayComputedV1,
  'supervision',
  () => ({
    memberId: testId('member'),
    teamId: testId('team'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    day: TEST_DAY,
    workingDay: true,
    posted: true,
    onPost: true,
    insideGeofence: true,
    daytimeActivity: true,
    firstSeen: '2026-10-15T00:30:00.000Z',
    lastSeen: '2026-10-15T09:30:00.000Z',
    presenceCount: 2,
    replayCount: 0,
    flags: [],
    excused: null,
  }),
  (d) => d.memberId,
);
