import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { TownCode, VillageCode } from '../../domain';

const FollowUpStatus = z.enum(['open', 'rectifying', 'closed']);

/** A follow-up (整改跟踪) was added to an inspection, moving its status. Subject: teamId. */
export const InspectionFollowUpChangedV1 = defineEvent({
  type: 'inspection.follow-up-changed.v1',
  topic: Topics.supervision,
  key: 'subject',
  schema: z.object({
    inspectionId: z.string().min(1),
    teamId: z.string().min(1),
    townCode: TownCode,
    villageCode: VillageCode,
    previousStatus: FollowUpStatus,
    status: FollowUpStatus,
    note: z.string(),
    by: z.string().min(1),
    at: z.iso.datetime({ offset: true }),
    /** 1 for the first follow-up. */
    sequence: z.number().int().positive(),
  }),
});
export type InspectionFollowUpChangedV1 = EventOf<typeof InspectionFollowUpChangedV1>;
