import '@lib/messaging/kafkajs-request-queue';
import { Admin, Kafka, logLevel, Message, Producer } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { infra } from '@lib/testing/infra';
import { Child, sleep } from '../pipeline/common';

export interface BenchDriverOptions {
  clientId: string;
  /** Run id: consumer groups starting with `<runId>.` are deleted at close. */
  runId: string;
  partitions: number;
  /** BENCH_KEEP=1: leave topics, groups and databases for inspection. */
  keep: boolean;
  /** How long a child process gets to stop at close. */
  stopTimeoutMs: number;
}

/**
 * What every Kafka bench drives the run with: an admin client, an acks=all producer, a database
 * client, the topics and databases it made (removed at close) and the child processes it started.
 */
export class BenchDriver {
  readonly kafka: Kafka;
  admin!: Admin;
  producer!: Producer;
  mongo!: MongoClient;
  readonly topics: string[] = [];
  readonly databases: string[] = [];
  readonly children = new Set<Child>();

  constructor(private readonly options: BenchDriverOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: infra.kafkaBrokers,
      logLevel: logLevel.NOTHING,
    });
  }

  async connect() {
    this.admin = this.kafka.admin();
    await this.admin.connect();
    this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
    await this.producer.connect();
    this.mongo = new MongoClient(infra.mongoUrl, {
      serverSelectionTimeoutMS: 5_000,
      socketTimeoutMS: 30_000,
    });
    await this.mongo.connect();
    await Promise.race([
      this.mongo.db('admin').command({ ping: 1 }),
      sleep(5_000).then(() => {
        throw new Error(
          `FerretDB at ${infra.mongoUrl} does not answer ping within 5 s (bash deploy/local/infra.sh status)`,
        );
      }),
    ]);
  }

  async createTopics(names: string[]) {
    await this.admin.createTopics({
      waitForLeaders: true,
      topics: names.map((topic) => ({
        topic,
        numPartitions: this.options.partitions,
        replicationFactor: -1,
      })),
    });
    await this.admin.fetchTopicMetadata({ topics: names });
    this.topics.push(...names);
  }

  /** Sends messages in batches of 1,000 as fast as the broker takes them (acks=all); returns messages/s. */
  async send(topic: string, messages: Message[]): Promise<number> {
    const t0 = Date.now();
    for (let i = 0; i < messages.length; i += 1_000)
      await this.producer.send({ topic, acks: -1, messages: messages.slice(i, i + 1_000) });
    return messages.length / ((Date.now() - t0) / 1000);
  }

  /** Committed offset per partition (-1 when nothing is committed yet). */
  async committed(groupId: string, topic: string): Promise<Map<number, number>> {
    const res = await this.admin.fetchOffsets({ groupId, topics: [topic] });
    return new Map((res[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
  }

  async committedTotal(groupId: string, topic: string): Promise<number> {
    let sum = 0;
    for (const c of (await this.committed(groupId, topic)).values()) if (c > 0) sum += c;
    return sum;
  }

  async close() {
    for (const c of this.children) await c.stop(this.options.stopTimeoutMs).catch(() => undefined);
    if (!this.options.keep) {
      if (this.topics.length > 0)
        await this.admin.deleteTopics({ topics: this.topics }).catch(() => undefined);
      const groups = await this.admin
        .listGroups()
        .then((r) => r.groups.map((g) => g.groupId).filter((g) => g.startsWith(`${this.options.runId}.`)))
        .catch(() => [] as string[]);
      if (groups.length > 0) await this.admin.deleteGroups(groups).catch(() => undefined);
      for (const db of this.databases)
        await this.mongo
          .db(db)
          .dropDatabase()
          .catch(() => undefined);
    }
    await this.producer?.disconnect().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
    await this.mongo?.close().catch(() => undefined);
  }
}
