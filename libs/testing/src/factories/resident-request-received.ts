import { ResidentRequestReceivedV1 } from '@lib/contracts';
import { eventFactory, placeOf, TEST_AT, TEST_VILLAGE, testId } from './factory';

/** A valid resident-request.received.v1 (see libs/contracts), with overrides. */
export const residentRequestReceived = eventFactory<typeof ResidentRequestReceivedV1>(
  ResidentRequestReceivedV1,
  'requests',
  () => ({
    requestId: testId('request'),
    number: 'MS20261015-4F2A1B',
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    category: 'infrastructure',
    channel: 'public_form',
    receivedAt: TEST_AT,
    dueAt: '2026-11-14T02:00:00.000Z',
  }),
  (d) => d.requestId,
);
