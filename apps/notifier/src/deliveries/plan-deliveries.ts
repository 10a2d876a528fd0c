import { Controller, Inject, Injectable, Logger } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { createHash } from 'node:crypto';
import { AlertRaisedV1, orgUnitsOfVillage } from '@lib/contracts';
import { NotifierConfig } from '../config';
import { NOTIFIER_CONFIG } from '../notifier.tokens';
import { DeliveriesRepository } from './deliveries.repository';
import { Delivery } from './delivery.schema';
import { DeliveryQueue } from './delivery-queue';

export function deliveryIdOf(alertId: string, channel: string, recipient: string): string {
  return createHash('sha256').update(`${alertId}|${channel}|${recipient}`).digest('hex').slice(0, 32);
}

/**
 * For a raised alert: who gets it through which channel. The walking skeleton has one recipient,
 * the town's duty webhook; recipients by role and org unit come with the notifier issue.
 * Deliveries are written before they are queued, so a crash between the two is repaired by the
 * redelivered alert (the same ids, nothing sent twice).
 */
@Injectable()
export class PlanDeliveries {
  private readonly logger = new Logger(PlanDeliveries.name);

  constructor(
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    private readonly deliveries: DeliveriesRepository,
    private readonly queue: DeliveryQueue,
  ) {}

  async forAlert(e: AlertRaisedV1): Promise<void> {
    const a = e.data;
    if (!this.config.NOTIFIER_WEBHOOK_URL) {
      this.logger.warn(`no channel configured; alert ${a.alertId} is not sent`);
      return;
    }
    const recipient = `town-duty:${a.townCode}`;
    const delivery: Delivery = {
      _id: deliveryIdOf(a.alertId, 'webhook', recipient),
      alertId: a.alertId,
      subjectId: a.subjectId,
      countyCode: orgUnitsOfVillage(a.villageCode).countyCode,
      townCode: a.townCode,
      villageCode: a.villageCode,
      channel: 'webhook',
      target: this.config.NOTIFIER_WEBHOOK_URL,
      recipient,
      severity: a.severity,
      title: a.title,
      message: a.message,
      status: 'pending',
      attempts: [],
      createdAt: new Date(),
      finishedAt: null,
    };
    await this.deliveries.createMissing([delivery]);
    await this.queue.enqueue([delivery._id]);
  }
}

@Controller()
export class AlertHandlers {
  constructor(private readonly plan: PlanDeliveries) {}

  @EventPattern(AlertRaisedV1.type)
  onAlertRaised(e: AlertRaisedV1) {
    return this.plan.forAlert(e);
  }
}
