import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';

export const DeliveryOutcome = z.object({
  deliveryId: z.string().min(1),
  alertId: z.string().min(1),
  channel: z.string().min(1),
  recipient: z.string().min(1),
  attempts: z.number().int().positive(),
  at: z.iso.datetime({ offset: true }),
});

/** A notification reached its channel. Subject: the alert's subject. */
export const NotificationDeliveredV1 = defineEvent({
  type: 'notification.delivered.v1',
  topic: Topics.notifier,
  key: 'subject',
  schema: DeliveryOutcome.extend({ latencyMs: z.number().nonnegative() }),
});
export type NotificationDeliveredV1 = EventOf<typeof NotificationDeliveredV1>;
