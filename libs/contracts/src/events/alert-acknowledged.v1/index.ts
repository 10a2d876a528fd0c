import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';

/** A person acknowledged an open alert (已知悉, 正在处理). Cancels its pending escalations. */
export const AlertAcknowledgedV1 = defineEvent({
  type: 'alert.acknowledged.v1',
  topic: Topics.rulesAlerts,
  key: 'subject',
  schema: z.object({
    alertId: z.string().min(1),
    ruleId: z.string().min(1),
    subjectId: z.string().min(1),
    acknowledgedBy: z.string().min(1),
    note: z.string().optional(),
    acknowledgedAt: z.iso.datetime({ offset: true }),
  }),
});
export type AlertAcknowledgedV1 = EventOf<typeof AlertAcknowledgedV1>;
