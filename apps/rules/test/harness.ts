import { randomUUID } from 'node:crypto';
import {
  AttendanceDayComputedV1,
  AttendancePattern,
  AttendancePatternFlaggedV1,
  HouseholdLifecycleTransitionedV1,
  HouseholdMemberAddedV1,
  HouseholdPlanMeasureAddedV1,
  HouseholdPlanMeasureCompletedV1,
  ProjectBeneficiaryWithoutBenefitV1,
  ProjectMilestoneOverdueV1,
  ProjectSalesStalledV1,
  SurveyRecordedV1,
  DepartmentFactKind,
  DepartmentFactReceivedV1,
  HouseholdIncomeChangedV1,
  HouseholdRegisteredV1,
  ThresholdSetV1,
  Topics,
} from '@lib/contracts';
import {
  AppProcess,
  attendanceDayComputed,
  attendancePatternFlagged,
  departmentFactReceived,
  householdIncomeChanged,
  householdLifecycleTransitioned,
  householdMemberAdded,
  householdPlanMeasureAdded,
  householdPlanMeasureCompleted,
  householdRegistered,
  infra,
  KafkaProbe,
  placeOf,
  projectBeneficiaryWithoutBenefit,
  projectMilestoneOverdue,
  projectSalesStalled,
  surveyRecorded as surveyRecordedEvent,
  thresholdSet as thresholdSetEvent,
  uniqueRunId,
  waitFor,
} from '@lib/testing';

export interface AlertView {
  id: string;
  ruleId: string;
  ruleVersion: number;
  severity: string;
  subjectId: string;
  subjectType: string;
  townCode: string;
  villageCode: string;
  period: string;
  status: 'open' | 'acknowledged' | 'resolved';
  title: string;
  message: string;
  explanation: Array<{ name: string; label: string; value: unknown }>;
  escalateAfterMinutes?: number;
  resolution: 'auto' | 'manual' | null;
  resolutionNote?: string | null;
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Village codes: 621299101201 (county 621299, town 621299101) and one in another county. */
export const VILLAGE = '621299101201';
export const OTHER_COUNTY_VILLAGE = '530102001001';

/**
 * The rules app as its own process(es) against the real Kafka and FerretDB, isolated per run
 * (topic prefix, consumer group, database). Events are produced as the other apps would.
 */
export class RulesHarness {
  readonly runId = uniqueRunId('ru');
  readonly prefix = `${this.runId}.`;
  readonly kafka = new KafkaProbe();
  readonly apps: AppProcess[] = [];

  get app(): AppProcess {
    return this.apps[0];
  }

  topic(base: string) {
    return `${this.prefix}${base}`;
  }

  get groupId() {
    return `${this.prefix}rules`;
  }

  /** The environment of this run's rules app (the replay command is run with it too). */
  env(): Record<string, string> {
    return {
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: this.prefix,
      KAFKA_PARTITIONS: '4',
      MONGO_URL: infra.mongoUrl,
      MONGO_DB: `${this.runId}_rules`,
      REDIS_URL: infra.redisUrl,
    };
  }

  /** Starts one more instance (same consumer group and database). */
  async startInstance(env: Record<string, string> = {}): Promise<AppProcess> {
    const app = await AppProcess.create('rules', `${this.runId}-${this.apps.length}`, {
      ...this.env(),
      ...env,
    });
    this.apps.push(app);
    await app.start();
    return app;
  }

  async start(): Promise<this> {
    await this.startInstance();
    return this;
  }

  async stop() {
    await Promise.all(this.apps.map((a) => a.stop()));
    await this.kafka.close();
  }

  async send(events: Array<{ subject: string; topic: string; value: unknown }>) {
    const byTopic = new Map<string, Array<{ key: string; value: string }>>();
    for (const e of events) {
      const list = byTopic.get(e.topic) ?? [];
      list.push({ key: e.subject, value: JSON.stringify(e.value) });
      byTopic.set(e.topic, list);
    }
    for (const [topic, messages] of byTopic) {
      this.sentTopics.add(topic);
      await this.kafka.send(this.topic(topic), messages);
    }
  }

  private readonly sentTopics = new Set<string>([Topics.households, Topics.monitoring, Topics.supervision]);

