import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { Month, TownCode, VillageCode, Yuan } from '../../domain';

/** 致贫/返贫风险类型 (see domain.md): 因病, 因残, 因学, 因自然灾害, 因意外事故, 因产业项目失败, 因务工就业不稳, 缺劳动力, 因安全住房, 因安全饮水, 其他. */
export const RiskType = z.enum([
  'illness',
  'disability',
  'schooling',
  'disaster',
  'accident',
  'project_failure',
  'unstable_employment',
  'lack_of_labour',
  'housing_safety',
  'drinking_water',
  'other',
]);
export type RiskType = z.infer<typeof RiskType>;

/** The survey's income components (一年内, yuan); one omitted by the visitor counts as 0 and is listed as missing. */
export const SurveyIncomeComponent = z.enum(['wage', 'business', 'property', 'transfer', 'businessCosts']);
export type SurveyIncomeComponent = z.infer<typeof SurveyIncomeComponent>;

/** Where the visit took place (WGS-84). */
export const SurveyGps = z.object({
  lat: z.number().min(-90, '须为纬度（−90…90）').max(90, '须为纬度（−90…90）'),
  lng: z.number().min(-180, '须为经度（−180…180）').max(180, '须为经度（−180…180）'),
});

const NonNegativeYuan = Yuan.refine((v) => v >= 0, '不能为负数');

/** 刚性支出 over the last 12 months: medical out-of-pocket after reimbursement, schooling. */
export const SurveyRigidSpending = z.object({
  medicalOutOfPocket: NonNegativeYuan.optional(),
  schooling: NonNegativeYuan.optional(),
});

/** 两不愁三保障 + 饮水安全 as the visitor found them; housing graded A/B (safe) or C/D (unsafe). */
export const SurveyGuarantees = z.object({
  foodAndClothing: z.boolean().optional(),
  compulsoryEducation: z.boolean().optional(),
  basicMedicalInsurance: z.boolean().optional(),
  housingSafety: z.enum(['A', 'B', 'C', 'D']).optional(),
  drinkingWater: z.boolean().optional(),
});

/** 务工就业变化 since the last visit. */
export const SurveyEmploymentChange = z.object({
  kind: z.enum(['found_work', 'lost_work', 'changed_work', 'went_out_to_work', 'returned_home']),
  detail: z.string().max(200).optional(),
});

/**
 * A monthly monitoring survey (每月入户走访) was recorded. Subject: householdId.
 * perCapitaNetIncome = (wage + business + property + transfer − businessCosts) / residentMembers,
 * null when no member is resident (nothing to divide by).
 */
export const SurveyRecordedV1 = defineEvent({
  type: 'survey.recorded.v1',
  topic: Topics.monitoring,
  key: 'subject',
  schema: z.object({
    surveyId: z.string().min(1),
    householdId: z.string().min(1),
    townCode: TownCode,
    villageCode: VillageCode,
    month: Month,
    visitedAt: z.string().datetime({ offset: true }),
    visitor: z.string().min(1),
    income: z.object({
      wage: Yuan,
      business: Yuan,
      property: Yuan,
      transfer: Yuan,
      businessCosts: Yuan,
    }),
    netIncome: Yuan,
    residentMembers: z.number().int().nonnegative(),
    perCapitaNetIncome: Yuan.nullable(),
    // optional since the full survey form (schema evolution: producers before it send none of them)
    /** Components the visitor left out (counted as 0). */
    missingIncomeComponents: z.array(SurveyIncomeComponent).optional(),
    gps: SurveyGps.optional(),
    rigidSpending: SurveyRigidSpending.optional(),
    guarantees: SurveyGuarantees.optional(),
    employmentChanges: z.array(SurveyEmploymentChange).optional(),
    /** Up to five 风险类型. */
    riskTypes: z.array(RiskType).max(5).optional(),
    notes: z.string().optional(),
    /** Photo references only (URLs or storage ids), never the image. */
    photos: z.array(z.string().min(1)).optional(),
  }),
});
export type SurveyRecordedV1 = EventOf<typeof SurveyRecordedV1>;
