import { placeOf, TEST_AT, TEST_DAY, TEST_VILLAGE, testId } from './factory';

/** The data every care-roster event carries, a fresh entry each call. */
export const careRosterEntry = () => {
  const householdId = testId('hh');
  const memberId = testId('member');
  const { countyCode, townCode } = placeOf();
  return {
    rosterId: `${householdId}:${memberId}:living_alone_elderly`,
    householdId,
    memberId,
    countyCode,
    townCode,
    villageCode: TEST_VILLAGE,
    group: 'living_alone_elderly' as const,
    carer: { userId: testId('user'), name: '张三' },
    since: TEST_DAY,
    by: 'user:village',
    at: TEST_AT,
  };
};
