import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { TownCode, VillageCode } from '../../domain';

/** 帮扶措施类型 (domain.md: assistance measures) */
export const MeasureType = z.enum([
  'industry', // 产业
  'employment', // 就业
  'finance', // 小额信贷
  'public_welfare_job', // 公益岗位
  'health', // 健康
  'education', // 教育 (雨露计划)
  'social', // 社会
  'comprehensive_security', // 综合保障 (低保/特困)
  'compulsory_education', // 义务教育保障
  'housing_safety', // 住房安全保障
  'drinking_water', // 饮水安全保障
  'relocation', // 搬迁
  'other',
]);

export const planEventBase = {
  householdId: z.string().min(1),
  townCode: TownCode,
  villageCode: VillageCode,
  measureId: z.string().min(1),
  measureType: MeasureType,
  by: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
};

/** A measure was added to the household's plan (一户一策). Subject: householdId. */
export const HouseholdPlanMeasureAddedV1 = defineEvent({
  type: 'household.plan-measure-added.v1',
  topic: Topics.households,
  key: 'subject',
  schema: z.object({
    ...planEventBase,
    content: z.string().min(1),
    responsible: z.object({ userId: z.string().optional(), name: z.string().min(1) }),
    startOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    dueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
});
export type HouseholdPlanMeasureAddedV1 = EventOf<typeof HouseholdPlanMeasureAddedV1>;
