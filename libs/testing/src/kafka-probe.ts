import '../../messaging/src/kafkajs-request-queue';
import { ensureTopics } from '../../messaging/src/producer/topic-admin';
import { Admin, Kafka, KafkaMessage, logLevel } from 'kafkajs';
import { infra } from './infra';
import { waitFor } from './wait-for';

/** Test-side Kafka access: read a topic from the start, send raw records, check a group's lag. */
export class KafkaProbe {
  readonly kafka = new Kafka({
    clientId: 'test-probe',
    brokers: infra.kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  private admin: Admin | null = null;

  private async adminClient(): Promise<Admin> {
    if (!this.admin) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
    }
    return this.admin;
  }

  /** Creates topics as an app does at its start (ensureTopics), e.g. to leave a backlog before the app first starts. */
  async createTopics(topics: string[], partitions: number): Promise<void> {
    await ensureTopics(this.kafka, topics, partitions);
  }

  async send(
    topic: string,
    messages: Array<{ key?: string; value: string | Buffer | null; headers?: Record<string, string> }>,
  ) {
    const producer = this.kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      await producer.send({ topic, messages, acks: -1 });
    } finally {
      await producer.disconnect();
    }
  }

  /** Every record now in a topic (reads partitions directly up to their current end offsets). */
  async readAll(topic: string): Promise<KafkaMessage[]> {
    const admin = await this.adminClient();
    const ends = await admin.fetchTopicOffsets(topic);
    const want = new Map(ends.map((p) => [p.partition, BigInt(p.high)]));
    const total = [...want.values()].reduce((a, b) => a + b, 0n) - (await this.lowTotal(topic));
    if (total === 0n) return [];
    const consumer = this.kafka.consumer({
      groupId: `probe-${Date.now()}-${Math.random()}`,
      maxWaitTimeInMs: 100,
    });
    const out: KafkaMessage[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void out.push(message) });
    try {
      await waitFor(`all ${total} records of ${topic}`, () => BigInt(out.length) >= total, {
        timeoutMs: 30_000,
      });
    } finally {
      await consumer.disconnect();
    }
    return out;
  }

  private async lowTotal(topic: string): Promise<bigint> {
    const admin = await this.adminClient();
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((a, p) => a + BigInt(p.low), 0n);
  }

  /** Records not yet committed by a consumer group on a topic. */
  async lag(groupId: string, topic: string): Promise<bigint> {
    const admin = await this.adminClient();
    const [ends, committed] = await Promise.all([
      admin.fetchTopicOffsets(topic),
      admin.fetchOffsets({ groupId, topics: [topic] }),
    ]);
    const done = new Map(committed[0]?.partitions.map((p) => [p.partition, BigInt(p.offset)]) ?? []);
    return ends.reduce((sum, p) => {
      const c = done.get(p.partition) ?? -1n;
      return sum + BigInt(p.high) - (c < 0n ? BigInt(p.low) : c);
    }, 0n);
  }

  async waitForNoLag(groupId: string, topic: string, timeoutMs = 30_000) {
    await waitFor(
      `group ${groupId} to catch up on ${topic}`,
      async () => (await this.lag(groupId, topic)) === 0n,
      {
        timeoutMs,
        intervalMs: 200,
      },
    );
  }

  async close() {
    await this.admin?.disconnect();
    this.admin = null;
  }
}
