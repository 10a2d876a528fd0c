/**
 * The raw-Kafka baseline of the supervision ingestion bench, the pipe's ceiling: a plain kafkajs
 * consumer that does the per-record CPU work of the check-in topic and nothing else — JSON-parse and
 * the contract check (CloudEvents envelope + checkin.recorded.v1 data) — then commits. No matching,
 * no database, no outbox. Same consumer settings as KafkaBatchServer (maxWait 100 ms, 3 partitions at
 * once, a commit after every partition batch), so the difference to ours is what storing check-ins
 * and attendance days costs.
 * Env: BENCH_TOPIC, BENCH_GROUP, KAFKA_BROKERS.
 */
import { Kafka, logLevel } from 'kafkajs';
import { CheckInRecordedV1, cloudEventEnvelopeSchema } from '@lib/contracts';

async function main() {
  const topic = process.env.BENCH_TOPIC!;
  const groupId = process.env.BENCH_GROUP!;
  const kafka = new Kafka({
    clientId: 'bench-raw-checkins',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    logLevel: logLevel.WARN,
  });
  const consumer = kafka.consumer({
    groupId,
    sessionTimeout: 30_000,
    heartbeatInterval: 3_000,
    maxWaitTimeInMs: 100,
    allowAutoTopicCreation: false,
  });
  let parsed = 0;
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: 3,
    eachBatch: async ({ batch, resolveOffset }) => {
      if (batch.messages.length === 0) return;
      for (const m of batch.messages) {
        const envelope = cloudEventEnvelopeSchema.parse(JSON.parse(m.value!.toString('utf8')));
        CheckInRecordedV1.schema.parse(envelope.data);
      }
      parsed += batch.messages.length;
      const last = batch.messages[batch.messages.length - 1].offset;
      resolveOffset(last);
      await consumer.commitOffsets([
        { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
      ]);
    },
  });
  const stop = async () => {
    await consumer.disconnect().catch(() => undefined);
    console.log(`raw check-in consumer parsed ${parsed} records`);
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
