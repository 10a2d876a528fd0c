/**
 * The raw-Kafka baseline of the supervision ingestion bench, the pipe's ceiling: a plain kafkajs
 * consumer that does the per-record CPU work of the check-in topic and nothing else — JSON-parse and
 * the contract check (CloudEvents envelope + checkin.recorded.v1 data) — then commits
 * (bench/shared/raw-consumer.ts). No matching, no database, no outbox: the difference to ours is what
 * storing check-ins and attendance days costs.
 */
import { runRawConsumer } from '../shared/raw-consumer';
import { CheckInRecordedV1, cloudEventEnvelopeSchema } from '@lib/contracts';

let parsed = 0;

runRawConsumer({
  clientId: 'bench-raw-checkins',
  onBatch: (messages) => {
    for (const m of messages) {
      const envelope = cloudEventEnvelopeSchema.parse(JSON.parse(m.value!.toString('utf8')));
      CheckInRecordedV1.schema.parse(envelope.data);
    }
    parsed += messages.length;
  },
  summary: () => `raw check-in consumer parsed ${parsed} records`,
});
