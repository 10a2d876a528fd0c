import { NotificationDeliveredV1 } from '@lib/contracts';
import { eventFactory, testId, TEST_AT } from './factory';

/** A valid notification-delivered.v1 (see libs/contracts), with overrides. */
export const notificationDelivered = eventFactory<typeof NotificationDeliveredV1>(
  NotificationDeliveredV1,
  'notifier',
  () => ({
    deliveryId: testId('delivery'),
    alertId: testId('alert'),
    channel: 'webhook',
    recipient: 'user:village',
    attempts: 1,
    at: TEST_AT,
    latencyMs: 120,
  }),
  (d) => d.alertId,
);
