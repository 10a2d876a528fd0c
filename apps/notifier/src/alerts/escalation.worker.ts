import { Inject, Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { REDIS_CONNECTION } from '@lib/service-kit';
import { NotifierConfig } from '../config';
import { NOTIFIER_CONFIG } from '../notifier.tokens';
import { QueueWorker } from '../queues/queue-worker';
import { AlertStatesStore } from './alert-states.store';
import { escalationDueAt, escalationTarget } from './escalation-policy';
import { ESCALATION_QUEUE, EscalationJob, EscalationQueue } from './escalation-queue';
import { PlanEscalation } from './plan-escalation';

/**
 * Runs a due escalation: if the alert is still open (not acknowledged, not resolved), it plans
 * deliveries to the next org level's channels — deterministic ids, so a job that runs twice sends
 * nothing twice — and schedules the level after it.
 */
@Injectable()
export class EscalationWorker extends QueueWorker<EscalationJob> {
  protected readonly queueName = ESCALATION_QUEUE;
  protected readonly concurrency = 5;

  constructor(
    @Inject(REDIS_CONNECTION) connection: Redis,
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    private readonly alerts: AlertStatesStore,
    private readonly plan: PlanEscalation,
    private readonly escalations: EscalationQueue,
  ) {
    super(connection, config.QUEUE_PREFIX);
  }

  protected async process(job: Job<EscalationJob>): Promise<void> {
    const { alertId, level } = job.data;
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
