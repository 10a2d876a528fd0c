import { ResidentRequestAssignedV1 } from '@lib/contracts';
import { eventFactory, placeOf, TEST_AT, TEST_VILLAGE, testId } from './factory';

/** A valid resident-request.assigned.v1 (see libs/contracts), with overrides. */
export const residentRequestAssigned = eventFactory<typeof ResidentRequestAssignedV1>(
  ResidentRequestAssignedV1,
  'requests',
  () => ({
    requestId: testId('request'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    assigneeUserId: testId('user'),
    assigneeName: '李明',
    assignedBy: '村干部 张华',
    assignedAt: TEST_AT,
  }),
  (d) => d.requestId,
);
