import { HouseholdClosedV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_AT } from './factory';

/** A valid household-closed.v1 (see libs/contracts), with overrides. */
export const householdClosed = eventFactory<typeof HouseholdClosedV1>(
  HouseholdClosedV1,
  'households',
  () => ({
    householdId: testId('hh'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    version: 3,
    by: 'user:town',
    at: TEST_AT,
    reason: 'death',
    on: TEST_AT.slice(0, 10),
  }),
  (d) => d.householdId,
);
