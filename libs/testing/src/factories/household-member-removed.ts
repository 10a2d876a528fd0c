import { HouseholdMemberRemovedV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_AT } from './factory';

/** A valid household-member-removed.v1 (see libs/contracts), with overrides. */
export const householdMemberRemoved = eventFactory<typeof HouseholdMemberRemovedV1>(
  HouseholdMemberRemovedV1,
  'households',
  () => ({
    householdId: testId('hh'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    version: 2,
    by: 'user:village',
    at: TEST_AT,
    memberId: testId('member'),
    reason: 'moved_out',
  }),
  (d) => d.householdId,
);
