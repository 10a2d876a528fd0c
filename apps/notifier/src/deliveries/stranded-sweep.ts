import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Job } from 'bullmq';
import { Model } from 'mongoose';
import { NotifierConfig } from '../config';
import { NOTIFIER_CONFIG } from '../notifier.tokens';
import { DeliveriesStore } from './deliveries.store';
import { DeliveryJob, DeliveryQueue } from '../queues/delivery-queue';
import { Delivery } from './deliveries.schema';
import { StrandedAction, strandedAction } from './domain/stranded-action';

/**
 * Repairs deliveries left pending forever: at start and every STRANDED_SWEEP_INTERVAL_MS it looks
 * at each pending delivery's job. Nothing is sent twice: jobs keep their deterministic ids (the
 * delivery id), and the worker sends only deliveries still pending.
 */
@Injectable()
export class StrandedDeliverySweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StrandedDeliverySweep.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    @InjectModel(Delivery.name) private readonly model: Model<Delivery>,
    private readonly deliveries: DeliveriesStore,
    private readonly queue: DeliveryQueue,
  ) {}

  onApplicationBootstrap() {
    const every = this.config.STRANDED_SWEEP_INTERVAL_MS;
    if (every <= 0) return;
    const tick = () => {
      if (!this.running)
        this.running = this.sweep()
          .catch((e) => this.logger.warn(`stranded-delivery sweep failed: ${(e as Error).message}`))
          .finally(() => (this.running = null));
    };
    tick();
    this.timer = setInterval(tick, every);
    this.timer.unref();
  }

  async onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass over every pending delivery; returns how many were repaired, per action. */
  async sweep(): Promise<Record<StrandedAction, number>> {
    const done: Record<StrandedAction, number> = { none: 0, retry: 0, enqueue: 0, 'dead-letter': 0 };
    const cursor = this.model.collection
      .find({ status: 'pending' }, { projection: { _id: 1 } })
      .batchSize(500);
    for await (const { _id } of cursor) {
      const id = String(_id);
      const action = await this.repair(id);
      done[action]++;
    }
    const repaired = done.retry + done.enqueue + done['dead-letter'];
    if (repaired > 0)
      this.logger.warn(
        `stranded deliveries repaired: ${done.retry} retried, ${done.enqueue} re-queued, ${done['dead-letter']} dead-lettered`,
      );
    return done;
  }

  private async repair(id: string): Promise<StrandedAction> {
    const q = this.queue.queue;
    const state = await q.getJobState(id);
    const job = state === 'unknown' ? undefined : ((await Job.fromId<DeliveryJob>(q, id)) ?? undefined);
    const action = strandedAction(job ? state : 'unknown', job?.failedReason);
    try {
      if (action === 'enqueue') await this.queue.enqueue([id]);
      else if (action === 'retry')
        await job!.retry(state as 'failed' | 'completed', { resetAttemptsMade: true });
      else if (action === 'dead-letter') {
        const d = await this.model.findById(id).lean<Delivery>().exec();
        if (d)
          await this.deliveries.finish(d, 'failed', {
            at: new Date(),
            ok: false,
            status: null,
            error: `任务已失败但未记录结果 (job failed: ${job?.failedReason ?? 'unknown'})`,
            latencyMs: 0,
          });
      }
    } catch (e) {
      // another notifier repaired it first (the job moved on): nothing to do
      this.logger.debug(`stranded delivery ${id}: ${action} skipped: ${(e as Error).message}`);
      return 'none';
    }
    if (action !== 'none') this.logger.warn(`stranded delivery ${id} (job ${state}): ${action}`);
    return action;
  }
}
