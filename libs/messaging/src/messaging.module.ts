import {
  BeforeApplicationShutdown,
  DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { deadLetterTopic } from '@lib/contracts';
import { createKafkaClient, KafkaSettings, topicName } from './kafka-settings';
import { EventPublisher } from './producer/event-publisher';
import { ensureTopics } from './producer/topic-admin';
import { OutboxRelay } from './outbox/outbox';
import { scrapedGauge } from './observability/metrics';

export const KAFKA_SETTINGS = Symbol('KAFKA_SETTINGS');
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
export const PUBLISHED_TOPICS = Symbol('PUBLISHED_TOPICS');

export interface MessagingModuleOptions {
  /** Base names of the topics this app publishes to (created at start if missing). */
  publishes: string[];
  inject?: unknown[];
  useFactory: (...args: never[]) => KafkaSettings;
}

/** How long start-up waits for the topics before going on without Kafka (the outbox keeps the writes). */
const TOPICS_AT_START_MS = 10_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Ties the producer and outbox relay to the app's lifecycle, in the order shutdown needs. Kafka may
 * be away at start: the app starts anyway (its writes wait in the outbox), keeps trying to create
 * its topics, and starts relaying once they exist.
 */
@Injectable()
class MessagingLifecycle
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('Messaging');
  private topicsReady: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(KAFKA_SETTINGS) private readonly settings: KafkaSettings,
    @Inject(PUBLISHED_TOPICS) private readonly topics: string[],
    private readonly publisher: EventPublisher,
    private readonly relay: OutboxRelay,
  ) {}

  async onModuleInit() {
    this.topicsReady = this.ensureTopicsUntilDone();
    await Promise.race([this.topicsReady, sleep(TOPICS_AT_START_MS)]);
  }

  private async ensureTopicsUntilDone(): Promise<void> {
    const names = this.topics.map((t) => topicName(this.settings, t));
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        await ensureTopics(this.kafka, [...names, ...names.map(deadLetterTopic)], this.settings.partitions);
        if (attempt > 1) this.logger.log('Kafka reachable again: topics ready, relaying the outbox');
        return;
      } catch (e) {
        if (attempt === 1 || attempt % 10 === 0)
          this.logger.warn(
            `Kafka unreachable (${attempt}x): serving anyway, writes wait in the outbox: ${(e as Error).message}`,
          );
        await sleep(Math.min(10_000, 500 * 2 ** Math.min(attempt, 5)));
      }
    }
  }

  onApplicationBootstrap() {
    void this.topicsReady?.then(() => {
      if (!this.stopped) this.relay.start();
    });
  }

  // Before the consumer drains: stop relaying; what is pending stays in the outbox for the next start.
  async beforeApplicationShutdown() {
    this.stopped = true;
    await this.relay.stop();
  }

  // After the consumer has drained (Nest closes microservices between the two hooks).
  async onApplicationShutdown() {
    await this.publisher.close();
  }
}

@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        {
          provide: KAFKA_SETTINGS,
          useFactory: options.useFactory,
          inject: (options.inject ?? []) as never[],
        },
        { provide: PUBLISHED_TOPICS, useValue: options.publishes },
        {
          provide: KAFKA_CLIENT,
          useFactory: (s: KafkaSettings) => createKafkaClient(s, '-producer'),
          inject: [KAFKA_SETTINGS],
        },
        {
          provide: EventPublisher,
          useFactory: (k: Kafka, s: KafkaSettings) => new EventPublisher(k, s),
          inject: [KAFKA_CLIENT, KAFKA_SETTINGS],
        },
        {
          provide: OutboxRelay,
          useFactory: (p: EventPublisher) => exposeBacklog(new OutboxRelay(p)),
          inject: [EventPublisher],
        },
        MessagingLifecycle,
      ],
      exports: [KAFKA_SETTINGS, KAFKA_CLIENT, EventPublisher, OutboxRelay],
    };
  }
}

/** The outbox backlog in /metrics: pending documents and the age of the oldest pending record. */
function exposeBacklog(relay: OutboxRelay): OutboxRelay {
  let last: Promise<{ documents: number; oldestAt: Date | null }> | null = null;
  // both gauges of one scrape share one reading
  const reading = () => {
    last ??= relay.backlog().finally(() => setTimeout(() => (last = null), 500));
    return last;
  };
  scrapedGauge('outbox_pending_documents', 'Documents whose events are not yet published', [], async (set) =>
    set({}, (await reading()).documents),
  );
  scrapedGauge(
    'outbox_oldest_pending_age_seconds',
    'Age of the oldest event not yet published (0 when none)',
    [],
    async (set) => {
      const { oldestAt } = await reading();
      set({}, oldestAt ? Math.max(0, (Date.now() - oldestAt.getTime()) / 1000) : 0);
    },
  );
  return relay;
}
