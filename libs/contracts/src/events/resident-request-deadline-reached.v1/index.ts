import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { TownCode, VillageCode } from '../../domain';
import { ResidentRequestCategory } from '../../resident-requests';

/**
 * An open request's deadline is near (`approaching`, the county's warning days before) or passed
 * (`overdue`): once per stage and round. Rules raises 诉求办理超期 from it for the assignee.
 * Subject: requestId.
 */
export const ResidentRequestDeadlineReachedV1 = defineEvent({
  type: 'resident-request.deadline-reached.v1',
  topic: Topics.requests,
  key: 'subject',
  schema: z.object({
    requestId: z.string().min(1),
    number: z.string().min(1),
    townCode: TownCode,
    villageCode: VillageCode,
    category: ResidentRequestCategory,
    stage: z.enum(['approaching', 'overdue']),
    round: z.number().int().positive(),
    dueAt: z.iso.datetime({ offset: true }),
    /** The cadre answering for it; null when nobody was assigned yet (the village is told). */
    assignee: z.object({ userId: z.string().min(1), name: z.string().min(1) }).nullable(),
    detectedAt: z.iso.datetime({ offset: true }),
  }),
});
export type ResidentRequestDeadlineReachedV1 = EventOf<typeof ResidentRequestDeadlineReachedV1>;
