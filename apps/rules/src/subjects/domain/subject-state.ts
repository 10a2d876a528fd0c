import { orgUnitsOfVillage, SurveyRecordedV1 } from '@lib/contracts';
import { FactValue, Trigger } from './subject-facts';

/**
 * A subject's state (主体状态): per household and per work-team member, just what rules need, built
 * from events. Pure: applying an event returns what the rules evaluate on. Stored as one document
 * per subject (keys never contain dots: months and years are plain strings).
 */
export interface SubjectState {
  _id: string;
  subjectType: 'household' | 'team-member';
  provinceCode: string;
  countyCode: string;
  townCode: string;
  villageCode: string;
  /** Lasting facts (names as in engine/facts.ts, without the transient `event.*`). */
  facts: Record<string, FactValue>;
  /** fact → month → value. */
  monthly: Record<string, Record<string, number | null>>;
  /** occurrence kind → days, the newest last (at most KEEP_OCCURRENCES). */
  occurrences: Record<string, string[]>;
  /** Yearly amounts: medical declared yearly totals, medical single stays, schooling (year → yuan). */
  yearly: Record<'medicalDeclared' | 'medicalStays' | 'schooling', Record<string, number>> & {
    /** Medical out-of-pocket the monthly survey recorded (12 months), by the survey's year. */
    surveyMedical?: Record<string, number>;
  };
  /** Household members as events describe them (no personal data): for labour and school-age counts. */
  members?: Record<string, { birthDate: string; labourSkill: string | null }>;
  /** Team member: computed attendance days (day → on post / leave / off), the newest KEEP_DAYS. */
  attendance?: Record<string, 'on' | 'leave' | 'off'>;
  /** Ids of the last events applied (a redelivery is recognised and changes nothing). */
  appliedEventIds: string[];
  /** Bumped on every write: the optimistic guard of the single writer. */
  rev: number;
}

/**
 * A project risk (产业项目风险) as it concerns one beneficiary household: project.milestone-overdue.v1
 * and project.sales-stalled.v1 name a project and its beneficiaries, and are fanned out to one of
 * these per household (id `${event id}|${householdId}`); project.beneficiary-without-benefit.v1 names
 * one household (applied as that event type). `knownOnly`: the village is the project's, not the household's, so a household
 * rules has not seen registered is skipped rather than placed in the wrong village.
 */
export interface ProjectRiskForHousehold {
  /** The project event's type. */
  type: string;
  id: string;
  knownOnly: boolean;
  data: {
    householdId: string;
    villageCode: string;
    risk: 'milestone_overdue' | 'sales_stalled' | 'without_benefit';
    projectName: string;
    detail: string;
    day: string;
    daysOverdue: number | null;
    stalledMonths: number | null;
  };
}

/**
 * An event as it concerns one subject: a contract event (household events name `householdId`, a
 * team member's `memberId`), or one a contract event was split into (project risks, one per
 * household). `knownOnly`: skipped unless rules already knows the subject.
 */
export interface SubjectEvent {
  id: string;
  type: string;
  knownOnly?: boolean;
  data: { villageCode: string; householdId?: string; memberId?: string };
}

export interface Applied {
  trigger: Trigger;
  /** The day the fact stands for (YYYY-MM-DD): period and windows count from it. */
  asOf: string;
  /** Facts of the triggering event only (`event.*`), not kept. */
  eventFacts: Record<string, FactValue>;
}

export const KEEP_APPLIED = 50;
export const KEEP_OCCURRENCES = 100;
export const KEEP_MONTHS = 36;
export const KEEP_DAYS = 100;

/** A new subject's state, placed in the village its first event names. */
export function newState(
  id: string,
  subjectType: SubjectState['subjectType'],
  villageCode: string,
): SubjectState {
  return {
    _id: id,
    subjectType,
    ...orgUnitsOfVillage(villageCode),
    facts: {},
    monthly: {},
    occurrences: {},
    yearly: { medicalDeclared: {}, medicalStays: {}, schooling: {}, surveyMedical: {} },
    members: {},
    appliedEventIds: [],
    rev: 0,
  };
}

export const ageOn = (birthDate: string, day: string) => {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
};

const sumValues = (r: Record<string, number>, year: string) => r[year] ?? 0;

export function recomputeYearly(s: SubjectState, year: string) {
  const y = s.yearly;
  // a declared yearly total (年度累计) already includes the stays; reported stays alone add up
  s.facts.medicalOutOfPocketYear = Math.max(
    sumValues(y.medicalDeclared, year),
    sumValues(y.medicalStays, year),
  );
  s.facts.schoolingCostYear = sumValues(y.schooling, year);
  s.facts.amountsYear = year;
}

