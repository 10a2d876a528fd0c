import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { TownCode, VillageCode } from '../../domain';
import { ResidentRequestRating, ResidentRequestStatus } from '../../resident-requests';

/**
 * A request moved on: 受理 → 办理中 → 办结 → 回访, or back to 办理中 when the resident was not
 * satisfied (reopened: a new round with a new deadline). Subject: requestId.
 */
export const ResidentRequestStatusChangedV1 = defineEvent({
  type: 'resident-request.status-changed.v1',
  topic: Topics.requests,
  key: 'subject',
  schema: z.object({
    requestId: z.string().min(1),
    townCode: TownCode,
    villageCode: VillageCode,
    from: ResidentRequestStatus,
    to: ResidentRequestStatus,
    /** 第几轮办理 (1, then +1 at each reopening). */
    round: z.number().int().positive(),
    /** The rating that closed (回访) or reopened it. */
    rating: ResidentRequestRating.nullable(),
    reopened: z.boolean(),
    /** 办结 after the round's deadline. */
    late: z.boolean(),
    dueAt: z.iso.datetime({ offset: true }),
    by: z.string().min(1),
    at: z.iso.datetime({ offset: true }),
  }),
});
export type ResidentRequestStatusChangedV1 = EventOf<typeof ResidentRequestStatusChangedV1>;
