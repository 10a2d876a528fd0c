import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { TownCode, VillageCode } from '../../domain';

/** A request was assigned to a cadre (承办人), who answers for it and is told when it runs late. Subject: requestId. */
export const ResidentRequestAssignedV1 = defineEvent({
  type: 'resident-request.assigned.v1',
  topic: Topics.requests,
  key: 'subject',
  schema: z.object({
    requestId: z.string().min(1),
    townCode: TownCode,
    villageCode: VillageCode,
    assigneeUserId: z.string().min(1),
    assigneeName: z.string().min(1),
    assignedBy: z.string().min(1),
    assignedAt: z.iso.datetime({ offset: true }),
  }),
});
export type ResidentRequestAssignedV1 = EventOf<typeof ResidentRequestAssignedV1>;
