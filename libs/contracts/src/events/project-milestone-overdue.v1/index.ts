import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { TownCode, VillageCode } from '../../domain';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '须为日期，格式 YYYY-MM-DD');

/**
 * A project milestone passed its due date without being done (项目进度滞后): a risk for the
 * project's beneficiaries. Raised once per milestone and due date. Subject: projectId.
 */
export const ProjectMilestoneOverdueV1 = defineEvent({
  type: 'project.milestone-overdue.v1',
  topic: Topics.projects,
  key: 'subject',
  schema: z.object({
    projectId: z.string().min(1),
    projectName: z.string().min(1),
    milestoneId: z.string().min(1),
    title: z.string().min(1),
    dueOn: IsoDate,
    townCode: TownCode,
    villageCode: VillageCode,
    /** The day the check found it overdue. */
    detectedOn: IsoDate,
    daysOverdue: z.number().int().positive(),
    /** Households benefiting from the project at detection (the people at risk). */
    beneficiaryHouseholdIds: z.array(z.string().min(1)),
  }),
});
export type ProjectMilestoneOverdueV1 = EventOf<typeof ProjectMilestoneOverdueV1>;
