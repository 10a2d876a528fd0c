import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import {
  Admin,
  Consumer,
  EachBatchPayload,
  IHeaders,
  Kafka,
  KafkaMessage,
  PartitionAssigners,
  Producer,
} from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import {
  CloudEvent,
  DeadLetterHeaders,
  EventCatalog,
  deadLetterTopic,
  decodeEvent,
  eventTypesOfTopic,
} from '@lib/contracts';
import {
  baseTopicName,
  createKafkaClient,
  KAFKA_CONSUMER_RETRY,
  KafkaSettings,
  topicName,
} from '../kafka-settings';
import { ensureTopics } from '../producer/topic-admin';
import { announceAssignment, CoPartitionedAssigner, PartitionAssignment } from './assignment';
import { backoffMs, groupByKey, PlannedRecord, runWithConcurrency, splitIntoRuns } from './batch-plan';
import { isTransientError, PermanentEventError } from './errors';
import { HandlerExtras } from './event-pattern';
import { partitionsAssigned } from './partition-assignments';
import { enterConsumptionGate, leaveConsumptionGate } from './consumption-gate';
import { consumerMetrics, scrapedGauge } from '../observability/metrics';
import { contextOfTraceparent, inSpan, SpanKind } from '../observability/trace-context';

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
  private admin: Admin | null = null;
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
      // a member that vanished (killed, or restarted after a crash: kafkajs rejoins with a new member id, e.g.
      // when the broker's coordinator is still loading after a restart) holds its partitions this long: a
      // handful of seconds (6 s, the broker's smallest, lost work on a loaded machine: batches outlived it).
      sessionTimeoutMs: 10_000,
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

  /**
   * Checks the handlers (a misconfigured app does not start), then connects in the background and
   * keeps trying while Kafka is away: the app serves its API (and writes through its outbox) meanwhile.
   */
  listen(callback: (err?: unknown) => void): void {
    try {
      this.checkHandlers();
      this.exposeLag();
    } catch (e) {
      return callback(e);
    }
    callback();
    void this.startWithRetries();
  }

  private async startWithRetries(): Promise<void> {
    for (let attempt = 1; !this.closing; attempt++) {
      try {
        await this.start();
        return;
      } catch (e) {
        this.logger.warn(`consumer not started (attempt ${attempt}), will retry: ${(e as Error).message}`);
        await this.consumer?.disconnect().catch(() => undefined);
        await this.dlqProducer?.disconnect().catch(() => undefined);
        this.consumer = null;
        this.dlqProducer = null;
        await sleep(Math.min(10_000, 500 * 2 ** Math.min(attempt, 5)));
      }
    }
  }

  /** Consumer lag per partition (end offset − committed offset of the group), read when scraped. */
  private exposeLag() {
    scrapedGauge(
      'kafka_consumer_lag',
      'Records not yet committed by the consumer group, per topic and partition',
      ['group', 'topic', 'partition'],
      async (set) => {
        if (!this.kafka) return;
        this.admin ??= this.kafka.admin();
        const admin = this.admin;
        await admin.connect();
        const topics = this.opts.topics.map((t) => topicName(this.opts.kafka, t));
        const committed = await admin.fetchOffsets({ groupId: this.opts.groupId, topics });
        for (const { topic, partitions } of committed) {
          const ends = await admin.fetchTopicOffsets(topic);
          const done = new Map(partitions.map((p) => [p.partition, BigInt(p.offset)]));
          for (const p of ends) {
            const c = done.get(p.partition) ?? -1n;
            const lag = BigInt(p.high) - (c < 0n ? BigInt(p.low) : c);
            set({ group: this.opts.groupId, topic, partition: p.partition }, Number(lag));
          }
        }
      },
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
    const { kafka: settings } = this.opts;
    this.kafka ??= createKafkaClient(settings, '-consumer', KAFKA_CONSUMER_RETRY);
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
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: this.opts.maxWaitTimeMs,
      maxBytesPerPartition: this.opts.maxBytesPerPartition,
      allowAutoTopicCreation: false,
      // partition p of every topic to one instance: a key's events all reach the same instance
      partitionAssigners: [CoPartitionedAssigner, PartitionAssigners.roundRobin],
    });
    const consumer = this.consumer;
    // one listener for a (re)join: log it, announce the assignment, and let state held per partition
    // in memory be dropped / reloaded as the group hands the partitions out again
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      const assigned = Object.entries(e.payload.memberAssignment);
      this.logger.log(
        `joined group ${this.opts.groupId} (${e.payload.groupProtocol}): ${assigned.map(([t, p]) => `${baseTopicName(this.opts.kafka, t)}[${p.join(',')}]`).join(' ')}`,
      );
      announceAssignment(this.assignmentOf(e.payload.memberAssignment));
      partitionsAssigned(e.payload.memberAssignment, this.opts.groupId);
    });
    consumer.on(consumer.events.CRASH, () => this.announceNone());
    // kafkajs restarts a consumer after a retriable crash only; after any other ("the coordinator is not aware
    // of this member" after a broker restart) it would stay stopped while the app serves on: start it again
    consumer.on(consumer.events.CRASH, (e) => {
      if (e.payload.restart || this.closing || this.consumer !== consumer) return;
      this.logger.error(
        `consumer stopped by ${e.payload.error.name} (${e.payload.error.message}); starting it again`,
      );
      void (async () => {
        await consumer.disconnect().catch(() => undefined);
        await this.dlqProducer?.disconnect().catch(() => undefined);
        this.consumer = null;
        this.dlqProducer = null;
        await sleep(1_000);
        await this.startWithRetries();
      })();
    });
    consumer.on(consumer.events.STOP, () => this.announceNone());
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

  /** Tells per-partition state holders (consumer/assignment.ts) what this instance owns now. */
  private async assignmentOf(memberAssignment: Record<string, number[]>): Promise<PartitionAssignment> {
    const topics: PartitionAssignment['topics'] = new Map();
    try {
      this.admin ??= this.kafka!.admin();
      await this.admin.connect();
      const { topics: meta } = await this.admin.fetchTopicMetadata({
        topics: Object.keys(memberAssignment),
      });
      for (const t of meta)
        topics.set(baseTopicName(this.opts.kafka, t.name), {
          partitions: [...(memberAssignment[t.name] ?? [])].sort((a, b) => a - b),
          count: t.partitions.length,
        });
    } catch (e) {
      this.logger.warn(`partition counts unknown, announcing no ownership: ${(e as Error).message}`);
      topics.clear();
    }
    return { groupId: this.opts.groupId, topics };
  }

  private announceNone() {
    announceAssignment(Promise.resolve({ groupId: this.opts.groupId, topics: new Map() }));
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

  private async processBatch(payload: EachBatchPayload) {
    if (payload.batch.messages.length === 0) return;
    // a read model being switched over (replay) waits for no batch in flight (consumer/consumption-gate.ts)
    await enterConsumptionGate(payload.heartbeat);
    try {
      await this.processGatedBatch(payload);
    } finally {
      leaveConsumptionGate();
    }
  }

  private async processGatedBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) {
    const topicLabel = { topic: baseTopicName(this.opts.kafka, batch.topic) };
    consumerMetrics.batchSize.observe(topicLabel, batch.messages.length);
    const timer = consumerMetrics.batchDuration.startTimer(topicLabel);
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
        consumerMetrics.events.inc({ ...topicLabel, outcome: 'skipped' }, records.length);
        continue;
      }
      const handler = this.getHandlerByPattern(run.handlerId)!;
      const extras = (handler.extras ?? {}) as HandlerExtras;
      const before = this.stats.processed;
      if (extras.batch) {
        await this.runBatchHandler(handler, records, dead, heartbeat, isRunning, batch.topic);
      } else {
        await runWithConcurrency(groupByKey(records), this.opts.keyConcurrency, async (group) => {
          for (const r of group) await this.runOne(handler, r.item, dead, heartbeat, isRunning, batch.topic);
        });
      }
      consumerMetrics.events.inc({ ...topicLabel, outcome: 'processed' }, this.stats.processed - before);
      await heartbeat();
    }
    if (!isRunning() || isStale()) return;

    if (dead.length > 0) await this.sendToDeadLetter(batch.topic, batch.partition, dead);
    const last = batch.messages[batch.messages.length - 1].offset;
    resolveOffset(last);
    await this.consumer!.commitOffsets([
      { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
    ]);
    timer();
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
    topic: string,
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
        if (!isRunning() || this.closing)
          throw new Error(`stopping while retrying: ${err.message}`, { cause: e });
        this.stats.retries++;
        consumerMetrics.retries.inc({ topic: baseTopicName(this.opts.kafka, topic) });
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
    topic: string,
  ) {
    const event = d.event!;
    const failure = await inSpan(
      `${baseTopicName(this.opts.kafka, topic)} process`,
      {
        kind: SpanKind.CONSUMER,
        parent: contextOfTraceparent(headerOf(d.message, 'traceparent') ?? event.traceparent),
        attributes: consumerAttributes(topic, this.opts.groupId, [event]),
      },
      async () => {
        this.logger.debug?.(`handling ${event.type} ${event.id}`);
        return this.withRetries(() => this.invoke(handler, event), heartbeat, isRunning, topic);
      },
    );
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
    topic: string,
  ) {
    const events = records.map((r) => r.item.event!);
    // one parent when the batch carries one trace (a single event, most often); else links to each
    const parents = [
      ...new Set(records.map((r) => headerOf(r.item.message, 'traceparent') ?? r.item.event!.traceparent)),
    ].filter((t): t is string => Boolean(t));
    const failure = await inSpan(
      `${baseTopicName(this.opts.kafka, topic)} process`,
      {
        kind: SpanKind.CONSUMER,
        parent: contextOfTraceparent(parents.length === 1 ? parents[0] : undefined),
        attributes: consumerAttributes(topic, this.opts.groupId, events),
        links:
          parents.length > 1
            ? parents.flatMap((t) => {
                const sc = linkOf(t);
                return sc ? [{ context: sc }] : [];
              })
            : undefined,
      },
      async () => {
        this.logger.debug?.(
          `handling ${events.length} ${events[0].type}: ${events.map((e) => e.id).join(', ')}`,
        );
        return this.withRetries(() => this.invoke(handler, events), heartbeat, isRunning, topic);
      },
    );
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
        topic,
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
    const labels = { topic: baseTopicName(this.opts.kafka, topic) };
    consumerMetrics.deadLetters.inc(labels, dead.length);
    consumerMetrics.events.inc({ ...labels, outcome: 'dead_lettered' }, dead.length);
  }

  async close(): Promise<void> {
    this.closing = true;
    // disconnect() stops fetching and waits for the batch in progress to finish (and commit).
    await this.consumer?.disconnect().catch((e) => this.logger.warn(`consumer disconnect: ${e.message}`));
    await this.dlqProducer
      ?.disconnect()
      .catch((e) => this.logger.warn(`dlq producer disconnect: ${e.message}`));
    await this.admin?.disconnect().catch(() => undefined);
    this.admin = null;
    this.consumer = null;
    this.dlqProducer = null;
  }
}

function headerOf(message: KafkaMessage, name: string): string | undefined {
  const v = message.headers?.[name];
  if (v === undefined || v === null) return undefined;
  return Array.isArray(v) ? String(v[0]) : String(v);
}

function linkOf(traceparent: string) {
  const m = /^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(traceparent);
  return m ? { traceId: m[1], spanId: m[2], traceFlags: parseInt(m[3], 16), isRemote: true } : null;
}

function consumerAttributes(topic: string, group: string, events: CloudEvent[]) {
  return {
    'messaging.system': 'kafka',
    'messaging.operation.type': 'process',
    'messaging.destination.name': topic,
    'messaging.consumer.group.name': group,
    'messaging.batch.message_count': events.length,
    'cloudevents.event_type': events[0]?.type ?? '',
    ...(events.length === 1 ? { 'cloudevents.event_id': events[0].id } : {}),
  };
}
