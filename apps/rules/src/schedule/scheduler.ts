import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Store } from '@lib/persistence';
import { APP_CONFIG } from '@lib/service-kit';
import { RulesConfig } from '../config';
import { chinaDay } from '../engine/rule-book';
import { EvaluateDaily } from '../evaluation/use-cases/evaluate-daily.usecase';
import { ScheduleRun } from './schedule-run.schema';
import { CareOverduePass } from '../care-visits/care-overdue.pass';

/** A claim not finished after this long is taken over (its instance died mid-run). */
const STALE_MS = 10 * 60_000;

/**
 * Time-based rules (trigger `daily`): once per China day, whatever the number of instances and
 * restarts. Each instance checks every RULES_SCHEDULE_INTERVAL_MS; the first to insert the day's
 * run document runs the pass, the others see the duplicate key. A run whose instance died is taken
 * over once stale; a finished one is never repeated.
 */
@Injectable()
export class Scheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Scheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private readonly runs: Store<ScheduleRun>;

  constructor(
    @InjectModel(ScheduleRun.name) model: Model<ScheduleRun>,
    private readonly evaluateDaily: EvaluateDaily,
    private readonly careOverdue: CareOverduePass,
    @Inject(APP_CONFIG) private readonly config: RulesConfig,
  ) {
    this.runs = Store.of(model);
  }

  onApplicationBootstrap() {
    const every = this.config.RULES_SCHEDULE_INTERVAL_MS;
    if (every > 0) this.timer = setInterval(() => void this.tick(), every);
  }

  onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
  }

  private async tick() {
    try {
      await this.runDaily(chinaDay());
    } catch (e) {
      this.logger.warn(`每日规则检查失败，稍后重试 (daily pass failed, will retry): ${(e as Error).message}`);
    }
  }

  /** Runs the day's pass if no instance has; 'ran' with the figures, or 'taken'. */
  async runDaily(
    day: string,
  ): Promise<{ status: 'ran' | 'taken'; day: string; result?: Record<string, number> }> {
    const id = `daily|${day}`;
    const now = new Date();
    let claimed = await this.runs.insertNew({ _id: id, claimedAt: now, doneAt: null, result: null });
    if (!claimed) {
      const stale = await this.runs.findOne({ _id: id });
      if (stale && !stale.doneAt && now.getTime() - new Date(stale.claimedAt).getTime() > STALE_MS) {
        const { modifiedCount } = await this.runs.updateOne(
          { _id: id, doneAt: null, claimedAt: stale.claimedAt },
          { $set: { claimedAt: now } },
        );
        claimed = modifiedCount === 1;
      }
    }
    if (!claimed) return { status: 'taken', day };
    const result = { ...(await this.evaluateDaily.execute(day)), ...(await this.careOverdue.run(day)) };
    await this.runs.updateOne({ _id: id }, { $set: { doneAt: new Date(), result } });
    this.logger.log(`每日规则检查 ${day}: ${JSON.stringify(result)}`);
    return { status: 'ran', day, result };
  }
}
