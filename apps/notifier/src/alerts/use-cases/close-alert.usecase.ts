import { Injectable } from '@nestjs/common';
import { AlertStatesStore } from '../alerts.store';
import { EscalationQueue } from '../escalation-queue';

/** An alert acknowledged or resolved: its state recorded and its pending escalations removed. Safe to redeliver. */
@Injectable()
export class CloseAlert {
  constructor(
    private readonly alerts: AlertStatesStore,
    private readonly escalations: EscalationQueue,
  ) {}

  async acknowledged(alertId: string, at: Date): Promise<void> {
    await this.alerts.acknowledged(alertId, at);
    await this.escalations.cancel(alertId);
  }

  async resolved(alertId: string, at: Date): Promise<void> {
    await this.alerts.resolved(alertId, at);
    await this.escalations.cancel(alertId);
  }
}
