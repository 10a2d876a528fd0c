import { ProjectSalesStalledV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_DAY, TEST_MONTH } from './factory';

/** A valid project-sales-stalled.v1 (see libs/contracts), with overrides. */
export const projectSalesStalled = eventFactory<typeof ProjectSalesStalledV1>(
  ProjectSalesStalledV1,
  'projects',
  () => ({
    projectId: testId('project'),
    projectName: '肉牛养殖合作社',
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    lastSaleOn: '2026-07-10',
    months: 3,
    period: TEST_MONTH,
    detectedOn: TEST_DAY,
    beneficiaryHouseholdIds: [testId('hh')],
  }),
  (d) => d.projectId,
);
