import { householdLabels } from '@lib/contracts/labels/households';

/**
 * Field vocabulary of the national monitoring system's exports (全国防返贫监测信息系统 导出字段), with the
 * Chinese labels the ledger spreadsheets use. Pure data: the API takes the English codes, Excel the labels (the labels the console shows too, from
 * libs/contracts/src/labels where they are the same).
 */

/** 致贫/返贫风险类型 */
export const RISK_TYPES = householdLabels.householdRiskType;

/** 户类型 */
export const HOUSEHOLD_TYPES = householdLabels.householdType;

/** 监测对象类别 */
export const MONITORING_CATEGORIES = householdLabels.monitoringCategory;

/** 与户主关系 */
export const RELATIONS = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandchild: '孙子女',
  sibling: '兄弟姐妹',
  other: '其他',
} as const;

export const SEXES = householdLabels.sex;

/** 文化程度 */
export const EDUCATION = householdLabels.education;

/** 在校生状况 */
export const SCHOOL_STATUS = householdLabels.schoolStatus;

/** 健康状况 (personal data: encrypted at rest) */
export const HEALTH = householdLabels.health;

/** 劳动技能 */
export const LABOUR_SKILLS = householdLabels.labourSkill;

/** 证件类型, 因自然灾害 的灾种, 消除方式, 帮扶措施, 务工意愿, 就业服务需求 (national fields, issue 18) */
export const ID_TYPE_LABELS = householdLabels.idType;
export const DISASTER_SUBTYPES = householdLabels.disasterSubtype;
export const ELIMINATION_METHODS = householdLabels.eliminationMethod;
export const MEASURE_TYPES = householdLabels.measureType;
export const WORK_PLANS = householdLabels.workPlan;
export const SERVICE_NEEDS = householdLabels.serviceNeed;

/** 危房等级: A/B safe, C/D unsafe */
export const HOUSING_GRADES = ['A', 'B', 'C', 'D'] as const;

type Labels = Record<string, string>;
const keys = <T extends Labels>(m: T) => Object.keys(m) as [keyof T & string, ...(keyof T & string)[]];

export const riskTypeCodes = keys(RISK_TYPES);
export const educationCodes = keys(EDUCATION);
export const schoolStatusCodes = keys(SCHOOL_STATUS);
export const healthCodes = keys(HEALTH);
export const disasterSubtypeCodes = keys(DISASTER_SUBTYPES);
export const eliminationMethodCodes = keys(ELIMINATION_METHODS);
export const measureTypeCodes = keys(MEASURE_TYPES);
export const workPlanCodes = keys(WORK_PLANS);
export const serviceNeedCodes = keys(SERVICE_NEEDS);

/** The code of a Chinese label (or the code itself), or undefined. */
export function codeOfLabel(map: Labels, label: string): string | undefined {
  const s = label.trim();
  if (s in map) return s;
  return Object.entries(map).find(([, l]) => l === s)?.[0];
}

export const labelOf = (map: Labels, code: string | null | undefined): string =>
  code == null ? '' : (map[code] ?? code);
