import { HouseholdMemberChangedV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_AT } from './factory';

/** A valid household-member-changed.v1 (see libs/contracts), with overrides. */
export const householdMemberChanged = eventFactory<typeof HouseholdMemberChangedV1>(
  HouseholdMemberChangedV1,
  'households',
  () => ({
    householdId: testId('hh'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    version: 2,
    by: 'user:village',
    at: TEST_AT,
    changedFields: ['labourSkill'],
    member: {
      memberId: testId('member'),
      relation: 'child',
      sex: 'female',
      birthDate: '2012-06-01',
      labourSkill: 'none',
    },
  }),
  (d) => d.householdId,
);
