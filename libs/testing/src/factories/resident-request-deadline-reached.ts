import { ResidentRequestDeadlineReachedV1 } from '@lib/contracts';
import { eventFactory, placeOf, TEST_AT, TEST_VILLAGE, testId } from './factory';

/** A valid resident-request.deadline-reached.v1 (see libs/contracts), with overrides. */
export const residentRequestDeadlineReached = eventFactory<typeof ResidentRequestDeadlineReachedV1>(
  ResidentRequestDeadlineReachedV1,
  'requests',
  () => ({
    requestId: testId('request'),
    number: 'MS20261015-4F2A1B',
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    category: 'infrastructure',
    stage: 'overdue',
    round: 1,
    dueAt: '2026-10-15T00:00:00.000Z',
    assignee: { userId: testId('user'), name: '李明' },
    detectedAt: TEST_AT,
  }),
  (d) => d.requestId,
);
