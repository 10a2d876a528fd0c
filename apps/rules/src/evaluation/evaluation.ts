import { Controller, Injectable } from '@nestjs/common';
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
  ProjectBeneficiaryWithoutBenefitV1,
  ProjectMilestoneOverdueV1,
  ProjectSalesStalledV1,
  SurveyCorrectedV1,
  SurveyRecordedV1,
  ThresholdSetV1,
} from '@lib/contracts';
import { BatchEventPattern } from '@lib/messaging';
import { AlertsRepository } from '../alerts/alerts.repository';
import { chinaDay } from '../engine/rule-book';
import { contextOf, decide, evaluateEvents, Outcome } from '../engine/evaluate';
import { openKeyOf } from '../alerts/alert.schema';
import { SERVICE_SCOPE } from '@lib/auth';
import { RuleVersionsRepository } from '../rules/rule-versions.repository';
import { ProjectRiskForHousehold, SubjectEvent, subjectIdOf } from '../subjects/subject-state';
import { SubjectsRepository } from '../subjects/subjects.repository';
import { ThresholdsRepository } from '../thresholds/thresholds.repository';
import { countEvaluations } from './rule-metrics';

/**
 * Applies a run of events to the subjects' states and evaluates the rules they trigger, with bulk
 * reads and writes. Per subject, events are taken in order.
 *
 * Alerts are written first, then the states (with the applied event ids): a crash in between
 * re-evaluates on redelivery, and the deterministic alert id and the open key (subject, rule,
 * period) keep that — or a second instance — from raising twice.
 */
@Injectable()
export class Evaluation {
  constructor(
    private readonly subjects: SubjectsRepository,
    private readonly alerts: AlertsRepository,
    private readonly thresholds: ThresholdsRepository,
    private readonly rules: RuleVersionsRepository,
  ) {}

  async evaluate(events: SubjectEvent[]): Promise<void> {
    let pending = events;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === 5)
        throw new Error(`主体状态写入冲突 (subject state kept changing under ${pending.length} events)`);
      const conflicts = await this.evaluateOnce(pending);
      pending = pending.filter((e) => conflicts.has(subjectIdOf(e)));
    }
  }

  /**
   * The daily pass of time-based rules (trigger `daily`) over every household at `day`: raises what
   * holds, resolves what cleared; subject states are read, not changed. Idempotent (open keys).
   */
  async evaluateDaily(day: string): Promise<{ subjects: number; raised: number; resolved: number }> {
    const [thresholds, book] = await Promise.all([this.thresholds.all(), this.rules.current()]);
    let subjects = 0;
    let raised = 0;
    let resolved = 0;
    for (const subjectType of ['household', 'team-member'] as const) {
      for await (const page of this.subjects.scan(SERVICE_SCOPE, subjectType)) {
        subjects += page.length;
        const outcomes: Outcome[] = [];
        for (const s of page) {
          const rules = book.applicable(s.subjectType, 'daily', s.countyCode, s.townCode, day);
          if (rules.length === 0) continue;
          const ctx = contextOf(s, day, {}, thresholds);
          for (const rule of rules) {
            const period = rule.compiled.periodOf(day);
            // one alert per subject, rule and period: a resolved one is not raised again by the
            // next day's pass in the same period (same alert id)
            outcomes.push({
              rule,
              subject: s,
              eventId: `daily:${period}`,
              period,
              openKey: openKeyOf(s._id, rule.ruleId, period),
              holds: rule.compiled.test(ctx),
              ctx,
            });
          }
        }
        const open = await this.alerts.openByKeys(
          outcomes.filter((o) => o.holds !== null).map((o) => o.openKey),
        );
        const { raise, resolve } = decide(outcomes, open, new Date());
        await this.alerts.raise(raise);
        await this.alerts.resolve(resolve, 'auto');
        countEvaluations(outcomes, raise, resolve);
        raised += raise.length;
        resolved += resolve.length;
      }
    }
    return { subjects, raised, resolved };
  }

  private async evaluateOnce(events: SubjectEvent[]): Promise<Set<string>> {
    const [states, thresholds, book] = await Promise.all([
      this.subjects.byIds(events.map(subjectIdOf)),
      this.thresholds.all(),
      this.rules.current(),
    ]);
    const { changed, outcomes } = evaluateEvents(events, states, book, thresholds, chinaDay());
    const open = await this.alerts.openByKeys(outcomes.filter((o) => o.holds !== null).map((o) => o.openKey));
    const { raise, resolve } = decide(outcomes, open, new Date());
    await this.alerts.raise(raise);
    await this.alerts.resolve(resolve, 'auto');
    countEvaluations(outcomes, raise, resolve);
    return this.subjects.save([...changed.values()]);
  }
}

/**
 * Project risks (产业项目风险) as per-household events: a project's milestone or sales event is
 * fanned out to each beneficiary household rules knows (the event carries the project's village,
 * not theirs); a benefit not paid names its household and village.
 */
