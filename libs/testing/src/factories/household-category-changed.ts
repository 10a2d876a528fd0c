import { HouseholdCategoryChangedV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_AT } from './factory';

/** A valid household-category-changed.v1 (see libs/contracts), with overrides. */
export const householdCategoryChanged = eventFactory<typeof HouseholdCategoryChangedV1>(
  HouseholdCategoryChangedV1,
  'households',
  () => ({
    householdId: testId('hh'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    version: 2,
    by: 'user:village',
    at: TEST_AT,
    from: null,
    to: 'marginal_at_risk',
  }),
  (d) => d.householdId,
);
