import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { ProjectBenefitKind, TownCode, VillageCode, yuan } from '../../domain';

/**
 * A project paid a beneficiary household (分红 / 务工工资 / 土地流转 / 农产品收购). Subject: householdId,
 * so each household's income facts stay in order. Household income: monitoring counts it once
 * per distributionId (see incomeComponentOfBenefit).
 */
export const ProjectDistributionPaidV1 = defineEvent({
  type: 'project.distribution-paid.v1',
  topic: Topics.projects,
  key: 'subject',
  schema: z.object({
    distributionId: z.string().min(1),
    projectId: z.string().min(1),
    projectName: z.string().min(1),
    householdId: z.string().min(1),
    townCode: TownCode,
    villageCode: VillageCode,
    kind: ProjectBenefitKind,
    amount: yuan({ above: 0 }),
    paidOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '须为日期，格式 YYYY-MM-DD'),
    recordedBy: z.string().min(1),
  }),
});
export type ProjectDistributionPaidV1 = EventOf<typeof ProjectDistributionPaidV1>;
