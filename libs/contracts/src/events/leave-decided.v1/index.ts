import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { TownCode, VillageCode } from '../../domain';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The town decided a member's leave (请假) or official business (公出) request. Subject: memberId. */
export const LeaveDecidedV1 = defineEvent({
  type: 'leave.decided.v1',
  topic: Topics.supervision,
  key: 'subject',
  schema: z.object({
    leaveId: z.string().min(1),
    memberId: z.string().min(1),
    teamId: z.string().min(1),
    townCode: TownCode,
    villageCode: VillageCode,
    kind: z.enum(['leave', 'official_business']),
    from: Day,
    to: Day,
    status: z.enum(['approved', 'rejected']),
    decidedBy: z.string().min(1),
    decidedAt: z.iso.datetime({ offset: true }),
    note: z.string().nullable(),
  }),
});
export type LeaveDecidedV1 = EventOf<typeof LeaveDecidedV1>;
