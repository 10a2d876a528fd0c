import { Inject, Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { SERVICE_SCOPE } from '@lib/auth';
import { REDIS_CONNECTION } from '@lib/service-kit';
import { WebhookChannel } from '../channels/webhook.channel';
import { NotifierConfig } from '../config';
import { NOTIFIER_CONFIG } from '../notifier.tokens';
import { DeliveriesRepository } from './deliveries.repository';
import { DELIVERY_QUEUE, DeliveryJob, QueueWorker } from './delivery-queue';

/** Sends one delivery through its channel; retried by BullMQ with exponential backoff and jitter. */
@Injectable()
export class DeliveryWorker extends QueueWorker<DeliveryJob> {
  protected readonly queueName = DELIVERY_QUEUE;
  protected readonly concurrency: number;
  private readonly webhook: WebhookChannel;

  constructor(
    @Inject(REDIS_CONNECTION) connection: Redis,
    @Inject(NOTIFIER_CONFIG) config: NotifierConfig,
    private readonly deliveries: DeliveriesRepository,
  ) {
    super(connection, config.QUEUE_PREFIX);
    this.concurrency = config.DELIVERY_CONCURRENCY;
    this.webhook = new WebhookChannel(config.NOTIFIER_WEBHOOK_SECRET, config.DELIVERY_TIMEOUT_MS);
  }

  protected async process(job: Job<DeliveryJob>): Promise<void> {
    const d = await this.deliveries.findById(SERVICE_SCOPE, job.data.deliveryId);
    if (!d) {
      this.logger.warn(`delivery ${job.data.deliveryId} not found; dropping job`);
      return;
    }
    if (d.status !== 'pending') return; // sent already (a re-queued or duplicated job)
    const started = Date.now();
    const result = await this.webhook.send(d.target, {
      deliveryId: d._id,
      alertId: d.alertId,
      severity: d.severity,
      title: d.title,
      message: d.message,
      townCode: d.townCode,
      villageCode: d.villageCode,
      subjectId: d.subjectId,
    });
    const attempt = {
      at: new Date(),
      ok: result.ok,
      status: result.status ?? null,
      error: result.error ?? null,
      latencyMs: Date.now() - started,
    };
    if (result.ok) return this.deliveries.finish(d, 'delivered', attempt);
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (lastAttempt) {
      await this.deliveries.finish(d, 'failed', attempt); // the dead-letter record: status failed, every attempt kept
    } else {
      await this.deliveries.recordAttempt(d._id, attempt);
    }
    throw new Error(`delivery ${d._id} failed: ${attempt.error}`);
  }
}
