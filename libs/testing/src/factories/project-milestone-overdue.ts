import { ProjectMilestoneOverdueV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_DAY } from './factory';

/** A valid project-milestone-overdue.v1 (see libs/contracts), with overrides. */
export const projectMilestoneOverdue = eventFactory<typeof ProjectMilestoneOverdueV1>(
  ProjectMilestoneOverdueV1,
  'projects',
  () => ({
    projectId: testId('project'),
    projectName: '肉牛养殖合作社',
    milestoneId: testId('milestone'),
    title: '牛舍建成',
    dueOn: '2026-10-01',
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    detectedOn: TEST_DAY,
    daysOverdue: 14,
    beneficiaryHouseholdIds: [testId('hh')],
  }),
  (d) => d.projectId,
);
