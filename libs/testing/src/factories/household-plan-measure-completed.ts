import { HouseholdPlanMeasureCompletedV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_AT, TEST_DAY } from './factory';

/** A valid household-plan-measure-completed.v1 (see libs/contracts), with overrides. */
export const householdPlanMeasureCompleted = eventFactory<typeof HouseholdPlanMeasureCompletedV1>(
  HouseholdPlanMeasureCompletedV1,
  'households',
  () => ({
    householdId: testId('hh'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    measureId: testId('measure'),
    measureType: 'employment',
    by: 'user:village',
    at: TEST_AT,
    completedOn: TEST_DAY,
  }),
  (d) => d.householdId,
);
