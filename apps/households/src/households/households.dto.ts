import { z } from 'zod';
import { DocumentedRefusal, idDocumentProblem, ID_TYPES, refusals } from '@lib/contracts';
import { LIFECYCLE_STATES } from '@lib/contracts';
import {
  HouseholdType,
  isRealDay,
  LabourSkill,
  MonitoringCategory,
  Month,
  Relation,
  Sex,
  VillageCode,
  Yuan,
  yuan,
} from '@lib/contracts';
import {
  disasterSubtypeCodes,
  educationCodes,
  eliminationMethodCodes,
  healthCodes,
  HOUSING_GRADES,
  measureTypeCodes,
  riskTypeCodes,
  schoolStatusCodes,
  serviceNeedCodes,
  workPlanCodes,
} from './domain/vocabulary';

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '须为日期，格式 YYYY-MM-DD')
  .refine(isRealDay, '须为真实存在的日期');

const phone = z
  .string()
  .trim()
  .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '须为手机号（11 位）或固定电话');
const mu = z.number().nonnegative('不能为负数').max(100_000).describe('亩');
const money = yuan({ min: 0 });

/** 户信息: the national export's household fields (all optional: a ledger fills them over time). */
export const householdFields = {
  groupName: z.string().trim().min(1).max(32).optional().describe('村民小组 (组)'),
  riskTypes: z
    .array(z.enum(riskTypeCodes))
    .max(5, '风险类型最多五项 (at most five risk types)')
    .refine((r) => new Set(r).size === r.length, '风险类型重复 (repeated risk type)')
    .optional()
    .describe('致贫/返贫风险类型，最多五项'),
  income: z
    .object({ perCapitaNet: money, wage: money, business: Yuan, property: money, transfer: money })
    .partial()
    .strict()
    .optional()
    .describe('人均纯收入、工资性、生产经营性、财产性、转移性收入 (元/年)'),
  medicalOutOfPocket: money.optional().describe('合规自付医疗费用 (元)'),
  land: z
    .object({ arable: mu, forest: mu, orchard: mu, pasture: mu, water: mu })
    .partial()
    .strict()
    .optional()
    .describe('耕地、林地、园地、牧草地、水面面积 (亩)'),
  housing: z
    .object({
      area: z.number().nonnegative('不能为负数').max(10_000),
      dilapidated: z.boolean(),
      grade: z.enum(HOUSING_GRADES),
    })
    .partial()
    .strict()
    .optional()
    .describe('住房面积 (㎡)、是否危房、危房等级 A/B 安全 C/D 不安全'),
  safeDrinkingWater: z.boolean().optional().describe('是否解决安全饮水'),
  electricity: z.boolean().optional().describe('是否通生活用电'),
  hardenedRoad: z.boolean().optional().describe('是否通硬化路'),
  sanitaryToilet: z.boolean().optional().describe('是否有卫生厕所'),
  contactPhone: phone.optional().describe('联系电话 (个人信息，加密保存)'),
  collector: z.string().trim().min(1).max(64).optional().describe('信息采集人'),
  wholeHouseholdNoLabour: z.boolean().optional().describe('是否整户无劳动力'),
  identifiedAt: isoDate.optional().describe('识别时间（纳入监测的日期）'),
  riskEliminated: z.boolean().optional().describe('是否风险消除'),
  riskEliminatedAt: isoDate.optional().describe('风险消除时间'),
  eliminationMethod: z.enum(eliminationMethodCodes).optional().describe('消除方式：帮扶消除、自然消除'),
  assistanceMeasures: z
    .array(z.enum(measureTypeCodes))
    .max(13)
    .refine((r) => new Set(r).size === r.length, '帮扶措施重复 (repeated measure)')
    .optional()
    .describe('帮扶措施（已落实的措施类别汇总）'),
  disasterSubtype: z
    .enum(disasterSubtypeCodes)
    .optional()
    .describe('因自然灾害的灾种（风险类型含因自然灾害时）'),
};

