import {
  BeforeApplicationShutdown,
  DynamicModule,
  Inject,
  Injectable,
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

export const KAFKA_SETTINGS = Symbol('KAFKA_SETTINGS');
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
export const PUBLISHED_TOPICS = Symbol('PUBLISHED_TOPICS');

export interface MessagingModuleOptions {
  /** Base names of the topics this app publishes to (created at start if missing). */
  publishes: string[];
  inject?: unknown[];
  useFactory: (...args: never[]) => KafkaSettings;
}

/** Ties the producer and outbox relay to the app's lifecycle, in the order shutdown needs. */
@Injectable()
class MessagingLifecycle
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(KAFKA_SETTINGS) private readonly settings: KafkaSettings,
    @Inject(PUBLISHED_TOPICS) private readonly topics: string[],
    private readonly publisher: EventPublisher,
    private readonly relay: OutboxRelay,
  ) {}

  async onModuleInit() {
    const names = this.topics.map((t) => topicName(this.settings, t));
    await ensureTopics(this.kafka, [...names, ...names.map(deadLetterTopic)], this.settings.partitions);
  }

  onApplicationBootstrap() {
    this.relay.start();
  }

  // Before the consumer drains: stop relaying; what is pending stays in the outbox for the next start.
  async beforeApplicationShutdown() {
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
          useFactory: (p: EventPublisher) => new OutboxRelay(p),
          inject: [EventPublisher],
        },
        MessagingLifecycle,
      ],
      exports: [KAFKA_SETTINGS, KAFKA_CLIENT, EventPublisher, OutboxRelay],
    };
  }
}
