import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { REDIS_CONNECTION } from '@lib/service-kit';
import { todayIn } from '../calendar';
import { PROJECTS_CONFIG, ProjectsConfig } from '../config';
import { CheckMicrocreditOverdue } from '../assistance/use-cases/check-microcredit-overdue.usecase';
import { RaiseFindings } from './use-cases/raise-findings.usecase';

export const PROGRESS_QUEUE = 'projects-progress';
const SCHEDULER_ID = 'progress-check';

/**
 * The periodic progress check as a BullMQ job scheduler in Redis: however many instances run, one
 * job is produced per interval and one worker takes it. Each finding is raised once per period
 * anyway (deterministic ids), so a repeated run changes nothing.
 */
@Injectable()
export class ProgressScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ProgressScheduler.name);
  private queue: Queue | null = null;
  private worker: Worker | null = null;

  constructor(
    @Inject(REDIS_CONNECTION) private readonly redis: Redis,
    @Inject(PROJECTS_CONFIG) private readonly config: ProjectsConfig,
    private readonly raiseFindings: RaiseFindings,
    private readonly microcredit: CheckMicrocreditOverdue,
  ) {}

  async onApplicationBootstrap() {
    const every = this.config.PROJECTS_CHECK_EVERY_MS;
    if (every === 0) return;
    const prefix = this.config.QUEUE_PREFIX;
    this.queue = new Queue(PROGRESS_QUEUE, { connection: this.redis.duplicate(), prefix });
    await this.queue.upsertJobScheduler(
      SCHEDULER_ID,
      { every },
      {
        name: 'check',
        opts: {
          removeOnComplete: 100,
          removeOnFail: 100,
          attempts: 3,
          backoff: { type: 'exponential', delay: 5_000 },
        },
      },
    );
    this.worker = new Worker(
      PROGRESS_QUEUE,
      async () => {
        const today = todayIn(this.config.PROJECTS_TIMEZONE);
        await this.raiseFindings.execute(today);
        await this.microcredit.execute(today); // 小额信贷逾期 (assistance ledgers)
      },
      { connection: this.redis.duplicate(), prefix, concurrency: 1 },
    );
    this.worker.on('error', (e) => this.logger.warn(`progress worker: ${e.message}`));
    this.worker.on('failed', (_job, e) => this.logger.warn(`progress check failed: ${e.message}`));
  }

  async beforeApplicationShutdown() {
    await this.worker?.close();
    await this.queue?.close();
  }
}
