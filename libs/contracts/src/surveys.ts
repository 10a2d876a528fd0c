import { z } from 'zod';
import { references } from './refusals';
import { zhTypeError } from './zod-zh';
import { Month, Yuan, yuan } from './domain';

/**
 * 每月入户走访: the parts of a survey (shared by survey.recorded.v1) and the bodies of
 * POST /api/v1/surveys and POST /api/v1/surveys/:id/corrections. The monitoring app validates with
 * them and the console validates its forms with the very same schemas (bundled from source).
 * Pure zod and domain.ts only: this file is loaded in the browser.
 */

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
  /** 定位精度 in metres, as the device reported it (a phone's GPS), when known. */
  accuracyM: z.number().min(0, '不能为负数').max(100_000, '不能大于 100000 米').optional(),
});

const NonNegativeYuan = yuan({ min: 0 });

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

const VisitedAt = z
  .string()
  .datetime({ offset: true, message: '须为时间（ISO 8601）' })
  .refine((s) => Date.parse(s) <= Date.now() + 5 * 60_000, '不能晚于今天');

/** A photo reference: an http(s) URL or a storage id; never the image itself. */
const PhotoRef = z
  .string()
  .max(512)
  .regex(/^(https?:\/\/\S+|[A-Za-z0-9][A-Za-z0-9._:/-]{0,127})$/, '须为照片网址（http/https）或照片编号');

/**
 * 近12个月收入 by component. Each may be left out (or null): it then counts as 0 and the survey lists
 * it in missingIncomeComponents. 经营净收入 (business) may be a loss.
 */
export const ReportedIncomeBody = z
  .object({
    wage: NonNegativeYuan.nullable().optional().describe('工资性收入, yuan over 12 months'),
    business: Yuan.nullable().optional().describe('经营净收入 (may be negative)'),
    property: NonNegativeYuan.nullable().optional().describe('财产性收入'),
    transfer: NonNegativeYuan.nullable().optional().describe('转移性收入'),
    businessCosts: NonNegativeYuan.nullable().optional().describe('生产经营费用支出'),
  })
  .strict();

/** Fields a correction (更正) may change; shared with recording. */
export const EditableSurveyFields = {
  visitedAt: VisitedAt,
  visitor: z.string().trim().min(1, '必填').max(64),
  gps: SurveyGps.strict(),
  income: ReportedIncomeBody,
  residentMembers: z
    .number(zhTypeError({ required: '必填', invalidType: '须为整数' }))
    .int('须为整数')
    .min(0)
    .max(30),
  rigidSpending: SurveyRigidSpending.strict(),
  guarantees: SurveyGuarantees.strict(),
  employmentChanges: z.array(SurveyEmploymentChange.strict()).max(20),
  riskTypes: z
    .array(RiskType)
    .max(5, '最多 5 个风险类型')
    .refine((a) => new Set(a).size === a.length, '风险类型不能重复')
    .meta({ uniqueItems: true }),
  notes: z.string().max(2000),
  photos: z.array(PhotoRef).max(20),
};

export const RecordSurveyBody = z
  .object({
    /**
     * 走访编号 chosen by the recording device (the phone's offline queue): recording the same id again
     * answers the survey already stored instead of a second one, so a retried upload never doubles.
     */
    id: z.string().uuid('须为走访记录编号（UUID）').optional(),
    householdId: references(z.string().uuid('须为农户编号（UUID）'), 'household', 400),
    month: Month,
    visitedAt: EditableSurveyFields.visitedAt.optional(),
    visitor: EditableSurveyFields.visitor,
    income: EditableSurveyFields.income,
    residentMembers: EditableSurveyFields.residentMembers,
    gps: EditableSurveyFields.gps.optional(),
    rigidSpending: EditableSurveyFields.rigidSpending.optional(),
    guarantees: EditableSurveyFields.guarantees.optional(),
    employmentChanges: EditableSurveyFields.employmentChanges.optional(),
    riskTypes: EditableSurveyFields.riskTypes.optional(),
    notes: EditableSurveyFields.notes.optional(),
    photos: EditableSurveyFields.photos.optional(),
  })
  .strict();
export type RecordSurveyBody = z.infer<typeof RecordSurveyBody>;

/** 更正: the reason and the fields to change (income components merge into the recorded ones; null clears one). */
export const CorrectSurveyBody = z
  .object({
    reason: z.string().trim().min(1, '必填').max(500),
    changes: z
      .object({
        visitedAt: EditableSurveyFields.visitedAt.optional(),
        visitor: EditableSurveyFields.visitor.optional(),
        gps: EditableSurveyFields.gps.nullable().optional(),
        income: EditableSurveyFields.income.optional(),
        residentMembers: EditableSurveyFields.residentMembers.optional(),
        rigidSpending: EditableSurveyFields.rigidSpending.nullable().optional(),
        guarantees: EditableSurveyFields.guarantees.nullable().optional(),
        employmentChanges: EditableSurveyFields.employmentChanges.optional(),
        riskTypes: EditableSurveyFields.riskTypes.optional(),
        notes: EditableSurveyFields.notes.nullable().optional(),
        photos: EditableSurveyFields.photos.optional(),
      })
      .strict()
      .refine((c) => Object.keys(c).length > 0, '至少修改一个字段'),
  })
  .strict();
export type CorrectSurveyBody = z.infer<typeof CorrectSurveyBody>;

/**
 * 常住人口 against the household's registered members: a visit cannot find more residents than the
 * household has members. The field and reason the survey forms (online and offline) show.
 */
export function residentsProblem(
  residentMembers: unknown,
  memberCount: number,
): { field: 'residentMembers'; reason: string } | null {
  return typeof residentMembers === 'number' && residentMembers > memberCount
    ? { field: 'residentMembers', reason: `不能多于登记人口（${memberCount} 人）` }
    : null;
}
