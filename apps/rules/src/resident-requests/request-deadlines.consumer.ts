import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { ResidentRequestDeadlineReachedV1, ResidentRequestStatusChangedV1 } from '@lib/contracts';
import { Alert, openKeyOf } from '../alerts/alert.schema';
import { AlertsRepository } from '../alerts/alerts.repository';
import {
  REQUEST_OVERDUE_RULE,
  requestAlertPeriod,
  requestDeadlineAlert,
} from './domain/request-deadline-alerts';

/**
 * requests.events.v1 (additive to rules' evaluation, which it does not touch): a deadline notice
 * raises 诉求办理超期 once (the alert id and open key are the request's, round's and stage's); a
 * request concluded or closed resolves the open ones of its round. Safe to redeliver.
 */
@Controller()
export class RequestDeadlinesConsumer {
  constructor(private readonly alerts: AlertsRepository) {}

  @EventPattern(ResidentRequestDeadlineReachedV1.type)
  async onDeadlineReached(e: ResidentRequestDeadlineReachedV1) {
    // a redelivery is refused by the alert's deterministic id: raised once
    await this.alerts.apply([requestDeadlineAlert(e, openKeyOf) as Alert], [], 'auto');
  }

  @EventPattern(ResidentRequestStatusChangedV1.type)
  async onStatusChanged(e: ResidentRequestStatusChangedV1) {
    const d = e.data;
    if (d.to !== 'concluded' && d.to !== 'visited') return;
    const keys = (['approaching', 'overdue'] as const).map((s) =>
      openKeyOf(d.requestId, REQUEST_OVERDUE_RULE, requestAlertPeriod(d.round, s)),
    );
    const open = await this.alerts.openByKeys(keys);
    await this.alerts.resolve([...open.values()], 'auto', '诉求已办结');
  }
}
