import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';

/** An alert was resolved, by a person or automatically when its condition cleared. */
export const AlertResolvedV1 = defineEvent({
  type: 'alert.resolved.v1',
  topic: Topics.rulesAlerts,
  key: 'subject',
  schema: z.object({
    alertId: z.string().min(1),
    ruleId: z.string().min(1),
    subjectId: z.string().min(1),
    resolution: z.enum(['auto', 'manual']),
    note: z.string().optional(),
    resolvedAt: z.iso.datetime({ offset: true }),
  }),
});
export type AlertResolvedV1 = EventOf<typeof AlertResolvedV1>;
