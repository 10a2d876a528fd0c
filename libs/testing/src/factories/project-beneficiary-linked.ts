import { ProjectBeneficiaryLinkedV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE } from './factory';

/** A valid project-beneficiary-linked.v1 (see libs/contracts), with overrides. */
export const projectBeneficiaryLinked = eventFactory<typeof ProjectBeneficiaryLinkedV1>(
  ProjectBeneficiaryLinkedV1,
  'projects',
  () => ({
    beneficiaryId: testId('beneficiary'),
    projectId: testId('project'),
    projectName: '肉牛养殖合作社',
    projectType: 'livestock',
    householdId: testId('hh'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    kind: 'dividend',
    sharePercent: 5,
    details: null,
    startsOn: '2026-01-01',
    endsOn: null,
    linkedBy: 'user:county',
  }),
  (d) => d.householdId,
);
