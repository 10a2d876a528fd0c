import { CoverageChangedV1 } from '@lib/contracts';
import { eventFactory, placeOf, TEST_VILLAGE, TEST_AT, TEST_MONTH } from './factory';

/** A valid coverage-changed.v1 (see libs/contracts), with overrides. */
export const coverageChanged = eventFactory<typeof CoverageChangedV1>(
  CoverageChangedV1,
  'monitoring',
  () => ({
    countyCode: placeOf().countyCode,
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    month: TEST_MONTH,
    households: 10,
    surveyed: 8,
    due: 2,
    overdue: 0,
    dueDate: '2026-10-25',
    computedAt: TEST_AT,
  }),
  (d) => d.villageCode,
);
