import { z } from 'zod';
import {
  Month,
  RiskType,
  SurveyEmploymentChange,
  SurveyGps,
  SurveyGuarantees,
  SurveyRigidSpending,
  VillageCode,
  Yuan,
} from '@lib/contracts';

const NonNegativeYuan = Yuan.refine((v) => v >= 0, '不能为负数');

const VisitedAt = z
  .string()
  .datetime({ offset: true, message: '须为时间（ISO 8601）' })
  .refine((s) => Date.parse(s) <= Date.now() + 5 * 60_000, '不能晚于今天');

/** A photo reference: an http(s) URL or a storage id; never the image itself. */
const PhotoRef = z
  .string()
  .max(512)
  .refine(
    (s) => /^https?:\/\/\S+$/.test(s) || /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/.test(s),
    '须为照片网址（http/https）或照片编号',
  );

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
    .number({ required_error: '必填', invalid_type_error: '须为整数' })
    .int('须为整数')
    .min(0)
    .max(30),
  rigidSpending: SurveyRigidSpending.strict(),
  guarantees: SurveyGuarantees.strict(),
  employmentChanges: z.array(SurveyEmploymentChange.strict()).max(20),
  riskTypes: z
    .array(RiskType)
    .max(5, '最多 5 个风险类型')
    .refine((a) => new Set(a).size === a.length, '风险类型不能重复'),
  notes: z.string().max(2000),
  photos: z.array(PhotoRef).max(20),
};

export const RecordSurveyBody = z
  .object({
    householdId: z.string().uuid('须为农户编号（UUID）'),
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

const BooleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ListSurveysQuery = z
  .object({
    householdId: z.string().uuid().optional(),
    month: Month.optional(),
    villageCode: VillageCode.optional(),
    visitor: z.string().trim().min(1).max(64).optional(),
    riskType: RiskType.optional(),
    hasMissingComponents: BooleanQuery.optional().describe(
      'true: only surveys with missing income components',
    ),
    sort: z
      .enum(['visitedAt', '-visitedAt', 'month', '-month'])
      .default('-month')
      .describe('visitedAt ascending, -visitedAt newest first, …'),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type ListSurveysQuery = z.infer<typeof ListSurveysQuery>;
