import {
  AttendanceDayComputedV1,
  AttendancePatternFlaggedV1,
  DepartmentFactReceivedV1,
  EventDefinition,
  EventOf,
  HouseholdCategoryChangedV1,
  HouseholdClosedV1,
  HouseholdIncomeChangedV1,
  HouseholdIncomeForecastV1,
  HouseholdLifecycleTransitionedV1,
  HouseholdMemberAddedV1,
  HouseholdMemberChangedV1,
  HouseholdMemberRemovedV1,
  HouseholdPlanMeasureAddedV1,
  HouseholdPlanMeasureCompletedV1,
  HouseholdRegisteredV1,
  HouseholdUpdatedV1,
  orgUnitsOfVillage,
  ProjectBeneficiaryWithoutBenefitV1,
  ProjectMilestoneOverdueV1,
  ProjectSalesStalledV1,
  SurveyCorrectedV1,
  SurveyRecordedV1,
} from '@lib/contracts';
import { FactValue } from './subject-facts';
import { ASSISTANCE_APPLIERS } from './assistance-appliers';
import {
  Applied,
  ageOn,
  applySurvey,
  dayOf,
  KEEP_APPLIED,
  KEEP_DAYS,
  KEEP_MONTHS,
  monthIndex,
  newState,
  occur,
  ProjectRiskForHousehold,
  recomputeMedicalRecorded,
  recomputeMembers,
  recomputeYearly,
  setRiskTypes,
  SubjectEvent,
  SubjectState,
} from './subject-state';
import { applyForecast } from './forecast-applier';

/**
 * How one contract event changes a subject's state (主体状态) and which rules it triggers. Pure.
 * `split` turns an event that names several subjects (or none directly) into one per subject;
 * without it the event itself is applied to the subject it names.
 */
export interface EventApplier<E extends SubjectEvent = SubjectEvent, S extends SubjectEvent = E> {
  /** The contract event: its type, topic and schema. */
  event: EventDefinition;
  subjectType: SubjectState['subjectType'];
  split?(e: E): S[];
  apply(s: SubjectState, e: S): Applied;
}

/** An applier of events that name their subject. */
function applier<D extends EventDefinition>(
  event: D,
  subjectType: SubjectState['subjectType'],
  apply: (s: SubjectState, e: EventOf<D> & SubjectEvent) => Applied,
): EventApplier<EventOf<D> & SubjectEvent> {
  return { event, subjectType, apply };
}

/** An applier of events split into one per subject first. */
function splitApplier<D extends EventDefinition, S extends SubjectEvent>(
  event: D,
  subjectType: SubjectState['subjectType'],
  split: (e: EventOf<D> & SubjectEvent) => S[],
  apply: (s: SubjectState, e: S) => Applied,
): EventApplier<EventOf<D> & SubjectEvent, S> {
  return { event, subjectType, split, apply };
}

const household = (day: string): Applied => ({ trigger: 'household', asOf: day, eventFacts: {} });

function applyMember(
  s: SubjectState,
  e: HouseholdMemberAddedV1 | HouseholdMemberChangedV1 | HouseholdMemberRemovedV1,
): Applied {
  const day = dayOf(e.data.at);
  const members = (s.members ??= {});
  if ('member' in e.data) {
    const m = e.data.member;
    members[m.memberId] = { birthDate: m.birthDate, labourSkill: m.labourSkill ?? null };
  } else delete members[e.data.memberId];
  s.facts.memberCount = Object.keys(members).length;
  recomputeMembers(s, day);
  return household(day);
}

function applyPlanActivity(s: SubjectState, day: string): Applied {
  const last = s.facts.lastPlanActivityOn;
  if (typeof last !== 'string' || last < day) s.facts.lastPlanActivityOn = day;
  return { trigger: 'plan', asOf: day, eventFacts: {} };
}

function applySurveyEvent(s: SubjectState, e: SurveyRecordedV1 | SurveyCorrectedV1): Applied {
  applySurvey(s, e.data);
  return { trigger: 'survey', asOf: `${e.data.month}-01`, eventFacts: {} };
}

