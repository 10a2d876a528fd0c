import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { TownCode, VillageCode } from '../../domain';

/**
 * 易地搬迁后续扶持: a relocated household was recorded or the employment of its labour changed; the
 * current counts. Rules raise an alert while a household with labour has none employed. Subject: householdId.
 */
export const RelocationEmploymentChangedV1 = defineEvent({
  type: 'relocation.employment-changed.v1',
  topic: Topics.projects,
  key: 'subject',
  schema: z.object({
    relocationId: z.string().min(1),
    householdId: z.string().min(1),
    townCode: TownCode,
    villageCode: VillageCode,
    site: z.string().min(1),
    labourCount: z.number().int().nonnegative(),
    employedLabour: z.number().int().nonnegative(),
    changedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
});
export type RelocationEmploymentChangedV1 = EventOf<typeof RelocationEmploymentChangedV1>;