export function projectRisksForHouseholds(
  events: Array<ProjectMilestoneOverdueV1 | ProjectSalesStalledV1 | ProjectBeneficiaryWithoutBenefitV1>,
): ProjectRiskForHousehold[] {
  const out: ProjectRiskForHousehold[] = [];
  for (const e of events) {
    if (e.type === ProjectBeneficiaryWithoutBenefitV1.type) {
      const d = e.data as ProjectBeneficiaryWithoutBenefitV1['data'];
      out.push({
        type: 'project.risk-for-household',
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
      });
      continue;
    }
    const milestone = e.type === ProjectMilestoneOverdueV1.type;
    const m = e.data as ProjectMilestoneOverdueV1['data'];
    const st = e.data as ProjectSalesStalledV1['data'];
    for (const householdId of new Set(e.data.beneficiaryHouseholdIds))
      out.push({
        type: 'project.risk-for-household',
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
      });
  }
  return out;
}

const BENEFIT_KIND: Record<string, string> = {
  dividend: '分红',
  wage: '务工',
  land_lease: '土地流转',
  produce_purchase: '农产品收购',
};

@Controller()
export class EvaluationHandlers {
  constructor(
    private readonly evaluation: Evaluation,
    private readonly thresholds: ThresholdsRepository,
  ) {}

  @BatchEventPattern(HouseholdIncomeChangedV1.type)
  onIncome(events: HouseholdIncomeChangedV1[]) {
    return this.evaluation.evaluate(events);
  }

  @BatchEventPattern(DepartmentFactReceivedV1.type)
  onDepartmentFacts(events: DepartmentFactReceivedV1[]) {
    return this.evaluation.evaluate(events);
  }

  @BatchEventPattern(AttendancePatternFlaggedV1.type)
  onAttendanceFlags(events: AttendancePatternFlaggedV1[]) {
    return this.evaluation.evaluate(events);
  }

  @BatchEventPattern(HouseholdRegisteredV1.type)
  onHouseholdRegistered(events: HouseholdRegisteredV1[]) {
    return this.evaluation.evaluate(events);
  }

  @BatchEventPattern(HouseholdUpdatedV1.type)
  onHouseholdUpdated(events: HouseholdUpdatedV1[]) {
    return this.evaluation.evaluate(events);
  }

  @BatchEventPattern(HouseholdCategoryChangedV1.type)
  onCategoryChanged(events: HouseholdCategoryChangedV1[]) {
    return this.evaluation.evaluate(events);
  }

  @BatchEventPattern(HouseholdMemberAddedV1.type)
  onMemberAdded(events: HouseholdMemberAddedV1[]) {
    return this.evaluation.evaluate(events);
  }

  @BatchEventPattern(HouseholdMemberChangedV1.type)
  onMemberChanged(events: HouseholdMemberChangedV1[]) {
    return this.evaluation.evaluate(events);
  }

  @BatchEventPattern(HouseholdMemberRemovedV1.type)
  onMemberRemoved(events: HouseholdMemberRemovedV1[]) {
    return this.evaluation.evaluate(events);
  }

  @BatchEventPattern(HouseholdLifecycleTransitionedV1.type)
  onLifecycle(events: HouseholdLifecycleTransitionedV1[]) {
    return this.evaluation.evaluate(events);
  }

  @BatchEventPattern(HouseholdPlanMeasureAddedV1.type)
  onPlanMeasureAdded(events: HouseholdPlanMeasureAddedV1[]) {
    return this.evaluation.evaluate(events);
  }

  @BatchEventPattern(HouseholdPlanMeasureCompletedV1.type)
  onPlanMeasureCompleted(events: HouseholdPlanMeasureCompletedV1[]) {
    return this.evaluation.evaluate(events);
  }

  @BatchEventPattern(SurveyRecordedV1.type)
  onSurvey(events: SurveyRecordedV1[]) {
    return this.evaluation.evaluate(events);
  }

  @BatchEventPattern(SurveyCorrectedV1.type)
  onSurveyCorrected(events: SurveyCorrectedV1[]) {
    return this.evaluation.evaluate(events);
  }

  @BatchEventPattern(AttendanceDayComputedV1.type)
  onAttendanceDay(events: AttendanceDayComputedV1[]) {
    return this.evaluation.evaluate(events);
  }

  @BatchEventPattern(ProjectMilestoneOverdueV1.type)
  onMilestoneOverdue(events: ProjectMilestoneOverdueV1[]) {
    return this.evaluation.evaluate(projectRisksForHouseholds(events));
  }

  @BatchEventPattern(ProjectSalesStalledV1.type)
  onSalesStalled(events: ProjectSalesStalledV1[]) {
    return this.evaluation.evaluate(projectRisksForHouseholds(events));
  }

  @BatchEventPattern(ProjectBeneficiaryWithoutBenefitV1.type)
  onWithoutBenefit(events: ProjectBeneficiaryWithoutBenefitV1[]) {
    return this.evaluation.evaluate(projectRisksForHouseholds(events));
  }

  @BatchEventPattern(ThresholdSetV1.type)
  onThresholdSet(events: ThresholdSetV1[]) {
    return this.thresholds.applySet(events);
  }
}