/** nationalFieldRules as the API descriptions say them (x-refusals). */
const NATIONAL_FIELD_RULES: DocumentedRefusal[] = [
  {
    field: 'riskEliminatedAt',
    rule: '仅标注风险消除时填写，且不早于识别时间 (only when riskEliminated, not before identifiedAt)',
  },
  { field: 'eliminationMethod', rule: '仅标注风险消除时填写 (only when riskEliminated)' },
  { field: 'disasterSubtype', rule: '风险类型含因自然灾害时才填灾种 (only with natural_disaster)' },
];

/** The national fields' rules across fields (registration and PATCH with the fields it keeps). */
export function nationalFieldRules(
  h: {
    riskTypes?: string[];
    identifiedAt?: string;
    riskEliminated?: boolean;
    riskEliminatedAt?: string;
    eliminationMethod?: string;
    disasterSubtype?: string;
  },
  ctx: z.RefinementCtx,
) {
  if (h.riskEliminated !== true) {
    if (h.riskEliminatedAt !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['riskEliminatedAt'],
        message: '未标注风险消除时不填风险消除时间 (only when riskEliminated)',
      });
    if (h.eliminationMethod !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['eliminationMethod'],
        message: '未标注风险消除时不填消除方式 (only when riskEliminated)',
      });
  }
  if (h.riskEliminatedAt && h.identifiedAt && h.riskEliminatedAt < h.identifiedAt)
    ctx.addIssue({
      code: 'custom',
      path: ['riskEliminatedAt'],
      message: '风险消除时间早于识别时间 (before identifiedAt)',
    });
  if (
    h.disasterSubtype !== undefined &&
    h.riskTypes !== undefined &&
    !h.riskTypes.includes('natural_disaster')
  )
    ctx.addIssue({
      code: 'custom',
      path: ['disasterSubtype'],
      message: '风险类型不含因自然灾害时不填灾种 (only with natural_disaster)',
    });
}

/** 家庭成员: the national export's member fields. idNumber, phone and health are personal data. */
export const memberFields = {
  name: z.string().trim().min(1, '必填').max(64),
  relation: Relation,
  sex: Sex,
  birthDate: isoDate,
  labourSkill: LabourSkill.optional(),
  idType: z.enum(ID_TYPES).optional().describe('证件类型（缺省为居民身份证）'),
  idNumber: z.string().trim().toUpperCase().optional().describe('证件号码 (个人信息，加密保存，脱敏显示)'),
  phone: phone.optional(),
  ethnicity: z.string().trim().min(1).max(16).optional().describe('民族'),
  education: z.enum(educationCodes).optional().describe('文化程度'),
  schoolStatus: z.enum(schoolStatusCodes).optional().describe('在校生状况'),
  notInSchoolReason: z.string().trim().max(64).optional().describe('义务教育阶段未上学原因'),
  health: z.enum(healthCodes).optional().describe('健康状况 (个人信息，加密保存)'),
  disabilityLevel: z.number().int().min(1).max(4).optional().describe('残疾等级 1-4 (个人信息)'),
  insurance: z
    .object({ basicMedical: z.boolean(), seriousIllness: z.boolean(), pension: z.boolean() })
    .partial()
    .strict()
    .optional()
    .describe('城乡居民基本医疗保险、大病保险、基本养老保险'),
  minimumLivingAllowance: z.boolean().optional().describe('是否享受低保'),
  extremeHardshipSupport: z.boolean().optional().describe('是否特困供养'),
  publicWelfareJobMonths: z.number().int().min(0).max(12).optional().describe('公益岗位月数'),
  migrantWork: z
    .object({
      working: z.boolean(),
      where: z.string().trim().max(64),
      since: Month,
      channel: z.string().trim().max(32),
      monthlyWage: money,
    })
    .partial()
    .strict()
    .optional()
    .describe('务工情况：是否务工、地点、起始月、渠道、月收入'),
  workPlan: z.enum(workPlanCodes).optional().describe('务工意愿'),
  serviceNeeds: z
    .array(z.enum(serviceNeedCodes))
    .max(6)
    .refine((r) => new Set(r).size === r.length, '服务需求重复 (repeated need)')
    .optional()
    .describe('就业服务需求'),
};

