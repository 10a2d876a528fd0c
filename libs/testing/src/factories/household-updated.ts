import { HouseholdUpdatedV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_AT } from './factory';

/** A valid household-updated.v1 (see libs/contracts), with overrides. */
export const householdUpdated = eventFactory<typeof HouseholdUpdatedV1>(
  HouseholdUpdatedV1,
  'households',
  () => ({
    householdId: testId('hh'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    version: 2,
    by: 'user:village',
    at: TEST_AT,
    changedFields: ['riskTypes'],
    changes: { riskTypes: ['illness'] },
  }),
  (d) => d.householdId,
);
