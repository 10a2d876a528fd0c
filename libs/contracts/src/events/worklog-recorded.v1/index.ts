import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { TownCode, VillageCode } from '../../domain';

/** A work-team member recorded a work log (驻村工作日志). Subject: memberId. Photos travel as references. */
export const WorkLogRecordedV1 = defineEvent({
  type: 'worklog.recorded.v1',
  topic: Topics.supervision,
  key: 'subject',
  schema: z.object({
    workLogId: z.string().min(1),
    memberId: z.string().min(1),
    teamId: z.string().min(1),
    townCode: TownCode,
    villageCode: VillageCode,
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    at: z.iso.datetime({ offset: true }),
    insideGeofence: z.boolean().nullable(),
    photoCount: z.number().int().nonnegative(),
  }),
});
export type WorkLogRecordedV1 = EventOf<typeof WorkLogRecordedV1>;