/** 风险类型 labels (survey and household ledger codes). */
const RISK_LABELS: Record<string, string> = {
  illness: '因病',
  disability: '因残',
  schooling: '因学',
  disaster: '因自然灾害',
  natural_disaster: '因自然灾害',
  accident: '因意外事故',
  project_failure: '因产业项目失败',
  failed_project: '因产业项目失败',
  unstable_employment: '因务工就业不稳',
  unstable_work: '因务工就业不稳',
  lack_of_labour: '缺劳动力',
  housing_safety: '因安全住房',
  drinking_water: '因安全饮水',
  other: '其他',
};

/** China day (UTC+8) of an ISO timestamp. */
export const dayOf = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

export const monthIndex = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;

export function setRiskTypes(s: SubjectState, types: readonly string[]) {
  s.facts.riskTypes = types.length ? types.map((t) => RISK_LABELS[t] ?? t).join('、') : '无';
  s.facts.riskIllness = types.includes('illness');
  s.facts.riskLackOfLabour = types.includes('lack_of_labour');
}

/** Medical spending recorded anywhere for the year: survey, the household's ledger, departments. */
export function recomputeMedicalRecorded(s: SubjectState, year: string) {
  const y = s.yearly;
  const ledger = typeof s.facts.ledgerMedicalOutOfPocket === 'number' ? s.facts.ledgerMedicalOutOfPocket : 0;
  s.facts.medicalSpendingRecorded = Math.max(
    y.surveyMedical?.[year] ?? 0,
    y.medicalDeclared[year] ?? 0,
    y.medicalStays[year] ?? 0,
    ledger,
  );
}

/** Member counts on a day: able (16–60, ordinary or skilled labour) and school age (6–16). */
export function recomputeMembers(s: SubjectState, day: string) {
  const members = Object.values(s.members ?? {});
  const ages = members.map((m) => ({ age: ageOn(m.birthDate, day), skill: m.labourSkill }));
  const able = ages.filter(
    (m) =>
      m.age >= 16 && m.age <= 60 && (m.skill === 'ordinary' || m.skill === 'skilled' || m.skill === null),
  ).length;
  s.facts.ableMembers = able;
  s.facts.schoolAgeChildren = ages.filter((m) => m.age >= 6 && m.age <= 16).length;
  s.facts.ableMemberShare = members.length ? Math.round((able / members.length) * 1000) / 1000 : null;
}

const GUARANTEE_LABELS = {
  foodAndClothing: '不愁吃穿',
  compulsoryEducation: '义务教育',
  basicMedicalInsurance: '基本医疗',
  drinkingWater: '饮水安全',
} as const;

/** The survey's lasting facts: 两不愁三保障, risk types, medical spending (latest month wins). */
export function applySurvey(s: SubjectState, d: SurveyRecordedV1['data']) {
  const year = d.month.slice(0, 4);
  if (d.rigidSpending?.medicalOutOfPocket !== undefined)
    (s.yearly.surveyMedical ??= {})[year] = d.rigidSpending.medicalOutOfPocket;
  if (typeof s.facts.surveyMonth === 'string' && s.facts.surveyMonth > d.month) {
    recomputeMedicalRecorded(s, year);
    return; // a late survey of an earlier month: the newer one's findings stand
  }
  s.facts.surveyMonth = d.month;
  if (d.riskTypes) setRiskTypes(s, d.riskTypes);
  const g = d.guarantees;
  if (g) {
    s.facts.foodAndClothingSecured = g.foodAndClothing ?? null;
    s.facts.compulsoryEducationSecured = g.compulsoryEducation ?? null;
    s.facts.basicMedicalInsuranceSecured = g.basicMedicalInsurance ?? null;
    s.facts.drinkingWaterSecured = g.drinkingWater ?? null;
    s.facts.housingSafetyGrade = g.housingSafety ?? null;
    const unsecured: string[] = (Object.keys(GUARANTEE_LABELS) as Array<keyof typeof GUARANTEE_LABELS>)
      .filter((k) => g[k] === false)
      .map((k) => GUARANTEE_LABELS[k]);
    if (g.housingSafety === 'C' || g.housingSafety === 'D')
      unsecured.push(`住房安全（${g.housingSafety}级）`);
    s.facts.unsecuredGuarantees = unsecured.length ? unsecured.join('、') : '无';
  }
  recomputeMedicalRecorded(s, year);
}

export function occur(s: SubjectState, kind: string, day: string) {
  const list = s.occurrences[kind] ?? [];
  if (!list.includes(day)) list.push(day);
  list.sort();
  s.occurrences[kind] = list.slice(-KEEP_OCCURRENCES);
}
