import { HouseholdLifecycleTransitionedV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_AT, TEST_DAY } from './factory';

/** A valid household-lifecycle-transitioned.v1 (see libs/contracts), with overrides. */
export const householdLifecycleTransitioned = eventFactory<typeof HouseholdLifecycleTransitionedV1>(
  HouseholdLifecycleTransitionedV1,
  'households',
  () => ({
    householdId: testId('hh'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    action: 'identify',
    from: null,
    to: 'identified',
    on: TEST_DAY,
    channel: 'cadre_screening',
    by: 'user:village',
    transitionedAt: TEST_AT,
  }),
  (d) => d.householdId,
);
