import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { ProjectBenefitKind, TownCode, VillageCode } from '../../domain';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '须为日期，格式 YYYY-MM-DD');

/**
 * A household became a beneficiary of an industry project (利益联结: 分红 / 务工 / 土地流转 / 农产品收购).
 * Subject: householdId. townCode/villageCode are the household's.
 */
export const ProjectBeneficiaryLinkedV1 = defineEvent({
  type: 'project.beneficiary-linked.v1',
  topic: Topics.projects,
  key: 'subject',
  schema: z.object({
    beneficiaryId: z.string().min(1),
    projectId: z.string().min(1),
    projectName: z.string().min(1),
    projectType: z.string().min(1),
    householdId: z.string().min(1),
    townCode: TownCode,
    villageCode: VillageCode,
    kind: ProjectBenefitKind,
    /** Share of the project's dividends, in percent (分红比例), when the kind has one. */
    sharePercent: z.number().min(0).max(100).nullable(),
    details: z.string().nullable(),
    startsOn: IsoDate,
    /** null: open-ended. */
    endsOn: IsoDate.nullable(),
    linkedBy: z.string().min(1),
  }),
});
export type ProjectBeneficiaryLinkedV1 = EventOf<typeof ProjectBeneficiaryLinkedV1>;
