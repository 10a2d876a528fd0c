import { HouseholdCareVisitRecordedV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_AT, TEST_DAY } from './factory';

/** A valid household-care-visit-recorded.v1 (see libs/contracts), with overrides. */
export const householdCareVisitRecorded = eventFactory<typeof HouseholdCareVisitRecordedV1>(
  HouseholdCareVisitRecordedV1,
  'households',
  () => ({
    householdId: testId('hh'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    pairingId: testId('pairing'),
    memberId: testId('member'),
    group: 'left_behind_elderly',
    visitId: testId('visit'),
    visitedOn: TEST_DAY,
    carer: { name: '张三' },
    by: 'user:village',
    at: TEST_AT,
  }),
  (d) => d.householdId,
);
