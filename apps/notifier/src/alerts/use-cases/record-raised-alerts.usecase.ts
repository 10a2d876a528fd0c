import { Inject, Injectable } from '@nestjs/common';
import { AlertRaisedV1 } from '@lib/contracts';
import { NotifierConfig } from '../../config';
import { PlanDeliveries } from '../../deliveries/use-cases/plan-deliveries.usecase';
import { NOTIFIER_CONFIG } from '../../notifier.tokens';
import { AlertStatesStore } from '../alerts.store';
import { raisedFacts } from '../domain/alert-record';
import { escalationDefaultsOf, escalationDueAt } from '../domain/escalation-policy';
import { EscalationQueue } from '../escalation-queue';

/**
 * A run of raised alerts at once (issue 17): their states in one insert, their deliveries planned together
 * (PlanDeliveries.forAlerts) and their first escalations scheduled in one call. A redelivered run writes
 * nothing new (deterministic ids everywhere).
 */
@Injectable()
export class RecordRaisedAlerts {
  constructor(
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    private readonly plan: PlanDeliveries,
    private readonly alerts: AlertStatesStore,
    private readonly escalations: EscalationQueue,
  ) {}

  async run(batch: AlertRaisedV1[]): Promise<void> {
    // the same alert twice in a run (a redelivery): its last raise
    const events = [...new Map(batch.map((e) => [e.data.alertId, e])).values()];
    const defaults = escalationDefaultsOf(this.config);
    const facts = new Map(events.map(({ data: a }) => [a.alertId, raisedFacts(a, defaults)]));
    const states = await this.alerts.raisedMany(
      events.map(({ data: a }) => ({ alertId: a.alertId, facts: facts.get(a.alertId)! })),
    );
    await this.plan.forAlerts(events);
    await this.escalations.scheduleMany(
      events.flatMap(({ data: a }) => {
        const minutes = facts.get(a.alertId)!.escalateAfterMinutes;
        if (states.get(a.alertId)?.status !== 'open' || minutes <= 0) return [];
        const due = escalationDueAt(new Date(a.raisedAt), minutes, 1, this.config.ESCALATION_MINUTE_MS);
        return [{ alertId: a.alertId, level: 1, dueAt: due }];
      }),
    );
  }
}
