import { ProjectDistributionPaidV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_DAY } from './factory';

/** A valid project-distribution-paid.v1 (see libs/contracts), with overrides. */
export const projectDistributionPaid = eventFactory<typeof ProjectDistributionPaidV1>(
  ProjectDistributionPaidV1,
  'projects',
  () => ({
    distributionId: testId('distribution'),
    projectId: testId('project'),
    projectName: '肉牛养殖合作社',
    householdId: testId('hh'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    kind: 'dividend',
    amount: 1200,
    paidOn: TEST_DAY,
    recordedBy: 'user:county',
  }),
  (d) => d.householdId,
);
