import { ProjectBeneficiaryWithoutBenefitV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_DAY } from './factory';

/** A valid project-beneficiary-without-benefit.v1 (see libs/contracts), with overrides. */
export const projectBeneficiaryWithoutBenefit = eventFactory<typeof ProjectBeneficiaryWithoutBenefitV1>(
  ProjectBeneficiaryWithoutBenefitV1,
  'projects',
  () => ({
    beneficiaryId: testId('beneficiary'),
    projectId: testId('project'),
    projectName: '肉牛养殖合作社',
    householdId: testId('hh'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    kind: 'dividend',
    year: 2026,
    detectedOn: TEST_DAY,
  }),
  (d) => d.householdId,
);
