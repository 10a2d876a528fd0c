import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { REQUESTS_CONFIG, RequestsConfig } from '../config';
import { RaiseDeadlineNotices } from './use-cases/raise-deadline-notices.usecase';

/** Runs the deadline check every REQUESTS_DEADLINE_CHECK_EVERY_MS (each instance; the writes are once-only). */
@Injectable()
export class DeadlineWatch implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineWatch.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    @Inject(REQUESTS_CONFIG) private readonly config: RequestsConfig,
    private readonly notices: RaiseDeadlineNotices,
  ) {}

  onApplicationBootstrap() {
    const every = this.config.REQUESTS_DEADLINE_CHECK_EVERY_MS;
    if (every === 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.notices
        .execute()
        .catch((e: Error) => this.logger.error(`deadline check failed: ${e.message}`))
        .finally(() => (this.running = null));
    }, every);
  }

  async onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