const memberRules = (
  m: {
    idType?: (typeof ID_TYPES)[number];
    idNumber?: string;
    birthDate?: string;
    health?: string;
    disabilityLevel?: number;
  },
  ctx: z.RefinementCtx,
) => {
  const problem =
    m.idNumber === undefined || !m.birthDate
      ? null
      : idDocumentProblem(m.idType ?? 'resident_id', m.idNumber, m.birthDate);
  if (problem) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: problem });
  if (m.disabilityLevel !== undefined && m.health !== undefined && m.health !== 'disabled')
    ctx.addIssue({
      code: 'custom',
      path: ['disabilityLevel'],
      message: '仅残疾人填写残疾等级 (only for health "disabled")',
    });
};

/** memberRules as the API descriptions say them (x-refusals). */
const MEMBER_RULES: DocumentedRefusal[] = [
  { field: 'idNumber', rule: '须符合证件类型的格式；居民身份证号须与出生日期一致 (as the ID type requires)' },
  { field: 'disabilityLevel', rule: '仅残疾人填写残疾等级 (only for health "disabled")' },
];

export const MemberBody = z
  .object(memberFields)
  .strict()
  .superRefine(memberRules)
  .meta(refusals(...MEMBER_RULES));
export type MemberBody = z.infer<typeof MemberBody>;

/** PATCH of one member: any member field; the ID number is checked against the (new or kept) birth date by the use case. */
export const UpdateMemberBody = z
  .object(memberFields)
  .partial()
  .strict()
  .superRefine(memberRules)
  .refine((b) => Object.keys(b).length > 0, '至少修改一个字段 (nothing to change)')
  .meta(refusals(...MEMBER_RULES));
export type UpdateMemberBody = z.infer<typeof UpdateMemberBody>;

export const RegisterHouseholdBody = z
  .object({
    householdNumber: z.string().trim().min(1, '必填').max(32),
    villageCode: VillageCode,
    householdType: HouseholdType,
    monitoringCategory: MonitoringCategory.nullable().default(null),
    ...householdFields,
    members: z
      .array(MemberBody)
      .min(1, '每户至少一名成员')
      .max(30)
      .refine((m) => m.filter((x) => x.relation === 'head').length === 1, '须有且仅有一位户主')
      .superRefine((members, ctx) => {
        const seen = new Set<string>();
        members.forEach((m, i) => {
          if (!m.idNumber) return;
          if (seen.has(m.idNumber))
            ctx.addIssue({
              code: 'custom',
              path: [i, 'idNumber'],
              message: '同一身份证号在户内重复 (repeated)',
            });
          seen.add(m.idNumber);
        });
      })
      .meta(refusals({ field: '*.idNumber', rule: '同一证件号在户内不能重复 (repeated)' })),
  })
  .strict()
  .superRefine(nationalFieldRules)
  .meta(refusals(...NATIONAL_FIELD_RULES));
export type RegisterHouseholdBody = z.infer<typeof RegisterHouseholdBody>;
export type HouseholdFields = Omit<RegisterHouseholdBody, 'householdNumber' | 'villageCode' | 'members'>;

