/**
 * The facts rules may read (事实目录), per subject type, with their type and Chinese label.
 * The subject state (../subjects) fills them; a rule naming an unknown fact does not compile.
 */
import { ASSISTANCE_FACTS } from './assistance-catalogue';

export type FactType = 'number' | 'string' | 'boolean';
export type { FactValue } from '../subjects/domain/subject-facts';
import type { FactValue } from '../subjects/domain/subject-facts';

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
  /** Risk types (致贫/返贫风险类型) from the latest survey or household record. */
  riskTypes: { type: 'string', label: '风险类型' },
  riskIllness: { type: 'boolean', label: '风险类型含因病' },
  riskLackOfLabour: { type: 'boolean', label: '风险类型含缺劳动力' },
  /** Share of members 16–60 with ordinary/skilled labour among all members (0–1). */
  ableMemberShare: { type: 'number', label: '有劳动能力成员占比' },
  /** Medical spending recorded anywhere this year: survey, household record, departments (yuan). */
  medicalSpendingRecorded: { type: 'number', label: '已记录医疗支出（元）' },
  /** 两不愁三保障 + 饮水安全 as the latest survey found them. */
  foodAndClothingSecured: { type: 'boolean', label: '不愁吃、不愁穿' },
  compulsoryEducationSecured: { type: 'boolean', label: '义务教育有保障' },
  basicMedicalInsuranceSecured: { type: 'boolean', label: '基本医疗有保障' },
  housingSafetyGrade: { type: 'string', label: '住房安全等级' },
  drinkingWaterSecured: { type: 'boolean', label: '饮水安全有保障' },
  unsecuredGuarantees: { type: 'string', label: '未保障事项' },
  surveyMonth: { type: 'string', label: '走访月份' },
  /** Monitoring lifecycle (识别→…→风险消除). */
  lifecycleState: { type: 'string', label: '监测状态' },
  riskEliminated: { type: 'boolean', label: '已风险消除' },
  identifiedOn: { type: 'string', label: '识别纳入日期' },
  eliminatedOn: { type: 'string', label: '风险消除日期' },
  eliminationMethod: { type: 'string', label: '消除方式' },
  /** Whole months from identification to elimination. */
  monthsMonitored: { type: 'number', label: '监测月数' },
  /** 一户一策: the last day a plan measure was added or completed; monitoring start as a fallback. */
  lastPlanActivityOn: { type: 'string', label: '最近帮扶计划更新' },
  monitoredSince: { type: 'string', label: '纳入监测日期' },
  /** Derived at evaluation: days from the last plan activity (or monitoring start) to the day evaluated. */
  daysSincePlanReview: { type: 'number', label: '帮扶计划未更新天数' },
  /** 收入趋势预测 (household-income.forecast.v1): the forecast's months are kept per month in `monthly`. */
  forecastBaseMonth: { type: 'string', label: '预测起始月份' },
  forecastCurrent: { type: 'number', label: '预测起点人均纯收入（元）' },
  forecastOutlook: { type: 'string', label: '未来3个月预计人均纯收入（元）' },
  forecastYearEnd: { type: 'number', label: '本年度预计人均纯收入（元）' },
  forecastSigma: { type: 'number', label: '预测不确定性（±元，1个月）' },
  forecastReasons: { type: 'string', label: '预测依据' },
  'event.department': { type: 'string', label: '推送部门' },
  'event.kind': { type: 'string', label: '部门信息类型' },
  'event.amount': { type: 'number', label: '金额（元）' },
  'event.medicalStay': { type: 'number', label: '单次住院自付费用（元）' },
  'event.subType': { type: 'string', label: '类别' },
  'event.occurredOn': { type: 'string', label: '发生日期' },
  /** 民政推送的救助类型 (detail.supportType: extreme_poverty 特困供养, subsistence_allowance 低保). */
  'event.supportType': { type: 'string', label: '救助类型' },
  /** The age, on the fact's day, and the registry's labour skill of the member the fact names. */
  'event.memberAge': { type: 'number', label: '成员年龄' },
  'event.memberLabourSkill': { type: 'string', label: '成员劳动技能' },
  'event.lifecycleTo': { type: 'string', label: '流转至' },
  /** Project risks (产业项目风险) of a project the household benefits from. */
  'event.projectRisk': { type: 'string', label: '项目风险类型' },
  'event.projectName': { type: 'string', label: '项目名称' },
  'event.projectDetail': { type: 'string', label: '项目风险说明' },
  'event.daysOverdue': { type: 'number', label: '逾期天数' },
  'event.stalledMonths': { type: 'number', label: '无销售月数' },
  ...ASSISTANCE_FACTS,
};

export const TEAM_MEMBER_FACTS: Record<string, FactInfo> = {
  teamId: { type: 'string', label: '工作队' },
  /** Derived at evaluation from the computed attendance days (attendance.day-computed.v1). */
  dayOfMonth: { type: 'number', label: '当月日期' },
  lastMonth: { type: 'string', label: '上月' },
  lastMonthOnPostDays: { type: 'number', label: '上月在岗天数' },
  lastMonthLeaveDays: { type: 'number', label: '上月请假天数' },
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
  const values: FactValue[] = []; // grown by push: a packed array, read without hole checks
  for (let i = 0; i < names.length; i++) values.push(facts[names[i]] ?? null);
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
