import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { Redis } from 'ioredis';
import { SERVICE_SCOPE } from '@lib/auth';
import { REDIS_CONNECTION } from '@lib/service-kit';
import { ChannelDirectory } from '../channel-configs/channel-directory';
import { ChannelResult } from '../channels/channel';
import { ChannelSender, isRobot } from '../channels/channel-sender';
import { digestCapacity } from '../channels/domain/robot-messages';
import { NotifierConfig } from '../config';
import { ContactDirectory } from '../contacts/contact-directory';
import { NOTIFIER_CONFIG } from '../notifier.tokens';
import { DeliveriesStore } from './deliveries.store';
import { DELIVERY_QUEUE, DeliveryJob } from '../queues/delivery-queue';
import { QueueWorker } from '../queues/queue-worker';
import { Delivery, DeliveryAttempt } from './deliveries.schema';
import { RobotGate } from './robot-gate';
import { attemptOf, digestItemOf, notificationOf, personTargetOf } from './domain/outgoing';
import { countAttempt, countFinished } from '../metrics/notifier-metrics';

/**
 * Sends deliveries; retried by BullMQ with exponential backoff and jitter. SMS, email and webhooks
 * go one delivery per message. Robots go through their gate: one sender per robot at a time,
 * at most ROBOT_RATE_LIMIT messages per window, each message a digest of everything pending for
 * that robot — so a burst arrives as a few digests, none lost, each alert in exactly one of them.
 */
@Injectable()
export class DeliveryWorker extends QueueWorker<DeliveryJob> implements OnApplicationShutdown {
  protected readonly queueName = DELIVERY_QUEUE;
  protected readonly concurrency: number;
  private readonly sender: ChannelSender;
  private readonly gate: RobotGate;

  constructor(
    @Inject(REDIS_CONNECTION) connection: Redis,
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    private readonly deliveries: DeliveriesStore,
    private readonly channels: ChannelDirectory,
    private readonly contacts: ContactDirectory,
  ) {
    super(connection, config.QUEUE_PREFIX);
    this.concurrency = config.DELIVERY_CONCURRENCY;
    this.sender = new ChannelSender(config.DELIVERY_TIMEOUT_MS, config.NOTIFIER_WEBHOOK_SECRET);
    this.gate = new RobotGate(connection, config.QUEUE_PREFIX, {
      limit: config.ROBOT_RATE_LIMIT,
      windowMs: config.ROBOT_RATE_WINDOW_MS,
      blockMs: config.ROBOT_BLOCK_MS,
      lockMs: config.ROBOT_LOCK_MS,
    });
  }

  onApplicationShutdown() {
    this.sender.close();
  }

  protected async process(job: Job<DeliveryJob>, token?: string): Promise<void> {
    const d = await this.deliveries.findById(SERVICE_SCOPE, job.data.deliveryId);
    if (!d) {
      this.logger.warn(`delivery ${job.data.deliveryId} not found; dropping job`);
      return;
    }
    if (d.status !== 'pending') return; // sent already (a re-queued job, or in a robot's digest)
    if (d.channelId && isRobot(d.channel)) return this.sendRobotDigest(job, token, d, d.channelId);
    const started = Date.now();
    const result = await this.sendOne(d);
    await this.settle(job, [d], result, started);
  }

  private async sendOne(d: Delivery): Promise<ChannelResult> {
    if (d.contactId) return this.sendToPerson(d, d.contactId);
    if (!d.channelId) return this.sender.sendDefaultWebhook(d.target, notificationOf(d));
    const target = await this.channels.targetOf(d.channelId);
    if (!target) return { ok: false, error: '推送渠道已删除 (channel deleted)' };
    return this.sender.send(target, d.recipient, notificationOf(d));
  }