function applyProjectRisk(_s: SubjectState, e: ProjectRiskForHousehold): Applied {
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

const BENEFIT_KIND: Record<string, string> = {
  dividend: '分红',
  wage: '务工',
  land_lease: '土地流转',
  produce_purchase: '农产品收购',
};

/**
 * A project's milestone or sales event, fanned out to each beneficiary household (the event carries
 * the project's village, not theirs: only households rules knows are concerned).
 */
function projectRisksOf(e: ProjectMilestoneOverdueV1 | ProjectSalesStalledV1): ProjectRiskForHousehold[] {
  const milestone = e.type === ProjectMilestoneOverdueV1.type;
  const m = e.data as ProjectMilestoneOverdueV1['data'];
  const st = e.data as ProjectSalesStalledV1['data'];
  return [...new Set(e.data.beneficiaryHouseholdIds)].map((householdId) => ({
    type: e.type,
    id: `${e.id}|${householdId}`,
    knownOnly: true,
    data: {
      householdId,
      villageCode: e.data.villageCode,
      risk: milestone ? 'milestone_overdue' : 'sales_stalled',
      projectName: e.data.projectName,
      detail: milestone
        ? `里程碑「${m.title}」应于 ${m.dueOn} 完成，已逾期 ${m.daysOverdue} 天`
        : `已连续 ${st.months} 个月无销售（最近一次销售 ${st.lastSaleOn ?? '无'}）`,
      day: e.data.detectedOn,
      daysOverdue: milestone ? m.daysOverdue : null,
      stalledMonths: milestone ? null : st.months,
    },
  }));
}

/** A benefit not paid (项目收益未兑现) names its household and village. */
function withoutBenefitOf(e: ProjectBeneficiaryWithoutBenefitV1): ProjectRiskForHousehold[] {
  const d = e.data;
  return [
    {
      type: e.type,
      id: `${e.id}|${d.householdId}`,
      knownOnly: false,
      data: {
        householdId: d.householdId,
        villageCode: d.villageCode,
        risk: 'without_benefit',
        projectName: d.projectName,
        detail: `${d.year} 年尚未获得项目收益（利益联结方式：${BENEFIT_KIND[d.kind] ?? d.kind}）`,
        day: d.detectedOn,
        daysOverdue: null,
        stalledMonths: null,
      },
    },
  ];
}

/**
 * Every event rules evaluates, one entry each: the consumer's handlers are registered from this
 * list, and start-up checks it against what rules subscribes to (evaluation/evaluation.consumer.ts).
 */
export const EVENT_APPLIERS: readonly EventApplier[] = [
  applier(HouseholdRegisteredV1, 'household', (s, e) => {
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
    return household(day);
  }),
  applier(HouseholdMemberAddedV1, 'household', applyMember),
  applier(HouseholdMemberChangedV1, 'household', applyMember),
  applier(HouseholdMemberRemovedV1, 'household', applyMember),
  applier(HouseholdUpdatedV1, 'household', (s, e) => {
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
    return household(day);
  }),
  applier(HouseholdCategoryChangedV1, 'household', (s, e) => {
    const d = e.data;
    const day = dayOf(d.at);
    s.facts.monitoringCategory = d.to;
    if (d.to && !d.from) s.facts.monitoredSince = day;
    return household(day);
  }),
  applier(HouseholdLifecycleTransitionedV1, 'household', (s, e): Applied => {
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
  }),
  /** 注销: the household raises no alert any more; its open alerts are closed (evaluation/use-cases/evaluate-events.usecase.ts). */
  applier(HouseholdClosedV1, 'household', (s, e) => {
    s.facts.closedOn ??= e.data.on;
    s.facts.closureReason ??= e.data.reason;
    return household(e.data.on);
  }),
  applier(HouseholdPlanMeasureAddedV1, 'household', (s, e) => applyPlanActivity(s, dayOf(e.data.at))),
  applier(HouseholdPlanMeasureCompletedV1, 'household', (s, e) => applyPlanActivity(s, e.data.completedOn)),
  applier(SurveyRecordedV1, 'household', applySurveyEvent),
  applier(SurveyCorrectedV1, 'household', applySurveyEvent),
  applier(HouseholdIncomeChangedV1, 'household', (s, e) => {
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
      d.cause.kind !== 'assistance-payment' &&
      (typeof s.facts.lastSurveyMonth !== 'string' || s.facts.lastSurveyMonth < d.month)
    )
      s.facts.lastSurveyMonth = d.month;
    const series = (s.monthly.perCapitaNetIncome ??= {});
    series[d.month] = d.perCapitaNetIncome;
    for (const m of Object.keys(series).sort().slice(0, -KEEP_MONTHS)) delete series[m];
    return { trigger: 'income', asOf: `${d.month}-01`, eventFacts: {} };
  }),
  applier(DepartmentFactReceivedV1, 'household', (s, e) => {
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
      // 民政: which support (特困供养 extreme_poverty, 低保 subsistence_allowance) and the member it names
      'event.supportType': typeof d.detail.supportType === 'string' ? d.detail.supportType : null,
      'event.memberAge': null,
      'event.memberLabourSkill': null,
    };
    const member = d.memberId ? s.members?.[d.memberId] : undefined;
    if (member) {
      eventFacts['event.memberAge'] = ageOn(member.birthDate, d.occurredOn);
      eventFacts['event.memberLabourSkill'] = member.labourSkill;
    }
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
    if (d.kind === 'disaster_report' || d.kind === 'serious_illness_diagnosed' || d.kind === 'school_dropout')
      occur(s, d.kind, d.occurredOn);
    recomputeYearly(s, year);
    recomputeMedicalRecorded(s, year);
    return { trigger: 'department-fact', asOf: d.occurredOn, eventFacts };
  }),
  applier(HouseholdIncomeForecastV1, 'household', applyForecast),
  splitApplier(ProjectMilestoneOverdueV1, 'household', projectRisksOf, applyProjectRisk),
  splitApplier(ProjectSalesStalledV1, 'household', projectRisksOf, applyProjectRisk),
  splitApplier(ProjectBeneficiaryWithoutBenefitV1, 'household', withoutBenefitOf, applyProjectRisk),
  applier(AttendanceDayComputedV1, 'team-member', (s, e) => {
    const d = e.data;
    Object.assign(s, orgUnitsOfVillage(d.villageCode));
    s.facts.teamId = d.teamId;
    const days = (s.attendance ??= {});
    days[d.day] =
      d.onPost || d.excused === 'official_business' ? 'on' : d.excused === 'leave' ? 'leave' : 'off';
    for (const old of Object.keys(days).sort().slice(0, -KEEP_DAYS)) delete days[old];
    return { trigger: 'attendance-day', asOf: d.day, eventFacts: {} };
  }),
  applier(AttendancePatternFlaggedV1, 'team-member', (s, e) => {
    const d = e.data;
    Object.assign(s, orgUnitsOfVillage(d.villageCode));
    s.facts.teamId = d.teamId;
    occur(s, d.pattern, d.day);
    return {
      trigger: 'attendance-flag',
      asOf: d.day,
      eventFacts: { 'event.pattern': d.pattern, 'event.day': d.day, 'event.detail': d.detail },
    };
  }),
  ...ASSISTANCE_APPLIERS,
];

