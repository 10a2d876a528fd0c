import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { BatchEventPattern } from '@lib/messaging';
import { AlertAcknowledgedV1, AlertRaisedV1, AlertResolvedV1 } from '@lib/contracts';
import { CloseAlert } from './use-cases/close-alert.usecase';
import { RecordRaisedAlerts } from './use-cases/record-raised-alerts.usecase';

/**
 * rules.alerts.v1: a raised alert is recorded (open), sent to its recipients and, when it has an
 * escalation time, its first escalation is scheduled; acknowledging or resolving it records the
 * state and removes its pending escalations. All three are safe to redeliver.
 */
@Controller()
export class AlertsConsumer {
  constructor(
    private readonly recordRaised: RecordRaisedAlerts,
    private readonly closeAlert: CloseAlert,
  ) {}

  /** A run of raised alerts at once (RecordRaisedAlerts). */
  @BatchEventPattern(AlertRaisedV1.type)
  onAlertsRaised(batch: AlertRaisedV1[]) {
    return this.recordRaised.run(batch);
  }

  @EventPattern(AlertAcknowledgedV1.type)
  onAlertAcknowledged(e: AlertAcknowledgedV1) {
    return this.closeAlert.acknowledged(e.data.alertId, new Date(e.data.acknowledgedAt));
  }

  @EventPattern(AlertResolvedV1.type)
  onAlertResolved(e: AlertResolvedV1) {
    return this.closeAlert.resolved(e.data.alertId, new Date(e.data.resolvedAt));
  }
}
