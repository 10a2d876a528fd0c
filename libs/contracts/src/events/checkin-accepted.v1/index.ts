import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { TownCode, VillageCode } from '../../domain';

/** A check-in was matched to a team member and stored (duplicates are not announced). Subject: memberId. */
export const CheckInAcceptedV1 = defineEvent({
  type: 'checkin.accepted.v1',
  topic: Topics.supervision,
  key: 'subject',
  schema: z.object({
    checkInId: z.string().min(1),
    memberId: z.string().min(1),
    teamId: z.string().min(1),
    townCode: TownCode,
    villageCode: VillageCode,
    source: z.string().min(1),
    sourceRecordId: z.string().min(1),
    checkTime: z.iso.datetime({ offset: true }),
    /** Local (China Standard Time) day, YYYY-MM-DD. */
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** false: a system replay, not presence. */
    checkByUser: z.boolean(),
    /** null when the record carries no coordinates. */
    insideGeofence: z.boolean().nullable(),
    deviceSN: z.string().nullable(),
  }),
});
export type CheckInAcceptedV1 = EventOf<typeof CheckInAcceptedV1>;
