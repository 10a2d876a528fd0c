import {
  AttendancePatternFlaggedV1,
  DepartmentFactReceivedV1,
  HouseholdIncomeChangedV1,
  HouseholdRegisteredV1,
  orgUnitsOfVillage,
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
  yearly: Record<'medicalDeclared' | 'medicalStays' | 'schooling', Record<string, number>>;
  /** Ids of the last events applied (a redelivery is recognised and changes nothing). */
  appliedEventIds: string[];
  /** Bumped on every write: the optimistic guard of the single writer. */
  rev: number;
}

export type SubjectEvent =
  HouseholdRegisteredV1 | HouseholdIncomeChangedV1 | DepartmentFactReceivedV1 | AttendancePatternFlaggedV1;

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

export function subjectIdOf(e: SubjectEvent): string {
  return e.type === 'attendance.pattern-flagged.v1' ? e.data.memberId : e.data.householdId;
}

export function emptyState(e: SubjectEvent): SubjectState {
  const org = orgUnitsOfVillage(e.data.villageCode);
  return {
    _id: subjectIdOf(e),
    subjectType: e.type === 'attendance.pattern-flagged.v1' ? 'team-member' : 'household',
    ...org,
    facts: {},
    monthly: {},
    occurrences: {},
    yearly: { medicalDeclared: {}, medicalStays: {}, schooling: {} },
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
      const ages = d.members.map((m) => ({ age: ageOn(m.birthDate, day), skill: m.labourSkill }));
      Object.assign(s.facts, {
        householdNumber: d.householdNumber,
        householdType: d.householdType,
        monitoringCategory: d.monitoringCategory,
        memberCount: d.memberCount,
        ableMembers: ages.filter(
          (m) =>
            m.age >= 16 &&
            m.age <= 60 &&
            (m.skill === 'ordinary' || m.skill === 'skilled' || m.skill === undefined),
        ).length,
        schoolAgeChildren: ages.filter((m) => m.age >= 6 && m.age <= 16).length,
      });
      return { trigger: 'household', asOf: day, eventFacts: {} };
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
