import { Inject, Injectable, Logger } from '@nestjs/common';
import { NotifierConfig } from '../../config';
import { NOTIFIER_CONFIG } from '../../notifier.tokens';
import { AlertStatesStore } from '../alerts.store';
import { escalationDueAt, escalationTarget } from '../domain/escalation-policy';
import { EscalationQueue } from '../escalation-queue';
import { PlanEscalation } from './plan-escalation.usecase';

/**
 * A due escalation: if the alert is still open (not acknowledged, not resolved), deliveries to the next org
 * level's channels — deterministic ids, so running twice sends nothing twice — and the level after it scheduled.
 */
@Injectable()
export class EscalateAlert {
  private readonly logger = new Logger(EscalateAlert.name);

  constructor(
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    private readonly alerts: AlertStatesStore,
    private readonly plan: PlanEscalation,
    private readonly escalations: EscalationQueue,
  ) {}

  async run(alertId: string, level: number): Promise<void> {
    const a = await this.alerts.find(alertId);
    if (!a || a.status !== 'open') return; // acknowledged or resolved in time: nothing to do
    if (!a.villageCode || !a.raisedAt || !a.escalateAfterMinutes) return;
    const repeats = this.config.ESCALATION_COUNTY_REPEATS;
    const target = escalationTarget(a.villageCode, level, repeats);
    if (!target) return;
    const sent = await this.plan.forLevel(a, target);
    this.logger.log(
      `alert ${alertId} escalated to ${target.orgLevel} ${target.unit} (level ${level}, ${sent} deliveries)`,
    );
    if (escalationTarget(a.villageCode, level + 1, repeats))
      await this.escalations.schedule(
        alertId,
        level + 1,
        escalationDueAt(a.raisedAt, a.escalateAfterMinutes, level + 1, this.config.ESCALATION_MINUTE_MS),
      );
  }
}
