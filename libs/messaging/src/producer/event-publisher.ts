import { Logger } from '@nestjs/common';
import { Kafka, Message, Producer, CompressionTypes } from 'kafkajs';
import { assertValidEvent, CloudEvent, EventCatalog } from '@lib/contracts';
import { KafkaSettings, topicName } from '../kafka-settings';

/** A record ready for Kafka: what the outbox stores and the relay sends. */
export interface OutgoingRecord {
  id: string;
  topic: string;
  key: string;
  value: string;
  type: string;
}

/** Validates an event against its contract and turns it into the record we send (and keep in an outbox). */
export function toOutgoingRecord(event: CloudEvent): OutgoingRecord {
  assertValidEvent(event);
  const def = EventCatalog[event.type];
  return {
    id: event.id,
    topic: def.topic,
    key: event.subject,
    value: JSON.stringify(event),
    type: event.type,
  };
}

/**
 * Idempotent producer (acks=all, one request in flight, so retries neither duplicate nor reorder).
 * Every send is awaited so errors surface to the caller.
 */
export class EventPublisher {
  private readonly logger = new Logger(EventPublisher.name);
  private producer: Producer | null = null;
  private connecting: Promise<Producer> | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly settings: KafkaSettings,
  ) {}

  private async connected(): Promise<Producer> {
    if (this.producer) return this.producer;
    if (!this.connecting) {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      });
      this.connecting = producer
        .connect()
        .then(() => {
          this.producer = producer;
          producer.on(producer.events.DISCONNECT, () => {
            if (this.producer === producer) this.producer = null;
          });
          return producer;
        })
        .finally(() => {
          this.connecting = null;
        });
    }
    return this.connecting;
  }

  async publish(events: CloudEvent[]): Promise<void> {
    await this.sendRecords(events.map(toOutgoingRecord));
  }

  /** Sends records grouped by topic in one batch; order within a key is kept. */
  async sendRecords(records: OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return;
    const byTopic = new Map<string, Message[]>();
    for (const r of records) {
      const topic = topicName(this.settings, r.topic);
      const list = byTopic.get(topic) ?? [];
      list.push({ key: r.key, value: r.value, headers: { 'ce-type': r.type, 'ce-id': r.id } });
      byTopic.set(topic, list);
    }
    const producer = await this.connected();
    try {
      await producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    } catch (e) {
      // Start over with a fresh producer (new producer id) rather than reuse one in an unknown state.
      await this.close();
      throw e;
    }
  }

  /** Sends raw messages (dead-letter records, test fixtures). */
  async sendRaw(topic: string, messages: Message[]): Promise<void> {
    const producer = await this.connected();
    await producer.send({ topic, messages, acks: -1 });
  }

  async isConnected(): Promise<boolean> {
    return this.producer !== null;
  }

  async close(): Promise<void> {
    const p = this.producer ?? (this.connecting ? await this.connecting.catch(() => null) : null);
    this.producer = null;
    if (p)
      await p.disconnect().catch((e) => this.logger.warn(`producer disconnect: ${(e as Error).message}`));
  }
}
