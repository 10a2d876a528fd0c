import { ResidentRequestStatusChangedV1 } from '@lib/contracts';
import { eventFactory, placeOf, TEST_AT, TEST_VILLAGE, testId } from './factory';

/** A valid resident-request.status-changed.v1 (see libs/contracts), with overrides. */
export const residentRequestStatusChanged = eventFactory<typeof ResidentRequestStatusChangedV1>(
  ResidentRequestStatusChangedV1,
  'requests',
  () => ({
    requestId: testId('request'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    from: 'in_progress',
    to: 'concluded',
    round: 1,
    rating: null,
    reopened: false,
    late: false,
    dueAt: '2026-11-14T02:00:00.000Z',
    by: '李明',
    at: TEST_AT,
  }),
  (d) => d.requestId,
);
