/**
 * The facts rules may read (事实目录), per subject type, with their type and Chinese label.
 * The subject state (../subjects) fills them; a rule naming an unknown fact does not compile.
 */
export type FactType = 'number' | 'string' | 'boolean';
export type FactValue = number | string | boolean | null;

export interface FactInfo {
  type: FactType;
  label: string;
  /** Kept per month in the subject's history: usable in forMonths and changed. */
  monthly?: boolean;
}

export const HOUSEHOLD_FACTS: Record<string, FactInfo> = {
  householdNumber: { type: 'string', label: '户编号' },
  householdType: { type: 'string', label: '户类型' },
  monitoringCategory: { type: 'string', label: '监测对象类别' },
  memberCount: { type: 'number', label: '家庭人口' },
  ableMembers: { type: 'number', label: '有劳动能力人数' },
  schoolAgeChildren: { type: 'number', label: '6-16岁子女人数' },
  perCapitaNetIncome: { type: 'number', label: '人均纯收入（元）', monthly: true },
  previousPerCapitaNetIncome: { type: 'number', label: '上次人均纯收入（元）' },
  monthOverMonthChange: { type: 'number', label: '收入环比变化' },
  yearOverYearChange: { type: 'number', label: '收入同比变化' },
  netIncome: { type: 'number', label: '家庭纯收入（元）' },
  residentMembers: { type: 'number', label: '常住人口' },
  incomeMonth: { type: 'string', label: '收入月份' },
  incomeCause: { type: 'string', label: '收入变化原因' },
  lastSurveyMonth: { type: 'string', label: '最近走访月份' },
  /** Derived from the day evaluated at (the fact's day, or the scheduler's day). */
  currentMonth: { type: 'string', label: '当前月份' },
  dayOfMonth: { type: 'number', label: '当月日期' },
  /** The year's monitoring line (监测范围) for the household's county/province, from the thresholds. */
  threshold: { type: 'number', label: '监测范围（元）' },
  thresholdSource: { type: 'string', label: '监测范围来源' },
  medicalOutOfPocketYear: { type: 'number', label: '年度医疗自付费用（元）' },
  schoolingCostYear: { type: 'number', label: '年度教育支出（元）' },
  'event.department': { type: 'string', label: '推送部门' },
  'event.kind': { type: 'string', label: '部门信息类型' },
  'event.amount': { type: 'number', label: '金额（元）' },
  'event.medicalStay': { type: 'number', label: '单次住院自付费用（元）' },
  'event.subType': { type: 'string', label: '类别' },
  'event.occurredOn': { type: 'string', label: '发生日期' },
};

export const TEAM_MEMBER_FACTS: Record<string, FactInfo> = {
  teamId: { type: 'string', label: '工作队' },
  'event.pattern': { type: 'string', label: '考勤异常类型' },
  'event.day': { type: 'string', label: '考勤日' },
  'event.detail': { type: 'string', label: '说明' },
};

/** Occurrence kinds countWithin may count (dated facts kept in the subject's history). */
export const OCCURRENCES: Record<'household' | 'team-member', Record<string, string>> = {
  household: {
    disaster_report: '灾情报告',
    serious_illness_diagnosed: '新增大病',
    school_dropout: '辍学',
  },
  'team-member': {
    morning_evening_only: '早晚打卡、白天不见人',
    commuting: '走读',
    missing_day: '缺勤',
    shared_device: '代打卡（设备被他人使用）',
  },
};

export function factsOf(subjectType: 'household' | 'team-member'): Record<string, FactInfo> {
  return subjectType === 'household' ? HOUSEHOLD_FACTS : TEAM_MEMBER_FACTS;
}

/**
 * Each fact's slot in a subject type's fact vector (the catalogue's order). Compiled rules read
 * facts by slot — an array element, the same load for every fact — rather than by name, whose
 * property loads turn megamorphic once many rules share the compiler's closures.
 */
const slotsOf = (facts: Record<string, FactInfo>) =>
  Object.fromEntries(Object.keys(facts).map((name, i) => [name, i])) as Record<string, number>;
const SLOTS = { household: slotsOf(HOUSEHOLD_FACTS), 'team-member': slotsOf(TEAM_MEMBER_FACTS) };
const NAMES = { household: Object.keys(HOUSEHOLD_FACTS), 'team-member': Object.keys(TEAM_MEMBER_FACTS) };

export function factSlots(subjectType: 'household' | 'team-member'): Readonly<Record<string, number>> {
  return SLOTS[subjectType];
}

/** The fact vector of a facts record: one slot per catalogue fact, null where missing. */
export function factVector(
  subjectType: 'household' | 'team-member',
  facts: Record<string, FactValue | undefined>,
): FactValue[] {
  const names = NAMES[subjectType];
  const values = new Array<FactValue>(names.length);
  for (let i = 0; i < names.length; i++) values[i] = facts[names[i]] ?? null;
  return values;
}

/** An evaluation context with its fact vector filled from the facts. */
export function evalContext(
  subjectType: 'household' | 'team-member',
  parts: Omit<EvalContext, 'values'>,
): EvalContext {
  // a plain literal, not a spread: a spread's copy is several times slower to read from
  return {
    facts: parts.facts,
    values: factVector(subjectType, parts.facts),
    previous: parts.previous,
    monthly: parts.monthly,
    occurrences: parts.occurrences,
    asOf: parts.asOf,
  };
}

/** What a rule sees of a subject when it evaluates. Build it with `evalContext`. */
export interface EvalContext {
  facts: Record<string, FactValue | undefined>;
  /** The same facts by slot (`factSlots`), what compiled conditions read. */
  values: FactValue[];
  /** The facts as they were before the triggering event (for `changed`). */
  previous: Record<string, FactValue | undefined>;
  /** fact → month (YYYY-MM) → value, for facts kept monthly. */
  monthly: Record<string, Record<string, number | null>>;
  /** occurrence kind → the days (YYYY-MM-DD) it happened. */
  occurrences: Record<string, string[]>;
  /** The day evaluated at (the triggering fact's day), YYYY-MM-DD. */
  asOf: string;
}