/** PATCH /households/:id: the household's own fields; the village and household number stay. */
export const UpdateHouseholdBody = z
  .object({
    householdType: HouseholdType,
    monitoringCategory: MonitoringCategory.nullable(),
    ...householdFields,
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, '至少修改一个字段 (nothing to change)')
  // checked by the use case against the record as it would be after the change
  .meta(refusals(...NATIONAL_FIELD_RULES));
export type UpdateHouseholdBody = z.infer<typeof UpdateHouseholdBody>;

export const RemoveMemberQuery = z
  .object({ reason: z.enum(['deceased', 'moved_out', 'married_out', 'error', 'other']).default('other') })
  .strict();

/** 帮扶责任人: the cadres paired with a household (the whole list, replacing the previous one). */
export const PairedCadresBody = z
  .object({
    cadres: z
      .array(
        z
          .object({
            userId: z.string().trim().min(1).max(64),
            name: z.string().trim().min(1).max(64),
            orgUnit: z.string().regex(/^(\d{6}|\d{9}|\d{12})$/, '须为 6、9 或 12 位单位代码'),
          })
          .strict(),
      )
      .max(5, '每户帮扶责任人最多5人 (at most five)')
      .refine((c) => new Set(c.map((x) => x.userId)).size === c.length, '帮扶责任人重复 (repeated userId)'),
  })
  .strict();
export type PairedCadresBody = z.infer<typeof PairedCadresBody>;

export const SORTS = [
  'householdNumber',
  '-householdNumber',
  'villageCode',
  '-villageCode',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
] as const;

export const ListHouseholdsQuery = z
  .object({
    q: z
      .string()
      .trim()
      .min(1, '必填')
      .max(64, 'at most 64 characters')
      .optional()
      .describe('户编号、成员姓名（前缀）或证件号码（按密钥哈希匹配，不存明文）'),
    villageCode: VillageCode.optional(),
    townCode: z
      .string()
      .regex(/^\d{9}$/, '须为 9 位乡镇代码')
      .optional(),
    householdType: HouseholdType.optional(),
    monitoringCategory: MonitoringCategory.optional(),
    riskType: z.enum(riskTypeCodes).optional(),
    pairedCadre: z.string().trim().min(1).max(64).optional().describe('帮扶责任人的用户 id'),
    lifecycleState: z.enum(LIFECYCLE_STATES).optional(),
    status: z
      .enum(['active', 'closed'])
      .optional()
      .describe('户状态：active 在册，closed 已注销（不填：全部）'),
    sort: z.enum(SORTS).default('villageCode').describe('排序字段，前缀 - 为倒序'),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
    view: z
      .enum(['full', 'summary'])
      .default('full')
      .describe('summary：列表所需的概要（户主、人口、帮扶责任人），不含成员明细，快'),
  })
  .strict();
export type ListHouseholdsQuery = z.infer<typeof ListHouseholdsQuery>;
export type HouseholdFilter = Omit<ListHouseholdsQuery, 'sort' | 'page' | 'pageSize' | 'view'>;

const ID_NUMBER = /^\d{17}[\dX]$/;
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * 搜索: an 18-character ID number is looked up by its keyed hash (the clear number is neither stored
 * nor kept in the query); anything else is a household number (equal) or the start of a member's name.
 */
export function searchQuery(q: string | undefined, hashIdNumber: (id: string) => string) {
  if (q === undefined) return {};
  const s = q.trim();
  if (ID_NUMBER.test(s.toUpperCase())) return { 'members.idNumberHash': hashIdNumber(s) };
  return { $or: [{ householdNumber: s }, { 'members.name': { $regex: `^${escapeRegex(s)}` } }] };
}

/**
 * The stored query of a filter: equality (FerretDB pushes equality down; arrays match by element),
 * plus the search `q` (see searchQuery).
 */
export function householdQuery(
  f: HouseholdFilter,
  hashIdNumber: (id: string) => string,
): Record<string, unknown> {
  return {
    ...searchQuery(f.q, hashIdNumber),
    villageCode: f.villageCode,
    townCode: f.townCode,
    householdType: f.householdType,
    monitoringCategory: f.monitoringCategory,
    riskTypes: f.riskType,
    pairedCadreIds: f.pairedCadre,
    lifecycleState: f.lifecycleState,
    status: f.status === 'closed' ? 'closed' : f.status === 'active' ? { $ne: 'closed' } : undefined,
  };
}
