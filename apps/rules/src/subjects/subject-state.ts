import {
  AttendanceDayComputedV1,
  AttendancePatternFlaggedV1,
  DepartmentFactReceivedV1,
  HouseholdCategoryChangedV1,
  HouseholdIncomeChangedV1,
  HouseholdLifecycleTransitionedV1,
  HouseholdMemberAddedV1,
  HouseholdMemberChangedV1,
  HouseholdMemberRemovedV1,
  HouseholdPlanMeasureAddedV1,
  HouseholdPlanMeasureCompletedV1,
  HouseholdRegisteredV1,
  HouseholdUpdatedV1,
  orgUnitsOfVillage,
  SurveyCorrectedV1,
  SurveyRecordedV1,
} from '@lib/contracts';
import { FactValue } from '../engine/facts';
import { Trigger } from '../engine/rule-language';

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
 * one household. `knownOnly`: the village is the project's, not the household's, so a household
 * rules has not seen registered is skipped rather than placed in the wrong village.
 */
export interface ProjectRiskForHousehold {
  type: 'project.risk-for-household';
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

export type SubjectEvent =
  | HouseholdRegisteredV1
  | HouseholdUpdatedV1
  | HouseholdCategoryChangedV1
  | HouseholdMemberAddedV1
  | HouseholdMemberChangedV1
  | HouseholdMemberRemovedV1
  | HouseholdLifecycleTransitionedV1
  | HouseholdPlanMeasureAddedV1
  | HouseholdPlanMeasureCompletedV1
  | HouseholdIncomeChangedV1
  | SurveyRecordedV1
  | SurveyCorrectedV1
  | DepartmentFactReceivedV1
  | ProjectRiskForHousehold
  | AttendancePatternFlaggedV1
  | AttendanceDayComputedV1;

export interface Applied {
  trigger: Trigger;
  /** The day the fact stands for (YYYY-MM-DD): period and windows count from it. */
  asOf: string;
  /** Facts of the triggering event only (`event.*`), not kept. */
  eventFacts: Record<string, FactValue>;
}

const KEEP_APPLIED = 50;
const KEEP_OCCURRENCES = 100;
const KEEP_MONTHS = 36;
const KEEP_DAYS = 100;

const isTeamMemberEvent = (e: SubjectEvent): e is AttendancePatternFlaggedV1 | AttendanceDayComputedV1 =>
  e.type === 'attendance.pattern-flagged.v1' || e.type === 'attendance.day-computed.v1';

export function subjectIdOf(e: SubjectEvent): string {
  return isTeamMemberEvent(e) ? e.data.memberId : e.data.householdId;
}

export function emptyState(e: SubjectEvent): SubjectState {
  const org = orgUnitsOfVillage(e.data.villageCode);
  return {
    _id: subjectIdOf(e),
    subjectType: isTeamMemberEvent(e) ? 'team-member' : 'household',
    ...org,
    facts: {},
    monthly: {},
    occurrences: {},
    yearly: { medicalDeclared: {}, medicalStays: {}, schooling: {}, surveyMedical: {} },
    members: {},
    appliedEventIds: [],
    rev: 0,
  };
}

const ageOn = (birthDate: string, day: string) => {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
};

const sumValues = (r: Record<string, number>, year: string) => r[year] ?? 0;

function recomputeYearly(s: SubjectState, year: string) {
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
const dayOf = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

const monthIndex = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;

function setRiskTypes(s: SubjectState, types: readonly string[]) {
  s.facts.riskTypes = types.length ? types.map((t) => RISK_LABELS[t] ?? t).join('、') : '无';
  s.facts.riskIllness = types.includes('illness');
  s.facts.riskLackOfLabour = types.includes('lack_of_labour');
}

/** Medical spending recorded anywhere for the year: survey, the household's ledger, departments. */
function recomputeMedicalRecorded(s: SubjectState, year: string) {
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
function recomputeMembers(s: SubjectState, day: string) {
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
function applySurvey(s: SubjectState, d: SurveyRecordedV1['data']) {
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

function occur(s: SubjectState, kind: string, day: string) {
  const list = s.occurrences[kind] ?? [];
  if (!list.includes(day)) list.push(day);
  list.sort();
  s.occurrences[kind] = list.slice(-KEEP_OCCURRENCES);
}

/**
 * Applies an event to the state (mutating it) and says what to evaluate. The caller skips events
 * whose id is in appliedEventIds.
 */
export function applyEvent(s: SubjectState, e: SubjectEvent): Applied {
  s.appliedEventIds = [...s.appliedEventIds, e.id].slice(-KEEP_APPLIED);
  switch (e.type) {
    case 'household.registered.v1': {
      const d = e.data;
      const day = d.registeredAt.slice(0, 10);
      Object.assign(s, {
        provinceCode: d.provinceCode,
        countyCode: d.countyCode,
        townCode: d.townCode,
        villageCode: d.villageCode,
      });
      s.members = Object.fromEntries(
        d.members.map((m) => [m.memberId, { birthDate: m.birthDate, labourSkill: m.labourSkill ?? null }]),
      );
      Object.assign(s.facts, {
        householdNumber: d.householdNumber,
        householdType: d.householdType,
        monitoringCategory: d.monitoringCategory,
        memberCount: d.memberCount,
      });
      s.facts.riskEliminated ??= false;
      if (d.monitoringCategory) s.facts.monitoredSince ??= day;
      recomputeMembers(s, day);
      return { trigger: 'household', asOf: day, eventFacts: {} };
    }
    case 'household.member-added.v1':
    case 'household.member-changed.v1':
    case 'household.member-removed.v1': {
      const d = e.data;
      const day = dayOf(d.at);
      const members = (s.members ??= {});
      if (e.type === 'household.member-removed.v1') delete members[e.data.memberId];
      else {
        const m = e.data.member;
        members[m.memberId] = { birthDate: m.birthDate, labourSkill: m.labourSkill ?? null };
      }
      s.facts.memberCount = Object.keys(members).length;
      recomputeMembers(s, day);
      return { trigger: 'household', asOf: day, eventFacts: {} };
    }
    case 'household.updated.v1': {
      const d = e.data;
      const day = dayOf(d.at);
      const c = d.changes;
      if (Array.isArray(c.riskTypes)) setRiskTypes(s, c.riskTypes.map(String));
      if (c.householdType === 'lifted_out_of_poverty' || c.householdType === 'ordinary')
        s.facts.householdType = c.householdType;
      if (typeof c.medicalOutOfPocket === 'number') {
        s.facts.ledgerMedicalOutOfPocket = c.medicalOutOfPocket;
        recomputeMedicalRecorded(s, day.slice(0, 4));
      }
      return { trigger: 'household', asOf: day, eventFacts: {} };
    }
    case 'household.category-changed.v1': {
      const d = e.data;
      const day = dayOf(d.at);
      s.facts.monitoringCategory = d.to;
      if (d.to && !d.from) s.facts.monitoredSince = day;
      return { trigger: 'household', asOf: day, eventFacts: {} };
    }
    case 'household.lifecycle-transitioned.v1': {
      const d = e.data;
      s.facts.lifecycleState = d.to;
      if (d.decision === 'rejected') {
        // a decision said no: the household is back where it stood (not a step of the lifecycle)
        s.facts.riskEliminated = d.to === 'risk_eliminated';
        return { trigger: 'household', asOf: d.on, eventFacts: {} };
      }
      if (d.to === 'identified') {
        s.facts.identifiedOn = d.on;
        s.facts.monitoredSince = d.on;
        s.facts.eliminatedOn = null;
        s.facts.monthsMonitored = null;
      }
      s.facts.riskEliminated = d.to === 'risk_eliminated';
      if (d.to === 'risk_eliminated') {
        s.facts.eliminatedOn = d.on;
        s.facts.eliminationMethod =
          d.method === 'assisted_elimination'
            ? '帮扶消除'
            : d.method === 'natural_elimination'
              ? '自然消除'
              : null;
        const from = s.facts.identifiedOn;
        s.facts.monthsMonitored = typeof from === 'string' ? monthIndex(d.on) - monthIndex(from) : null;
      }
      return { trigger: 'lifecycle', asOf: d.on, eventFacts: { 'event.lifecycleTo': d.to } };
    }
    case 'household.plan-measure-added.v1':
    case 'household.plan-measure-completed.v1': {
      const day = e.type === 'household.plan-measure-completed.v1' ? e.data.completedOn : dayOf(e.data.at);
      const last = s.facts.lastPlanActivityOn;
      if (typeof last !== 'string' || last < day) s.facts.lastPlanActivityOn = day;
      return { trigger: 'plan', asOf: day, eventFacts: {} };
    }
    case 'survey.recorded.v1':
    case 'survey.corrected.v1': {
      applySurvey(s, e.data);
      return { trigger: 'survey', asOf: `${e.data.month}-01`, eventFacts: {} };
    }
    case 'project.risk-for-household': {
      const d = e.data;
      return {
        trigger: 'project',
        asOf: d.day,
        eventFacts: {
          'event.projectRisk': d.risk,
          'event.projectName': d.projectName,
          'event.projectDetail': d.detail,
          'event.daysOverdue': d.daysOverdue,
          'event.stalledMonths': d.stalledMonths,
        },
      };
    }
    case 'attendance.day-computed.v1': {
      const d = e.data;
      Object.assign(s, orgUnitsOfVillage(d.villageCode));
      s.facts.teamId = d.teamId;
      const days = (s.attendance ??= {});
      days[d.day] =
        d.onPost || d.excused === 'official_business' ? 'on' : d.excused === 'leave' ? 'leave' : 'off';
      for (const old of Object.keys(days).sort().slice(0, -KEEP_DAYS)) delete days[old];
      return { trigger: 'attendance-day', asOf: d.day, eventFacts: {} };
    }
    case 'household-income.changed.v1': {
      const d = e.data;
      Object.assign(s.facts, {
        perCapitaNetIncome: d.perCapitaNetIncome,
        previousPerCapitaNetIncome: d.previousPerCapitaNetIncome,
        monthOverMonthChange: d.monthOverMonthChange,
        yearOverYearChange: d.yearOverYearChange,
        netIncome: d.netIncome,
        residentMembers: d.residentMembers,
        incomeMonth: d.month,
        incomeCause: d.cause.kind,
      });
      if (
        d.cause.kind !== 'project-distribution' &&
        (typeof s.facts.lastSurveyMonth !== 'string' || s.facts.lastSurveyMonth < d.month)
      )
        s.facts.lastSurveyMonth = d.month;
      const series = (s.monthly.perCapitaNetIncome ??= {});
      series[d.month] = d.perCapitaNetIncome;
      for (const m of Object.keys(series).sort().slice(0, -KEEP_MONTHS)) delete series[m];
      return { trigger: 'income', asOf: `${d.month}-01`, eventFacts: {} };
    }
    case 'department-fact.received.v1': {
      const d = e.data;
      const year = (d.period ?? d.occurredOn).slice(0, 4);
      const yearlyFigure = d.period !== null && /^\d{4}$/.test(d.period);
      const eventFacts: Record<string, FactValue> = {
        'event.department': d.department,
        'event.kind': d.kind,
        'event.amount': d.amount,
        'event.occurredOn': d.occurredOn,
        'event.subType': typeof d.detail.subType === 'string' ? d.detail.subType : null,
        'event.medicalStay': null,
      };
      if (d.amount !== null && d.kind === 'medical_out_of_pocket') {
        if (yearlyFigure) {
          s.yearly.medicalDeclared[year] = Math.max(s.yearly.medicalDeclared[year] ?? 0, d.amount);
        } else {
          s.yearly.medicalStays[year] = (s.yearly.medicalStays[year] ?? 0) + d.amount;
          eventFacts['event.medicalStay'] = d.amount;
        }
      }
      if (d.amount !== null && d.kind === 'schooling_cost') {
        s.yearly.schooling[year] = yearlyFigure ? d.amount : (s.yearly.schooling[year] ?? 0) + d.amount;
      }
      if (
        d.kind === 'disaster_report' ||
        d.kind === 'serious_illness_diagnosed' ||
        d.kind === 'school_dropout'
      )
        occur(s, d.kind, d.occurredOn);
      recomputeYearly(s, year);
      recomputeMedicalRecorded(s, year);
      return { trigger: 'department-fact', asOf: d.occurredOn, eventFacts };
    }
    case 'attendance.pattern-flagged.v1': {
      const d = e.data;
      Object.assign(s, orgUnitsOfVillage(d.villageCode));
      s.facts.teamId = d.teamId;
      occur(s, d.pattern, d.day);
      return {
        trigger: 'attendance-flag',
        asOf: d.day,
        eventFacts: { 'event.pattern': d.pattern, 'event.day': d.day, 'event.detail': d.detail },
      };
    }
  }
}
