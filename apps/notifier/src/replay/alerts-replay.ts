import { Topics } from '@lib/contracts';
import { AppReplayOptions, keyedBuilder, ReadModelReplayResult, replayReadModel } from '@lib/persistence';
import type { AlertState } from '../alerts/alerts.schema';
import { AlertsFold } from '../alerts/domain/alert-record';
import { EscalationDefaults } from '../alerts/domain/escalation-policy';
import { ALERTS_READ_MODEL } from './alerts-pointer';

export interface AlertsReplayResult extends ReadModelReplayResult {
  alerts: number;
}

/**
 * Rebuilds the notifier's alert records from rules.alerts.v1 while the app keeps serving and
 * consuming (libs/persistence, replayReadModel): folded in memory (AlertsFold) and written to the
 * shadow `alerts_r<time>`. It derives the records only: nothing is delivered, no escalation is
 * scheduled or removed (the deliveries log and the escalation jobs are what was done, not read models).
 * `defaults` are the escalation intervals of the app's configuration now (an alert without its own).
 */
export async function replayAlerts(
  o: AppReplayOptions,
  defaults: EscalationDefaults,
): Promise<AlertsReplayResult> {
  const fold = new AlertsFold(defaults);
  const result = await replayReadModel<AlertState>(
    {
      ...o,
      topics: [`${o.topicPrefix}${Topics.rulesAlerts}`],
      readModel: ALERTS_READ_MODEL,
      collection: 'alerts',
    },
    keyedBuilder(fold),
  );
  return { ...result, alerts: fold.documents.size };
}
