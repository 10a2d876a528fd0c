import { NotificationFailedV1 } from '@lib/contracts';
import { eventFactory, testId, TEST_AT } from './factory';

/** A valid notification-failed.v1 (see libs/contracts), with overrides. */
export const notificationFailed = eventFactory<typeof NotificationFailedV1>(
  NotificationFailedV1,
  'notifier',
  () => ({
    deliveryId: testId('delivery'),
    alertId: testId('alert'),
    channel: 'webhook',
    recipient: 'user:village',
    attempts: 5,
    at: TEST_AT,
    error: 'HTTP 503',
  }),
  (d) => d.alertId,
);
