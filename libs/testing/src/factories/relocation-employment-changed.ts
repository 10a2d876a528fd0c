import { RelocationEmploymentChangedV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_DAY } from './factory';

/** A valid relocation.employment-changed.v1 (see libs/contracts), with overrides. */
export const relocationEmploymentChanged = eventFactory<typeof RelocationEmploymentChangedV1>(
  RelocationEmploymentChangedV1,
  'projects',
  () => ({
    relocationId: testId('relocation'),
    householdId: testId('hh'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    site: '县城安置点',
    labourCount: 2,
    employedLabour: 0,
    changedOn: TEST_DAY,
  }),
  (d) => d.householdId,
);