const BY_TYPE = new Map(EVENT_APPLIERS.map((a) => [a.event.type, a]));

/** The applier of an event type; throws for a type rules does not evaluate (a wiring bug). */
export function applierOf(type: string): EventApplier {
  const a = BY_TYPE.get(type);
  if (!a)
    throw new Error(`no event applier for "${type}" (apps/rules/src/subjects/domain/event-appliers.ts)`);
  return a;
}

/** The events a contract event means for each subject it concerns (most: the event itself). */
export function subjectEventsOf(events: readonly SubjectEvent[]): SubjectEvent[] {
  return events.flatMap((e) => {
    const a = applierOf(e.type);
    return a.split ? a.split(e) : [e];
  });
}

export function subjectIdOf(e: SubjectEvent): string {
  const id = applierOf(e.type).subjectType === 'team-member' ? e.data.memberId : e.data.householdId;
  if (!id) throw new Error(`${e.type} ${e.id} names no subject`);
  return id;
}

export function emptyState(e: SubjectEvent): SubjectState {
  return newState(subjectIdOf(e), applierOf(e.type).subjectType, e.data.villageCode);
}

/**
 * Applies an event to the state (mutating it) and says what to evaluate. The caller skips events
 * whose id is in appliedEventIds.
 */
export function applyEvent(s: SubjectState, e: SubjectEvent): Applied {
  s.appliedEventIds = [...s.appliedEventIds, e.id].slice(-KEEP_APPLIED);
  return applierOf(e.type).apply(s, e);
}

/**
 * The start-up check: every event type rules subscribes to (a handler on a consumed topic) has an
 * applier, unless it is read otherwise (`otherHandlers`), and every applier's event is a catalogued
 * type carried by a consumed topic and handled. Throws, naming each gap.
 */
export function checkAppliers(opts: {
  /** The event types the consumed topics carry. */
  consumedTypes: readonly string[];
  /** The event types the consumer has handlers for. */
  handledTypes: readonly string[];
  /** Handled types that are not subject events (e.g. thresholds). */
  otherHandlers: readonly string[];
  catalog: Readonly<Record<string, EventDefinition>>;
  appliers?: readonly EventApplier[];
}): void {
  const appliers = opts.appliers ?? EVENT_APPLIERS;
  const byType = new Map(appliers.map((a) => [a.event.type, a]));
  const consumed = new Set(opts.consumedTypes);
  const handled = new Set(opts.handledTypes);
  const problems: string[] = [];
  for (const type of handled) {
    if (!opts.otherHandlers.includes(type) && !byType.has(type))
      problems.push(
        `rules subscribes to "${type}" but no event applier handles it: add one to EVENT_APPLIERS`,
      );
  }
  for (const a of appliers) {
    const type = a.event.type;
    if (opts.catalog[type] !== a.event)
      problems.push(`event applier for "${type}", which is not the catalogue's event of that type`);
    else if (!consumed.has(type))
      problems.push(`event applier for "${type}" but rules does not consume its topic ${a.event.topic}`);
    if (!handled.has(type)) problems.push(`event applier for "${type}" has no consumer handler`);
  }
  if (appliers.length !== byType.size) problems.push('two event appliers for the same event type');
  if (problems.length > 0)
    throw new Error(`rules' event appliers do not match its subscriptions: ${problems.join('; ')}`);
}
