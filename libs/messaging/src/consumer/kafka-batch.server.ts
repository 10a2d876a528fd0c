import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import {
  CloudEvent,
  DeadLetterHeaders,
  EventCatalog,
  deadLetterTopic,
  decodeEvent,
  eventTypesOfTopic,
} from '@lib/contracts';
import { createKafkaClient, KafkaSettings, topicName } from '../kafka-settings';
import { ensureTopics } from '../producer/topic-admin';
import { backoffMs, groupByKey, PlannedRecord, runWithConcurrency, splitIntoRuns } from './batch-plan';
import { isTransientError, PermanentEventError } from './errors';
import { HandlerExtras } from './event-pattern';

export interface ConsumerOptions {
  kafka: KafkaSettings;
  /** The app's consumer group; every copy of the app joins it. */
  groupId: string;
  /** Base topic names (without prefix) this app consumes. */
  topics: string[];
  /** Attempts for a handler error before the record is dead-lettered. */
  maxAttempts?: number;
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** Partitions processed at once by one instance. */
  partitionsConsumedConcurrently?: number;
  /** Keys processed at once inside a partition batch (each key stays in order). */
  keyConcurrency?: number;
  sessionTimeoutMs?: number;
  maxWaitTimeMs?: number;
  /** Bounds a partition batch (and so the time to its commit): ~250 KB is a few hundred events. */
  maxBytesPerPartition?: number;
}

export interface ConsumerStats {
  processed: number;
  deadLettered: number;
  skipped: number;
  retries: number;
}

interface Decoded {
  message: KafkaMessage;
  event: CloudEvent | null;
  /** Why the record cannot be processed (set for records that go to the dead-letter topic). */
  invalid?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A Nest custom transport: handlers stay ordinary `@EventPattern('survey.recorded.v1')` methods
 * (or `@BatchEventPattern`), while underneath records are consumed batch by batch with:
 * - per-key order (runs of consecutive same-handler records; keys in parallel inside a run);
 * - retries with exponential backoff; infrastructure faults are retried without limit;
 * - a record that fails validation, or keeps failing, goes to `<topic>.dlq` with the reason;
 * - offsets committed only after every effect of the batch (and its dead letters) is durable;
 * - graceful close: stop fetching, finish the batch, commit, leave the group.
 */
export class KafkaBatchServer extends Server implements CustomTransportStrategy {
  private kafka: Kafka | null = null;
  private consumer: Consumer | null = null;
  private dlqProducer: Producer | null = null;
  private closing = false;
  readonly stats: ConsumerStats = { processed: 0, deadLettered: 0, skipped: 0, retries: 0 };
  private readonly opts: Required<ConsumerOptions>;

  constructor(options: ConsumerOptions) {
    super();
    this.opts = {
      maxAttempts: 4,
      retryInitialMs: 100,
      retryMaxMs: 5_000,
      partitionsConsumedConcurrently: 6,
      keyConcurrency: 16,
      maxBytesPerPartition: 256 * 1024,
      sessionTimeoutMs: 30_000,
      maxWaitTimeMs: 100,
      ...options,
    };
  }

  on(): never {
    throw new Error('KafkaBatchServer does not emit events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  listen(callback: (err?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (err) => callback(err),
    );
  }

  /** Start-up check: every handler names a known event type carried by a topic we consume. */
  checkHandlers(): void {
    const carried = new Set(this.opts.topics.flatMap(eventTypesOfTopic));
    const problems: string[] = [];
    for (const pattern of this.getHandlers().keys()) {
      if (!EventCatalog[pattern]) problems.push(`handler for unknown event type "${pattern}"`);
      else if (!carried.has(pattern))
        problems.push(
          `handler for "${pattern}" but its topic ${EventCatalog[pattern].topic} is not consumed`,
        );
    }
    if (problems.length > 0) throw new Error(`Kafka consumer misconfigured: ${problems.join('; ')}`);
    const unhandled = [...carried].filter((t) => !this.getHandlers().has(t));
    if (unhandled.length > 0)
      this.logger.log(`event types consumed but not handled (skipped): ${unhandled.join(', ')}`);
  }

  private async start(): Promise<void> {
    this.checkHandlers();
    const { kafka: settings } = this.opts;
    this.kafka = createKafkaClient(settings, '-consumer');
    const topics = this.opts.topics.map((t) => topicName(settings, t));
    await ensureTopics(this.kafka, [...topics, ...topics.map(deadLetterTopic)], settings.partitions);

    this.dlqProducer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    await this.dlqProducer.connect();

    this.consumer = this.kafka.consumer({
      groupId: this.opts.groupId,
      sessionTimeout: this.opts.sessionTimeoutMs,
      heartbeatInterval: 3_000,
      maxWaitTimeInMs: this.opts.maxWaitTimeMs,
      maxBytesPerPartition: this.opts.maxBytesPerPartition,
      allowAutoTopicCreation: false,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.opts.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.processBatch(payload),
    });
    this.logger.log(`consuming ${topics.join(', ')} as group ${this.opts.groupId}`);
  }

  /** Resolves once the consumer has been assigned partitions (a readiness signal for tests and health). */
  isConsuming(): boolean {
    return this.consumer !== null && !this.closing;
  }

  private decode(message: KafkaMessage): Decoded {
    const result = decodeEvent(message.value);
    if (!result.ok) return { message, event: null, invalid: result.reason };
    return { message, event: result.event };
  }

