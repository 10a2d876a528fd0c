import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { DeliveryOutcome } from '../notification-delivered.v1';

/** A notification exhausted its retries. Subject: the alert's subject. */
export const NotificationFailedV1 = defineEvent({
  type: 'notification.failed.v1',
  topic: Topics.notifier,
  key: 'subject',
  schema: DeliveryOutcome.extend({ error: z.string() }),
});
export type NotificationFailedV1 = EventOf<typeof NotificationFailedV1>;
