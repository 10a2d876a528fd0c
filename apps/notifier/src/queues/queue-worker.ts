import { BeforeApplicationShutdown, Logger, OnModuleInit } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { contextOfTraceparent, currentTraceparent, inSpan, SpanKind } from '@lib/messaging';

/** Trace context a job carries, for jobs of any queue. */
export const jobTrace = () => {
  const traceparent = currentTraceparent();
  return traceparent ? { traceparent } : {};
};

/**
 * A BullMQ worker that shuts down cleanly: on shutdown it stops taking jobs and waits for the
 * ones in progress (an interrupted job's lock expires and it returns to the queue, so nothing is lost).
 * Each job runs in a span whose parent is the trace context it carries.
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