  async publish(...events: Array<{ subject: string; type: string }>) {
    await this.send(events.map((e) => ({ subject: e.subject, topic: topicOf(e.type), value: e })));
  }

  /** Waits until the rules group has consumed everything on the topics it reads. */
  async settle() {
    for (const t of this.sentTopics) await this.kafka.waitForNoLag(this.groupId, this.topic(t), 60_000);
  }

  async alertsOf(subjectId: string): Promise<AlertView[]> {
    const r = await this.app.get<Page<AlertView>>(`/api/v1/alerts?subjectId=${subjectId}&pageSize=100`);
    if (r.status !== 200) throw new Error(`alerts: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.items;
  }

  /** Waits for the subject's alerts to satisfy a check. */
  async waitForAlerts(
    subjectId: string,
    ok: (a: AlertView[]) => boolean,
    what = 'alerts',
  ): Promise<AlertView[]> {
    return waitFor(`${what} of ${subjectId}`, async () => {
      const a = await this.alertsOf(subjectId);
      return ok(a) ? a : undefined;
    });
  }

  /** The alert events on rules.alerts.v1 now, parsed. */
  async alertEvents(): Promise<Array<{ type: string; subject: string; data: Record<string, unknown> }>> {
    const records = await this.kafka.readAll(this.topic(Topics.rulesAlerts)).catch(() => []);
    return records.map((r) => JSON.parse(r.value!.toString()));
  }
}

function topicOf(type: string): string {
  if (type.startsWith('household.')) return Topics.households;
  if (type.startsWith('attendance.')) return Topics.supervision;
  if (type.startsWith('project.')) return Topics.projects;
  return Topics.monitoring;
}

export const newId = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;

export function registered(
  householdId: string,
  over: Partial<HouseholdRegisteredV1['data']> = {},
  villageCode = VILLAGE,
): HouseholdRegisteredV1 {
  return householdRegistered({
    householdId,
    householdNumber: householdId.slice(-6),
    ...placeOf(villageCode),
    members: [
      {
        memberId: `${householdId}-1`,
        relation: 'head',
        sex: 'male',
        birthDate: '1970-03-01',
        labourSkill: 'ordinary',
      },
      {
        memberId: `${householdId}-2`,
        relation: 'spouse',
        sex: 'female',
        birthDate: '1972-05-01',
        labourSkill: 'weak',
      },
    ],
    ...over,
  });
}

export function incomeChanged(
  householdId: string,
  perCapitaNetIncome: number | null,
  over: Partial<HouseholdIncomeChangedV1['data']> = {},
  villageCode = VILLAGE,
): HouseholdIncomeChangedV1 {
  const residentMembers = 2;
  const net = perCapitaNetIncome === null ? 0 : perCapitaNetIncome * residentMembers;
  return householdIncomeChanged({
    householdId,
    townCode: villageCode.slice(0, 9),
    villageCode,
    asOf: '2026-10-15T03:00:00.000Z',
    income: { wage: net, business: 0, property: 0, transfer: 0, businessCosts: 0 },
    netIncome: net,
    residentMembers: perCapitaNetIncome === null ? 0 : residentMembers,
    perCapitaNetIncome,
    ...over,
  });
}

export function departmentFact(
  householdId: string,
  kind: DepartmentFactKind,
  over: Partial<DepartmentFactReceivedV1['data']> = {},
  villageCode = VILLAGE,
): DepartmentFactReceivedV1 {
  return departmentFactReceived({
    department:
      kind.startsWith('medical') || kind === 'serious_illness_diagnosed'
        ? 'medical_insurance'
        : kind === 'disaster_report'
          ? 'emergency'
          : 'education',
    kind,
    householdId,
    townCode: villageCode.slice(0, 9),
    villageCode,
    amount: null,
    ...over,
  });
}

export function patternFlagged(
  memberId: string,
  pattern: AttendancePattern,
  day: string,
  villageCode = VILLAGE,
): AttendancePatternFlaggedV1 {
  return attendancePatternFlagged({
    memberId,
    teamId: 'team-1',
    townCode: villageCode.slice(0, 9),
    villageCode,
    day,
    pattern,
    detail: `${day} 考勤异常：${pattern}`,
  });
}

export function thresholdSet(
  over: Partial<ThresholdSetV1['data']> & Pick<ThresholdSetV1['data'], 'scope' | 'year' | 'amount'>,
): ThresholdSetV1 {
  return thresholdSetEvent({
    provinceCode: null,
    countyCode: null,
    setBy: 'user:test',
    setAt: new Date().toISOString(),
    ...over,
  });
}

export function surveyRecorded(
  householdId: string,
  over: Partial<SurveyRecordedV1['data']> = {},
  villageCode = VILLAGE,
): SurveyRecordedV1 {
  return surveyRecordedEvent({
    householdId,
    townCode: villageCode.slice(0, 9),
    villageCode,
    visitedAt: '2026-10-15T03:00:00.000Z',
    ...over,
  });
}

export function lifecycle(
  householdId: string,
  from: HouseholdLifecycleTransitionedV1['data']['from'],
  to: HouseholdLifecycleTransitionedV1['data']['to'],
  on: string,
  over: Partial<HouseholdLifecycleTransitionedV1['data']> = {},
): HouseholdLifecycleTransitionedV1 {
  return householdLifecycleTransitioned({
    householdId,
    action: to === 'risk_eliminated' ? 'eliminate' : to === 'identified' ? 'identify' : 'advance',
    from,
    to,
    on,
    channel: undefined,
    ...(to === 'risk_eliminated' ? { method: 'assisted_elimination' as const } : {}),
    by: 'user:town',
    transitionedAt: `${on}T02:00:00.000Z`,
    ...over,
  });
}

export function memberAdded(
  householdId: string,
  member: HouseholdMemberAddedV1['data']['member'],
  at = '2026-10-01T02:00:00.000Z',
): HouseholdMemberAddedV1 {
  return householdMemberAdded({ householdId, at, member });
}

export function planMeasureAdded(householdId: string, at: string): HouseholdPlanMeasureAddedV1 {
  return householdPlanMeasureAdded({
    householdId,
    measureType: 'industry',
    by: 'user:cadre',
    at,
    content: '发展冷水鱼养殖',
    responsible: { name: '帮扶责任人' },
    startOn: at.slice(0, 10),
  });
}

export function planMeasureCompleted(
  householdId: string,
  completedOn: string,
): HouseholdPlanMeasureCompletedV1 {
  return householdPlanMeasureCompleted({
    householdId,
    by: 'user:cadre',
    at: `${completedOn}T02:00:00.000Z`,
    completedOn,
  });
}

export function milestoneOverdue(
  beneficiaryHouseholdIds: string[],
  projectId = newId('project'),
): ProjectMilestoneOverdueV1 {
  return projectMilestoneOverdue({
    projectId,
    projectName: '冷水鱼养殖二期',
    title: '鱼苗投放',
    dueOn: '2026-09-30',
    detectedOn: '2026-10-12',
    daysOverdue: 12,
    beneficiaryHouseholdIds,
  });
}

export function salesStalled(
  beneficiaryHouseholdIds: string[],
  projectId = newId('project'),
): ProjectSalesStalledV1 {
  return projectSalesStalled({
    projectId,
    projectName: '林下散养鸡',
    lastSaleOn: '2026-07-20',
    detectedOn: '2026-10-05',
    beneficiaryHouseholdIds,
  });
}

export function withoutBenefit(householdId: string): ProjectBeneficiaryWithoutBenefitV1 {
  return projectBeneficiaryWithoutBenefit({
    projectName: '食用菌基地',
    householdId,
    detectedOn: '2026-10-20',
  });
}

export function dayComputed(
  memberId: string,
  day: string,
  onPost: boolean,
  excused: AttendanceDayComputedV1['data']['excused'] = null,
  villageCode = VILLAGE,
): AttendanceDayComputedV1 {
  return attendanceDayComputed({
    memberId,
    teamId: 'team-1',
    townCode: villageCode.slice(0, 9),
    villageCode,
    day,
    onPost,
    insideGeofence: onPost,
    daytimeActivity: onPost,
    firstSeen: null,
    lastSeen: null,
    presenceCount: onPost ? 3 : 0,
    excused,
  });
}
