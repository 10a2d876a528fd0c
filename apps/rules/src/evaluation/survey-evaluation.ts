import { Controller, Injectable } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { HouseholdRegisteredV1, orgUnitsOfVillage, SurveyRecordedV1 } from '@lib/contracts';
import { BatchEventPattern } from '@lib/messaging';
import { Alert } from '../alerts/alert.schema';
import { AlertsRepository } from '../alerts/alerts.repository';
import { newIncomeAlert } from '../income-rule/income-alert';
import { evaluateIncomeBelowLine, INCOME_BELOW_LINE } from '../income-rule/income-below-line';
import { HouseholdSubjectsRepository } from '../subjects/household-subjects.repository';
import { pickThreshold } from '../thresholds/threshold';
import { ThresholdsRepository } from '../thresholds/thresholds.repository';

/**
 * Evaluates surveys against the income rule, a whole run of events at once (bulk reads and writes).
 * Per household, events are taken in order: a breach opens an alert unless one is open; a survey
 * back above the line resolves the open one automatically.
 */
@Injectable()
export class SurveyEvaluation {
  constructor(
    private readonly subjects: HouseholdSubjectsRepository,
    private readonly alerts: AlertsRepository,
    private readonly thresholds: ThresholdsRepository,
  ) {}

  async evaluate(events: SurveyRecordedV1[]): Promise<void> {
    const ids = [...new Set(events.map((e) => e.data.householdId))];
    const [subjects, open, thresholds] = await Promise.all([
      this.subjects.byIds(ids),
      this.alerts.openFor(ids, INCOME_BELOW_LINE.id),
      this.thresholds.all(),
    ]);
    const toRaise: Alert[] = [];
    const toResolve: Alert[] = [];
    const fresh: SurveyRecordedV1[] = [];
    for (const e of events) {
      const d = e.data;
      const subject = subjects.get(d.householdId);
      if (subject?.appliedEventIds.includes(e.id)) continue; // redelivered: already applied
      fresh.push(e);
      const org = orgUnitsOfVillage(d.villageCode);
      const threshold = pickThreshold(thresholds, org, Number(d.month.slice(0, 4)));
      const result = evaluateIncomeBelowLine(
        {
          householdNumber: subject?.householdNumber ?? null,
          month: d.month,
          perCapitaNetIncome: d.perCapitaNetIncome,
          netIncome: d.netIncome,
          residentMembers: d.residentMembers,
        },
        threshold,
      );
      if (!result.evaluated) continue;
      const current = open.get(d.householdId);
      if (result.breached && !current) {
        const alert = newIncomeAlert(e, result);
        toRaise.push(alert);
        open.set(d.householdId, alert);
      } else if (!result.breached && current) {
        toResolve.push(current);
        open.delete(d.householdId);
      }
    }
    // Alerts first, then mark the events applied: a crash in between re-evaluates on redelivery,
    // and the open-alert key keeps that from raising a second alert.
    await this.alerts.raise(toRaise);
    await this.alerts.resolve(toResolve, 'auto');
    await this.subjects.applySurveys(fresh);
  }
}

@Controller()
export class EvaluationHandlers {
  constructor(
    private readonly evaluation: SurveyEvaluation,
    private readonly subjects: HouseholdSubjectsRepository,
  ) {}

  @BatchEventPattern(SurveyRecordedV1.type)
  onSurveys(events: SurveyRecordedV1[]) {
    return this.evaluation.evaluate(events);
  }

  @EventPattern(HouseholdRegisteredV1.type)
  onHouseholdRegistered(e: HouseholdRegisteredV1) {
    return this.subjects.applyRegistered(e);
  }
}
