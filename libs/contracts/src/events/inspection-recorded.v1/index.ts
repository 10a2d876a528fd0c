import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { Severity, TownCode, VillageCode } from '../../domain';

/** An inspection (督查) of a work team was recorded with its findings. Subject: teamId. */
export const InspectionRecordedV1 = defineEvent({
  type: 'inspection.recorded.v1',
  topic: Topics.supervision,
  key: 'subject',
  schema: z.object({
    inspectionId: z.string().min(1),
    teamId: z.string().min(1),
    townCode: TownCode,
    villageCode: VillageCode,
    inspectedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    inspector: z.string().min(1),
    /** open when there are findings to rectify (整改), closed otherwise. */
    status: z.enum(['open', 'rectifying', 'closed']),
    findings: z.array(z.object({ memberId: z.string().nullable(), finding: z.string(), severity: Severity })),
  }),
});
export type InspectionRecordedV1 = EventOf<typeof InspectionRecordedV1>;
