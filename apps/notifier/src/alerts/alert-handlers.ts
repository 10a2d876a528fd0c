import { Controller, Inject } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { AlertAcknowledgedV1, AlertRaisedV1, AlertResolvedV1, orgUnitsOfVillage } from '@lib/contracts';
import { NotifierConfig } from '../config';
import { PlanDeliveries } from '../deliveries/plan-deliveries';
import { NOTIFIER_CONFIG } from '../notifier.tokens';
import { AlertStatesRepository } from './alert-states.repository';
import { escalationDueAt, escalationMinutesOf } from './escalation-policy';
import { EscalationQueue } from './escalation-queue';

/**
 * rules.alerts.v1: a raised alert is recorded (open), sent to its recipients and, when it has an
 * escalation time, its first escalation is scheduled; acknowledging or resolving it records the
 * state and removes its pending escalations. All three are safe to redeliver.
 */
@Controller()
export class AlertHandlers {
  constructor(
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    private readonly plan: PlanDeliveries,
    private readonly alerts: AlertStatesRepository,
    private readonly escalations: EscalationQueue,
  ) {}

  @EventPattern(AlertRaisedV1.type)
  async onAlertRaised(e: AlertRaisedV1) {
    const a = e.data;
    const minutes = escalationMinutesOf(a, {
      high: this.config.ESCALATION_DEFAULT_MINUTES_HIGH,
      medium: this.config.ESCALATION_DEFAULT_MINUTES_MEDIUM,
      low: this.config.ESCALATION_DEFAULT_MINUTES_LOW,
    });
    const raisedAt = new Date(a.raisedAt);
    const state = await this.alerts.raised(a.alertId, {
      countyCode: orgUnitsOfVillage(a.villageCode).countyCode,
      townCode: a.townCode,
      villageCode: a.villageCode,
      subjectId: a.subjectId,
      ruleId: a.ruleId,
      severity: a.severity,
      title: a.title,
      message: a.message,
      recipientRoles: a.recipientRoles,
      escalateAfterMinutes: minutes,
      raisedAt,
    });
    await this.plan.forAlert(e);
    if (state.status === 'open' && minutes > 0)
      await this.escalations.schedule(
        a.alertId,
        1,
        escalationDueAt(raisedAt, minutes, 1, this.config.ESCALATION_MINUTE_MS),
      );
  }

  @EventPattern(AlertAcknowledgedV1.type)
  async onAlertAcknowledged(e: AlertAcknowledgedV1) {
    await this.alerts.acknowledged(e.data.alertId, new Date(e.data.acknowledgedAt));
    await this.escalations.cancel(e.data.alertId);
  }

  @EventPattern(AlertResolvedV1.type)
  async onAlertResolved(e: AlertResolvedV1) {
    await this.alerts.resolved(e.data.alertId, new Date(e.data.resolvedAt));
    await this.escalations.cancel(e.data.alertId);
  }
}