  private async processBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) {
    if (batch.messages.length === 0) return;
    const decoded = batch.messages.map((m) => this.decode(m));
    const dead: Array<{ message: KafkaMessage; reason: string }> = [];
    const planned: PlannedRecord<Decoded>[] = decoded.map((d) => {
      if (!d.event) {
        dead.push({ message: d.message, reason: d.invalid ?? 'invalid record' });
        return { key: '', handlerId: null, item: d };
      }
      const handlerId = this.getHandlers().has(d.event.type) ? d.event.type : null;
      return { key: d.message.key?.toString() ?? d.event.subject, handlerId, item: d };
    });

    for (const run of splitIntoRuns(planned)) {
      if (!isRunning() || isStale()) return; // not committed: the next owner re-reads from here
      const records = run.items.filter((r) => r.item.event !== null);
      if (run.handlerId === null) {
        this.stats.skipped += records.length;
        continue;
      }
      const handler = this.getHandlerByPattern(run.handlerId)!;
      const extras = (handler.extras ?? {}) as HandlerExtras;
      if (extras.batch) {
        await this.runBatchHandler(handler, records, dead, heartbeat, isRunning);
      } else {
        await runWithConcurrency(groupByKey(records), this.opts.keyConcurrency, async (group) => {
          for (const r of group) await this.runOne(handler, r.item, dead, heartbeat, isRunning);
        });
      }
      await heartbeat();
    }
    if (!isRunning() || isStale()) return;

    if (dead.length > 0) await this.sendToDeadLetter(batch.topic, batch.partition, dead);
    const last = batch.messages[batch.messages.length - 1].offset;
    resolveOffset(last);
    await this.consumer!.commitOffsets([
      { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
    ]);
  }

  private async invoke(handler: MessageHandler, payload: unknown): Promise<void> {
    const result = await handler(payload);
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }

  /**
   * Runs one handler call with retries. Returns the error message if the records must be
   * dead-lettered; throws only when the consumer is stopping.
   */
  private async withRetries(
    call: () => Promise<void>,
    heartbeat: () => Promise<void>,
    isRunning: () => boolean,
  ): Promise<string | null> {
    for (let attempt = 1; ; attempt++) {
      try {
        await call();
        return null;
      } catch (e) {
        const err = e as Error;
        if (e instanceof PermanentEventError) return `rejected by handler: ${err.message}`;
        const transient = isTransientError(e);
        if (!transient && attempt >= this.opts.maxAttempts)
          return `handler failed after ${attempt} attempts: ${err.message}`;
        if (!isRunning() || this.closing) throw new Error(`stopping while retrying: ${err.message}`, { cause: e });
        this.stats.retries++;
        this.logger.warn(
          `handler error (attempt ${attempt}${transient ? ', transient' : ''}): ${err.message}`,
        );
        await sleep(backoffMs(attempt, this.opts.retryInitialMs, this.opts.retryMaxMs));
        await heartbeat().catch(() => undefined);
      }
    }
  }

  private async runOne(
    handler: MessageHandler,
    d: Decoded,
    dead: Array<{ message: KafkaMessage; reason: string }>,
    heartbeat: () => Promise<void>,
    isRunning: () => boolean,
  ) {
    const failure = await this.withRetries(() => this.invoke(handler, d.event), heartbeat, isRunning);
    if (failure) {
      this.logger.error(`dead-lettering event ${d.event!.id} (${d.event!.type}): ${failure}`);
      dead.push({ message: d.message, reason: failure });
    } else this.stats.processed++;
  }

  private async runBatchHandler(
    handler: MessageHandler,
    records: PlannedRecord<Decoded>[],
    dead: Array<{ message: KafkaMessage; reason: string }>,
    heartbeat: () => Promise<void>,
    isRunning: () => boolean,
  ) {
    const events = records.map((r) => r.item.event!);
    const failure = await this.withRetries(() => this.invoke(handler, events), heartbeat, isRunning);
    if (!failure) {
      this.stats.processed += events.length;
      return;
    }
    // Isolate the poison record(s): one at a time, in order, so only the bad ones are dead-lettered.
    this.logger.warn(`batch of ${events.length} failed (${failure}); retrying one by one`);
    for (const r of records) {
      await this.runOne(
        (e: unknown) => handler([e]) as ReturnType<MessageHandler>,
        r.item,
        dead,
        heartbeat,
        isRunning,
      );
    }
  }

  private async sendToDeadLetter(
    topic: string,
    partition: number,
    dead: Array<{ message: KafkaMessage; reason: string }>,
  ): Promise<void> {
    const now = new Date().toISOString();
    await this.dlqProducer!.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: dead.map(({ message, reason }) => {
        const headers: IHeaders = {
          ...message.headers,
          [DeadLetterHeaders.reason]: reason.slice(0, 2_000),
          [DeadLetterHeaders.originalTopic]: topic,
          [DeadLetterHeaders.originalPartition]: String(partition),
          [DeadLetterHeaders.originalOffset]: message.offset,
          [DeadLetterHeaders.consumerGroup]: this.opts.groupId,
          [DeadLetterHeaders.failedAt]: now,
        };
        return { key: message.key, value: message.value, headers };
      }),
    });
    this.stats.deadLettered += dead.length;
  }

  async close(): Promise<void> {
    this.closing = true;
    // disconnect() stops fetching and waits for the batch in progress to finish (and commit).
    await this.consumer?.disconnect().catch((e) => this.logger.warn(`consumer disconnect: ${e.message}`));
    await this.dlqProducer
      ?.disconnect()
      .catch((e) => this.logger.warn(`dlq producer disconnect: ${e.message}`));
    this.consumer = null;
    this.dlqProducer = null;
  }
}