  /** A person delivery: the contact's current mobile or email through the notifier's own gateway. */
  private async sendToPerson(d: Delivery, userId: string): Promise<ChannelResult> {
    const c = this.config;
    const to = personTargetOf(d.channel, userId, await this.contacts.addressOf(userId), {
      sms: {
        url: c.NOTIFIER_SMS_GATEWAY_URL,
        appKey: c.NOTIFIER_SMS_APP_KEY,
        secret: c.NOTIFIER_SMS_SECRET,
        templateId: c.NOTIFIER_SMS_TEMPLATE_ID,
      },
      email: { smtpUrl: c.NOTIFIER_SMTP_URL, from: c.NOTIFIER_MAIL_FROM },
    });
    if ('error' in to) return { ok: false, error: to.error };
    return this.sender.send(to.target, to.recipient, notificationOf(d));
  }

  private async sendRobotDigest(
    job: Job<DeliveryJob>,
    token: string | undefined,
    d: Delivery,
    robot: string,
  ) {
    const lock = await this.gate.tryLock(robot);
    if (!lock) return await this.later(job, token, 50 + Math.random() * 100); // another sender holds the robot
    try {
      const wait = await this.gate.waitMs(robot);
      if (wait > 0) return await this.later(job, token, wait + Math.random() * 50);
      const digest = await this.deliveries.nextDigest(robot, (pending) =>
        digestCapacity(pending.map(digestItemOf), this.config.ROBOT_DIGEST_MAX_BYTES),
      );
      if (!digest || digest.items.length === 0) return;
      const target = await this.channels.targetOf(robot);
      const first = digest.items[0];
      const n =
        digest.items.length === 1
          ? notificationOf(first, digest.digestId)
          : { ...notificationOf(first, digest.digestId), digestOf: digest.items.map(digestItemOf) };
      // the lock may have expired during slow reads: then another sender may be on this digest
      if (!(await this.gate.refresh(robot, lock)))
        return await this.later(job, token, 50 + Math.random() * 100);
      const started = Date.now();
      await this.gate.count(robot, digest.digestId);
      const result = target
        ? await this.sender.send(target, d.recipient, n)
        : { ok: false, error: '推送渠道已删除 (channel deleted)' };
      await this.gate.refresh(robot, lock); // hold the robot until the outcome is recorded
      await this.gate.count(robot, digest.digestId); // the window counts when the send ended
      if (result.rateLimited) {
        await this.gate.block(robot);
        await this.deliveries.recordAttemptMany(
          digest.items.map((x) => x._id),
          this.attemptOf(result, started),
        );
        return await this.later(job, token, this.config.ROBOT_BLOCK_MS);
      }
      await this.settle(job, digest.items, result, started);
      // this job's delivery waits for a later digest (an older one went first, or it did not fit)
      if (!digest.items.some((x) => x._id === d._id)) return await this.later(job, token, 0);
    } finally {
      await this.gate.unlock(robot, lock);
    }
  }

  private attemptOf(result: ChannelResult, started: number): DeliveryAttempt {
    return attemptOf(result, started, new Date());
  }

  /** Records the outcome; a failure throws so BullMQ retries; the last one is the dead letter. */
  private async settle(job: Job<DeliveryJob>, ds: Delivery[], result: ChannelResult, started: number) {
    const attempt = this.attemptOf(result, started);
    countAttempt(ds[0]?.channel ?? 'unknown', result.ok, attempt.latencyMs / 1000);
    if (result.ok) {
      await this.deliveries.finishMany(ds, 'delivered', attempt);
      this.logger.log(`delivered ${ds.map((x) => x._id).join(', ')} (${ds[0]?.channel})`);
      return countFinished(
        ds.map((x) => x.channel),
        'delivered',
      );
    }
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (lastAttempt) {
      await this.deliveries.finishMany(ds, 'failed', attempt); // dead letter: status failed, every attempt kept
      countFinished(
        ds.map((x) => x.channel),
        'failed',
      );
    } else {
      await this.deliveries.recordAttemptMany(
        ds.map((x) => x._id),
        attempt,
      );
    }
    throw new Error(`delivery ${ds.map((x) => x._id).join(',')} failed: ${attempt.error}`);
  }

  /** Puts the job back as delayed without spending one of its attempts. */
  private async later(job: Job<DeliveryJob>, token: string | undefined, ms: number): Promise<never> {
    await job.moveToDelayed(Date.now() + Math.max(1, Math.round(ms)), token);
    throw new DelayedError();
  }
}
