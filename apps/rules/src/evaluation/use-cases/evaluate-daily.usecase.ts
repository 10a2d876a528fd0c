import { Injectable } from '@nestjs/common';
import { SERVICE_SCOPE } from '@lib/auth';
import { AlertsRepository } from '../../alerts/alerts.repository';
import { openKeyOf } from '../../alerts/alert.schema';
import { contextOf, decide, isClosed, Outcome } from '../../engine/evaluate';
import { RuleVersionsRepository } from '../../rules/rule-versions.repository';
import { SubjectsStore } from '../../subjects/subjects.store';
import { ThresholdsRepository } from '../../thresholds/thresholds.repository';
import { HeldSubjects } from '../held-subjects';
import { countEvaluations } from '../rule-metrics';

/** 每日规则检查: the time-based rules over every subject, once a day (the scheduler runs it). */
@Injectable()
export class EvaluateDaily {
  constructor(
    private readonly subjects: SubjectsStore,
    private readonly alerts: AlertsRepository,
    private readonly held: HeldSubjects,
    private readonly thresholds: ThresholdsRepository,
    private readonly rules: RuleVersionsRepository,
  ) {}

  /**
   * The daily pass of time-based rules (trigger `daily`) over every household at `day`: raises what
   * holds, resolves what cleared; subject states are read, not changed. Idempotent (open keys).
   */
  async execute(day: string): Promise<{ subjects: number; raised: number; resolved: number }> {
    const [thresholds, book] = await Promise.all([this.thresholds.all(), this.rules.current()]);
    let subjects = 0;
    let raised = 0;
    let resolved = 0;
    for (const subjectType of ['household', 'team-member'] as const) {
      for await (const page of this.subjects.scan(SERVICE_SCOPE, subjectType)) {
        subjects += page.length;
        const outcomes: Outcome[] = [];
        for (const s of page) {
          if (isClosed(s)) continue;
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
        await this.alerts.apply(raise, resolve, 'auto');
        // the holders of these subjects re-read them before their next write
        await this.held.changedElsewhere([...new Set([...raise, ...resolve].map((a) => a.subjectId))]);
        countEvaluations(outcomes, raise, resolve);
        raised += raise.length;
        resolved += resolve.length;
      }
    }
    return { subjects, raised, resolved };
  }
}
