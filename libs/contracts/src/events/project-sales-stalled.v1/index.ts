import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { TownCode, VillageCode } from '../../domain';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '须为日期，格式 YYYY-MM-DD');

/**
 * An active project recorded no sale for `months` months (产品滞销). Raised once per project and
 * month of detection (`period`, YYYY-MM). Subject: projectId.
 */
export const ProjectSalesStalledV1 = defineEvent({
  type: 'project.sales-stalled.v1',
  topic: Topics.projects,
  key: 'subject',
  schema: z.object({
    projectId: z.string().min(1),
    projectName: z.string().min(1),
    townCode: TownCode,
    villageCode: VillageCode,
    /** The last sale's date; null when the project never recorded one. */
    lastSaleOn: IsoDate.nullable(),
    months: z.number().int().positive(),
    period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
    detectedOn: IsoDate,
    beneficiaryHouseholdIds: z.array(z.string().min(1)),
  }),
});
export type ProjectSalesStalledV1 = EventOf<typeof ProjectSalesStalledV1>;
