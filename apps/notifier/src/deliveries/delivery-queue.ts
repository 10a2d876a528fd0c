import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { contextOfTraceparent, currentTraceparent, inSpan, SpanKind } from '@lib/messaging';
import { REDIS_CONNECTION } from '@lib/service-kit';
import { NOTIFIER_CONFIG } from '../notifier.tokens';
import { NotifierConfig } from '../config';
import { exposeQueue } from './notifier-metrics';

export const DELIVERY_QUEUE = 'deliveries';

export interface DeliveryJob {
  /** Jobs carry only the id; the delivery's state lives in the database. */
  deliveryId: string;
  /** W3C trace context of what queued it (the consumed alert event) */
  traceparent?: string;
}

/** Trace context a job carries, for jobs of any queue. */
export const jobTrace = () => {
  const traceparent = currentTraceparent();
  return traceparent ? { traceparent } : {};
};

/**
 * A BullMQ worker that shuts down cleanly: on shutdown it stops taking jobs and waits for the
 * ones in progress (an interrupted job's lock expires and it returns to the queue, so nothing is lost).
 */
export abstract class QueueWorker<T> implements OnModuleInit, BeforeApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private worker: Worker<T> | null = null;

  protected abstract readonly queueName: string;
  protected abstract readonly concurrency: number;
  protected abstract process(job: Job<T>, token?: string): Promise<void>;

  constructor(
    protected readonly connection: Redis,
    protected readonly prefix: string,
  ) {}

  onModuleInit() {
    const run = (job: Job<T>, token?: string) =>
      inSpan(
        `${this.queueName} process`,
        {
          kind: SpanKind.CONSUMER,
          parent: contextOfTraceparent((job.data as { traceparent?: string }).traceparent),
          attributes: {
            'messaging.system': 'bullmq',
            'messaging.operation.type': 'process',
            'messaging.destination.name': this.queueName,
            'messaging.message.id': job.id ?? '',
            'bullmq.attempts_made': job.attemptsMade,
          },
        },
        () => this.process(job, token),
      );
    this.worker = new Worker<T>(this.queueName, run, {
      connection: this.connection.duplicate(),
      prefix: this.prefix,
      concurrency: this.concurrency,
      autorun: true,
    });
    this.worker.on('error', (e) => this.logger.warn(`worker error: ${e.message}`));
  }

  async beforeApplicationShutdown() {
    await this.worker?.close();
  }
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
