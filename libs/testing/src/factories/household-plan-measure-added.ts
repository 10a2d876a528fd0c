import { HouseholdPlanMeasureAddedV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_AT, TEST_DAY } from './factory';

/** A valid household-plan-measure-added.v1 (see libs/contracts), with overrides. */
export const householdPlanMeasureAdded = eventFactory<typeof HouseholdPlanMeasureAddedV1>(
  HouseholdPlanMeasureAddedV1,
  'households',
  () => ({
    householdId: testId('hh'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    measureId: testId('measure'),
    measureType: 'employment',
    by: 'user:village',
    at: TEST_AT,
    content: '推荐到县城务工',
    responsible: { name: '李四' },
    startOn: TEST_DAY,
    dueOn: '2026-12-31',
  }),
  (d) => d.householdId,
);
