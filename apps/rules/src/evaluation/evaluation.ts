import { Injectable } from '@nestjs/common';
import { AlertsRepository } from '../alerts/alerts.repository';
import { chinaDay } from '../engine/rule-book';
import { contextOf, decide, evaluateEvents, Outcome } from '../engine/evaluate';
import { openKeyOf } from '../alerts/alert.schema';
import { SERVICE_SCOPE } from '@lib/auth';
import { RuleVersionsRepository } from '../rules/rule-versions.repository';
import { subjectIdOf } from '../subjects/domain/event-appliers';
import { SubjectEvent } from '../subjects/domain/subject-state';
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
