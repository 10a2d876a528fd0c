import { Inject, Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { REDIS_CONNECTION } from '@lib/service-kit';
import { NotifierConfig } from '../config';
import { NOTIFIER_CONFIG } from '../notifier.tokens';
import { QueueWorker } from '../queues/queue-worker';
import { ESCALATION_QUEUE, EscalationJob } from './escalation-queue';
import { EscalateAlert } from './use-cases/escalate-alert.usecase';

/** The escalation queue's worker: each due job runs EscalateAlert. */
@Injectable()
export class EscalationWorker extends QueueWorker<EscalationJob> {
  protected readonly queueName = ESCALATION_QUEUE;
  protected readonly concurrency = 5;

  constructor(
    @Inject(REDIS_CONNECTION) connection: Redis,
    @Inject(NOTIFIER_CONFIG) config: NotifierConfig,
    private readonly escalate: EscalateAlert,
  ) {
    super(connection, config.QUEUE_PREFIX);
  }

  protected process(job: Job<EscalationJob>): Promise<void> {
    return this.escalate.run(job.data.alertId, job.data.level);
  }
}
