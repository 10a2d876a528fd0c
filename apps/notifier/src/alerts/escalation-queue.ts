import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { exposeQueue } from '../metrics/notifier-metrics';
import { jobTrace } from '../queues/queue-worker';
import { Redis } from 'ioredis';
import { REDIS_CONNECTION } from '@lib/service-kit';
import { NotifierConfig } from '../config';
import { NOTIFIER_CONFIG } from '../notifier.tokens';
import { escalationJobId, maxEscalationLevel } from './domain/escalation-policy';

export const ESCALATION_QUEUE = 'escalations';

export interface EscalationJob {
  /** Jobs carry only ids; whether the alert is still open is read from the database when due. */
  alertId: string;
  level: number;
  /** W3C trace context of the alert that scheduled it */
  traceparent?: string;
}

const DAY_S = 24 * 3600;

/**
 * Pending escalations as BullMQ delayed jobs in Redis (they survive a restart of every notifier),
 * one per alert and level under a deterministic id: scheduling twice schedules once.
 */
@Injectable()
export class EscalationQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(EscalationQueue.name);
  readonly queue: Queue<EscalationJob>;

  constructor(
    @Inject(REDIS_CONNECTION) connection: Redis,
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
  ) {
    this.queue = new Queue<EscalationJob>(ESCALATION_QUEUE, { connection, prefix: config.QUEUE_PREFIX });
    exposeQueue(this.queue as Queue);
  }

  /** Schedules level `level` of an alert for `dueAt` (epoch ms); a no-op if it is scheduled or done. */
  async schedule(alertId: string, level: number, dueAt: number): Promise<void> {
    await this.scheduleMany([{ alertId, level, dueAt }]);
  }

  /** Several escalations in one call to Redis (each a no-op if scheduled or done). */
  async scheduleMany(items: Array<{ alertId: string; level: number; dueAt: number }>): Promise<void> {
    if (items.length === 0) return;
    const now = Date.now();
    await this.queue.addBulk(
      items.map(({ alertId, level, dueAt }) => ({
        name: 'escalate',
        data: { alertId, level, ...jobTrace() },
        opts: {
          jobId: escalationJobId(alertId, level),
          delay: Math.max(0, dueAt - now),
          attempts: this.config.DELIVERY_ATTEMPTS,
          backoff: { type: 'exponential', delay: this.config.DELIVERY_BACKOFF_MS, jitter: 0.5 },
          // kept a while after it ran, so a redelivered alert.raised does not schedule it again
          removeOnComplete: { age: 30 * DAY_S },
          removeOnFail: { age: 30 * DAY_S },
        },
      })),
    );
  }

  /**
   * Removes every pending level of an alert. A job that is running right now cannot be removed;
   * it reads the alert's state itself and does nothing once the alert is acknowledged or resolved.
   */
  async cancel(alertId: string): Promise<void> {
    const levels = maxEscalationLevel(this.config.ESCALATION_COUNTY_REPEATS);
    for (let level = 1; level <= levels; level++) {
      const id = escalationJobId(alertId, level);
      try {
        await this.queue.remove(id);
      } catch (e) {
        this.logger.warn(`escalation ${id} is running and was not removed: ${(e as Error).message}`);
      }
    }
  }

  async onApplicationShutdown() {
    await this.queue.close();
  }
}
