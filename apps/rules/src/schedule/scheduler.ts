import { RulesPermissions } from '@lib/contracts';
import {
  Body,
  Controller,
  HttpCode,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Post,
} from '@nestjs/common';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Store } from '@lib/persistence';
import { z } from 'zod';
import { Roles } from '@lib/auth';
import { APP_CONFIG, ZodValidationPipe } from '@lib/service-kit';
import { RulesConfig } from '../config';
import { chinaDay } from '../engine/rule-book';
import { Evaluation } from '../evaluation/evaluation';
import { CareOverduePass } from '../care-visits/care-overdue.pass';

/** One document per job and period: its unique id is the claim that makes the run happen once. */
@Schema({ collection: 'schedule_runs', versionKey: false })
export class ScheduleRun {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) claimedAt!: Date;
  @Prop({ type: Date, default: null }) doneAt!: Date | null;
  @Prop({ type: Object, default: null }) result!: Record<string, number> | null;
}
export const ScheduleRunSchema = SchemaFactory.createForClass(ScheduleRun);

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
    private readonly evaluation: Evaluation,
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
    const result = { ...(await this.evaluation.evaluateDaily(day)), ...(await this.careOverdue.run(day)) };
    await this.runs.updateOne({ _id: id }, { $set: { doneAt: new Date(), result } });
    this.logger.log(`每日规则检查 ${day}: ${JSON.stringify(result)}`);
    return { status: 'ran', day, result };
  }
}

const RunBody = z
  .object({
    day: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '须为日期，格式 YYYY-MM-DD')
      .optional(),
  })
  .strict();

@Controller('api/v1/rules/schedule')
export class SchedulerController {
  constructor(private readonly scheduler: Scheduler) {}

  /** Runs a day's time-based pass now (once per day across instances). Services and county admins. */
  @Post('daily')
  @HttpCode(200)
  @Roles(...RulesPermissions.writeRules)
  run(@Body(new ZodValidationPipe(RunBody)) body: z.infer<typeof RunBody>) {
    return this.scheduler.runDaily(body.day ?? chinaDay());
  }
}
