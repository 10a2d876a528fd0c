import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { jobTrace } from './queue-worker';
import { REDIS_CONNECTION } from '@lib/service-kit';
import { NOTIFIER_CONFIG } from '../notifier.tokens';
import { NotifierConfig } from '../config';
import { exposeQueue } from '../metrics/notifier-metrics';

export const DELIVERY_QUEUE = 'deliveries';

export interface DeliveryJob {
  /** Jobs carry only the id; the delivery's state lives in the database. */
  deliveryId: string;
  /** W3C trace context of what queued it (the consumed alert event) */
  traceparent?: string;
}

@Injectable()
export class DeliveryQueue implements OnApplicationShutdown {
  readonly queue: Queue<DeliveryJob>;

  constructor(
    @Inject(REDIS_CONNECTION) connection: Redis,
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
  ) {
    this.queue = new Queue<DeliveryJob>(DELIVERY_QUEUE, { connection, prefix: config.QUEUE_PREFIX });
    exposeQueue(this.queue as Queue);
  }

  /** The job id is the delivery id: adding the same delivery twice queues it once. */
  async enqueue(deliveryIds: string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    await this.queue.addBulk(
      deliveryIds.map((deliveryId) => ({
        name: 'deliver',
        data: { deliveryId, ...jobTrace() },
        opts: {
          jobId: deliveryId,
          attempts: this.config.DELIVERY_ATTEMPTS,
          backoff: { type: 'exponential', delay: this.config.DELIVERY_BACKOFF_MS, jitter: 0.5 },
          removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
          removeOnFail: { age: 30 * 24 * 3600 },
        },
      })),
    );
  }

  async onApplicationShutdown() {
    await this.queue.close();
  }
}
