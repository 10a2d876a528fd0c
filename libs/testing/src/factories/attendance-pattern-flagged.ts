import { AttendancePatternFlaggedV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_DAY } from './factory';

/** A valid attendance-pattern-flagged.v1 (see libs/contracts), with overrides. */
export const attendancePatternFlagged = eventFactory<typeof AttendancePatternFlaggedV1>(
  AttendancePatternFlaggedV1,
  'supervision',
  () => ({
    memberId: testId('member'),
    teamId: testId('team'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    day: TEST_DAY,
    pattern: 'missing_day',
    detail: `${TEST_DAY} 考勤异常：全天无记录`,
  }),
  (d) => d.memberId,
);
