import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { ProjectBenefitKind, TownCode, VillageCode } from '../../domain';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '须为日期，格式 YYYY-MM-DD');

/**
 * A beneficiary household has received nothing from the project this year (利益联结未兑现), past
 * the grace period. Raised once per beneficiary link and year. Subject: householdId (the household's
 * town and village).
 */
export const ProjectBeneficiaryWithoutBenefitV1 = defineEvent({
  type: 'project.beneficiary-without-benefit.v1',
  topic: Topics.projects,
  key: 'subject',
  schema: z.object({
    beneficiaryId: z.string().min(1),
    projectId: z.string().min(1),
    projectName: z.string().min(1),
    householdId: z.string().min(1),
    townCode: TownCode,
    villageCode: VillageCode,
    kind: ProjectBenefitKind,
    year: z.number().int().min(2000).max(2100),
    detectedOn: IsoDate,
  }),
});
export type ProjectBeneficiaryWithoutBenefitV1 = EventOf<typeof ProjectBeneficiaryWithoutBenefitV1>;
