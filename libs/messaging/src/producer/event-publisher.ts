import { Logger } from '@nestjs/common';
import { Kafka, Message, Producer, CompressionTypes } from 'kafkajs';
import { assertValidEvent, CloudEvent, EventCatalog } from '@lib/contracts';
import { KafkaSettings, topicName } from '../kafka-settings';
import {
  contextOfTraceparent,
  currentTraceparent,
  SpanKind,
  tracer,
} from '../observability/trace-context';
import { Context, Span, SpanStatusCode, trace } from '@opentelemetry/api';

const traceContextWith = (parent: Context, span: Span) => trace.setSpan(parent, span);

/** A record ready for Kafka: what the outbox stores and the relay sends. */
export interface OutgoingRecord {
  id: string;
  topic: string;
  key: string;
  value: string;
  type: string;
  /** W3C trace context of the write that produced the event (also in the envelope) */
  traceparent?: string;
  /** the event's time: the outbox backlog's age */
  at?: string;
}

/** Validates an event against its contract and turns it into the record we send (and keep in an outbox). */
export function toOutgoingRecord(event: CloudEvent): OutgoingRecord {
  // the trace of the request (or consumed event, or job) that wrote it, unless the event names one
  const traceparent = event.traceparent ?? currentTraceparent();
  const traced = traceparent && !event.traceparent ? { ...event, traceparent } : event;
  assertValidEvent(traced);
  const def = EventCatalog[event.type];
  return {
    id: event.id,
    topic: def.topic,
    key: event.subject,
    value: JSON.stringify(traced),
    type: event.type,
    ...(traceparent ? { traceparent } : {}),
    at: event.time,
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
    const spans: Span[] = [];
    const producer = await this.connected();
    for (const r of records) {
      const topic = topicName(this.settings, r.topic);
      const list = byTopic.get(topic) ?? [];
      const headers: Record<string, string> = { 'ce-type': r.type, 'ce-id': r.id };
      if (r.traceparent) {
        // a producer span under the write's trace; the consumer's span is its child (traceparent header)
        const parent = contextOfTraceparent(r.traceparent);
        const span = tracer().startSpan(
          `${r.topic} publish`,
          {
            kind: SpanKind.PRODUCER,
            attributes: {
              'messaging.system': 'kafka',
              'messaging.operation.type': 'send',
              'messaging.destination.name': topic,
              'cloudevents.event_id': r.id,
              'cloudevents.event_type': r.type,
            },
          },
          parent,
        );
        spans.push(span);
        headers.traceparent =
          currentTraceparent(traceContextWith(parent, span)) ?? r.traceparent;
      }
      list.push({ key: r.key, value: r.value, headers });
      byTopic.set(topic, list);
    }
    try {
      await producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    } catch (e) {
      for (const span of spans) span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error).message });
      // Start over with a fresh producer (new producer id) rather than reuse one in an unknown state.
      await this.close();
      throw e;
    } finally {
      for (const span of spans) span.end();
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
