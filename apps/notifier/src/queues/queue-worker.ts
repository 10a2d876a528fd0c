import { BeforeApplicationShutdown, Logger, OnModuleInit } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { Redis } from 'ioredis';

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
    this.worker = new Worker<T>(this.queueName, (job, token) => this.process(job, token), {
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
