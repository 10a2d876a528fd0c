/**
 * The plain kafkajs consumer behind the raw baselines (bench/pipeline, bench/supervision): the same
 * consumer settings as KafkaBatchServer (maxWait 100 ms, 3 partitions at once, a commit after every
 * partition batch) with only the baseline's per-record CPU work in between, so the difference to
 * ours is what the app does beyond it. Reads BENCH_TOPIC, BENCH_GROUP, KAFKA_BROKERS; prints the
 * summary and exits on SIGTERM/SIGINT.
 */
import '@lib/messaging/kafkajs-request-queue';
import { Kafka, KafkaMessage, logLevel } from 'kafkajs';

export function runRawConsumer(options: {
  clientId: string;
  /** The baseline's work on one partition batch (non-empty), before its commit. */
  onBatch: (messages: KafkaMessage[]) => void;
  /** The line printed when stopped. */
  summary: () => string;
}): void {
  const main = async () => {
    const kafka = new Kafka({
      clientId: options.clientId,
      brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
      logLevel: logLevel.WARN,
    });
    const consumer = kafka.consumer({
      groupId: process.env.BENCH_GROUP!,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      maxWaitTimeInMs: 100,
      allowAutoTopicCreation: false,
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [process.env.BENCH_TOPIC!], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 3,
      eachBatch: async ({ batch, resolveOffset }) => {
        if (batch.messages.length === 0) return;
        options.onBatch(batch.messages);
        const last = batch.messages[batch.messages.length - 1].offset;
        resolveOffset(last);
        await consumer.commitOffsets([
          { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
        ]);
      },
    });
    const stop = async () => {
      await consumer.disconnect().catch(() => undefined);
      console.log(options.summary());
      process.exit(0);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  };
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
