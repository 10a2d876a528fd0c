/**
 * Field vocabulary of the national monitoring system's exports (全国防返贫监测信息系统 导出字段), with the
 * Chinese labels the ledger spreadsheets use. Pure data: the API takes the English codes, Excel the labels.
 */

/** 致贫/返贫风险类型 */
export const RISK_TYPES = {
  illness: '因病',
  disability: '因残',
  schooling: '因学',
  natural_disaster: '因自然灾害',
  accident: '因意外事故',
  failed_project: '因产业项目失败',
  unstable_work: '因务工就业不稳',
  lack_of_labour: '缺劳动力',
  housing_safety: '因安全住房',
  drinking_water: '因安全饮水',
  other: '其他',
} as const;

/** 户类型 */
export const HOUSEHOLD_TYPES = { lifted_out_of_poverty: '脱贫户', ordinary: '一般农户' } as const;

/** 监测对象类别 */
export const MONITORING_CATEGORIES = {
  unstable_lifted: '脱贫不稳定户',
  marginal_at_risk: '边缘易致贫户',
  sudden_hardship: '突发严重困难户',
} as const;

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

export const SEXES = { male: '男', female: '女' } as const;

/** 文化程度 */
export const EDUCATION = {
  illiterate: '文盲或半文盲',
  primary: '小学',
  junior_secondary: '初中',
  senior_secondary: '高中',
  vocational: '中职（中专）',
  college: '大专及以上',
  preschool: '学龄前儿童',
} as const;

/** 在校生状况 */
export const SCHOOL_STATUS = {
  not_student: '非在校生',
  preschool: '学前教育',
  primary: '小学',
  junior_secondary: '七年级至九年级',
  senior_secondary: '普通高中',
  vocational: '中职',
  higher: '高职高专及以上',
  dropped_out: '义务教育阶段失学辍学',
} as const;

/** 健康状况 (personal data: encrypted at rest) */
export const HEALTH = {
  healthy: '健康',
  chronic_illness: '长期慢性病',
  serious_illness: '患有大病',
  disabled: '残疾',
} as const;

/** 劳动技能 */
export const LABOUR_SKILLS = {
  ordinary: '普通劳动力',
  skilled: '技能劳动力',
  weak: '弱劳动力或半劳动力',
  lost: '丧失劳动力',
  none: '无劳动力',
} as const;

/** 危房等级: A/B safe, C/D unsafe */
export const HOUSING_GRADES = ['A', 'B', 'C', 'D'] as const;

type Labels = Record<string, string>;
const keys = <T extends Labels>(m: T) => Object.keys(m) as [keyof T & string, ...(keyof T & string)[]];

export const riskTypeCodes = keys(RISK_TYPES);
export const educationCodes = keys(EDUCATION);
export const schoolStatusCodes = keys(SCHOOL_STATUS);
export const healthCodes = keys(HEALTH);

/** The code of a Chinese label (or the code itself), or undefined. */
export function codeOfLabel(map: Labels, label: string): string | undefined {
  const s = label.trim();
  if (s in map) return s;
  return Object.entries(map).find(([, l]) => l === s)?.[0];
}

export const labelOf = (map: Labels, code: string | null | undefined): string =>
  code == null ? '' : (map[code] ?? code);
