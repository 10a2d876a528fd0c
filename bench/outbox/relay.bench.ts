/**
 * Outbox relay (part of `npm run bench`): a backlog of events written through libs/persistence's Store
 * (inserts carrying their events, as the households import and the intakes write them) is drained by
 * the app's OutboxRelay to Kafka on the local FerretDB and broker. Reported: events/s from the relay's
 * start until the last event is on Kafka, for a backlog in import-sized writes (BENCH_OUTBOX_WRITE
 * documents per write) and one in small writes (10 events per write: many more chunks to read).
 * Baselines in the same run, as ratios:
 *   raw    a kafkajs producer sending the very same messages in batches of 500 (the floor);
 *   old    the relay before the journal: pending records in each document, cleared one statement
 *          per document (outboxOnInsert + register), over a smaller backlog (BENCH_OUTBOX_OLD_N).
 * Target (issue 17): ≥ 5,000 events/s draining a backlog of 50,000.
 *
 * Env knobs: BENCH_OUTBOX_N (50000), BENCH_OUTBOX_WRITE (500), BENCH_OUTBOX_SMALL_N (5000),
 * BENCH_OUTBOX_OLD_N (2000).
 */
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import type { CloudEvent } from '@lib/contracts';
import {
  EventPublisher,
  OutboxRelay,
  ensureTopics,
  outboxOnInsert,
  toOutgoingRecord,
  topicName,
  type KafkaSettings,
} from '@lib/messaging';
import { Store } from '@lib/persistence';
import { householdRegistered } from '@lib/testing';
import { runBench } from '../shared/run-bench';

const envInt = (name: string, d: number) => Number(process.env[name] ?? d);
const MONGO_URL = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const TOPIC = 'households.events.v1';

interface Doc {
  _id: string;
  n: number;
}

async function main() {
  const N = envInt('BENCH_OUTBOX_N', 50_000);
  const WRITE = envInt('BENCH_OUTBOX_WRITE', 500);
  const SMALL_N = envInt('BENCH_OUTBOX_SMALL_N', 5_000);
  const OLD_N = envInt('BENCH_OUTBOX_OLD_N', 2_000);
  const run = `outboxbench${Date.now().toString(36)}`;
  const settings: KafkaSettings = { brokers: BROKERS, clientId: run, topicPrefix: `${run}.`, partitions: 3 };
  const kafka = new Kafka({ brokers: BROKERS, clientId: run, logLevel: logLevel.NOTHING });
  const mongo = new MongoClient(MONGO_URL);
  await mongo.connect();
  const admin = kafka.admin();
  await admin.connect();
  const topic = topicName(settings, TOPIC);
  await ensureTopics(kafka, [topic], settings.partitions);
  const onKafka = async () => (await admin.fetchTopicOffsets(topic)).reduce((a, o) => a + Number(o.high), 0);
  const until = async (what: string, done: () => Promise<boolean>, capMs = 600_000) => {
    const deadline = Date.now() + capMs;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`${what}: not done after ${capMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const event = (): CloudEvent => householdRegistered() as CloudEvent;
  const databases: string[] = [];
  const perSec = (n: number, ms: number) => Math.round(n / (ms / 1000));

  /** Writes `n` events in writes of `perWrite` documents through Store, then times the relay's drain. */
  const journalRun = async (label: string, n: number, perWrite: number) => {
    const name = `${run}_${label}`;
    databases.push(name);
    const db = mongo.db(name);
    const publisher = new EventPublisher(kafka, settings);
    const relay = new OutboxRelay(publisher);
    const store = Store.onDb<Doc>(db, 'households', { relay });
    const w0 = performance.now();
    for (let i = 0; i < n; i += perWrite) {
      const docs = Array.from({ length: Math.min(perWrite, n - i) }, (_, j) => ({
        _id: `h${i + j}`,
        n: i + j,
      }));
      await store.insertMany(docs, () => [event()]);
    }
    const writeMs = performance.now() - w0;
    const before = await onKafka();
    const t0 = performance.now();
    relay.start();
    await until(`${label} drain`, async () => (await onKafka()) - before >= n);
    const drainMs = performance.now() - t0;
    await relay.stop();
    await publisher.close();
    if ((await relay.pendingCount()) !== 0) throw new Error(`${label}: backlog left after the drain`);
    return { writeMs, drainMs, published: relay.published };
  };

  // ours: the journal, import-sized writes
  const big = await journalRun('journal', N, WRITE);
  // ours: the journal, small writes (10 events each)
  const small = await journalRun('small', SMALL_N, 10);

  // baseline raw: a kafkajs producer sending the same number of messages, same batch size as the relay
  const sample = Array.from({ length: 200 }, () => toOutgoingRecord(event()));
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  const beforeRaw = await onKafka();
  const r0 = performance.now();
  for (let i = 0; i < N; i += 500) {
    const messages = Array.from({ length: Math.min(500, N - i) }, (_, j) => {
      const r = sample[(i + j) % sample.length];
      return { key: r.key, value: r.value, headers: { 'ce-type': r.type, 'ce-id': r.id } };
    });
    await producer.sendBatch({ acks: -1, topicMessages: [{ topic, messages }] });
  }
  await until('raw', async () => (await onKafka()) - beforeRaw >= N);
  const rawMs = performance.now() - r0;
  await producer.disconnect();

  // baseline old: records pending in each document, cleared one statement per document
  const oldName = `${run}_old`;
  databases.push(oldName);
  const oldDb = mongo.db(oldName);
  const oldPublisher = new EventPublisher(kafka, settings);
  const oldRelay = new OutboxRelay(oldPublisher); // no journal: the document-by-document way
  const oldColl = oldDb.collection<Doc>('households');
  await oldColl.createIndex({ _outboxPending: 1 });
  for (let i = 0; i < OLD_N; i += WRITE)
    await oldColl.insertMany(
      Array.from({ length: Math.min(WRITE, OLD_N - i) }, (_, j) => ({
        _id: `h${i + j}`,
        n: i + j,
        ...outboxOnInsert([event()]),
      })),
    );
  oldRelay.register(oldColl as never);
  const beforeOld = await onKafka();
  const o0 = performance.now();
  oldRelay.start();
  await until(
    'old drain',
    async () => (await oldRelay.pendingCount()) === 0 && (await onKafka()) - beforeOld >= OLD_N,
  );
  const oldMs = performance.now() - o0;
  await oldRelay.stop();
  await oldPublisher.close();

  const ours = perSec(N, big.drainMs);
  console.log(
    `[outbox] backlog of ${N} events in writes of ${WRITE} (${Math.ceil(N / WRITE)} journal chunks), written in ${(big.writeMs / 1000).toFixed(1)} s`,
  );
  console.log(`[outbox] journal relay drained it in ${(big.drainMs / 1000).toFixed(2)} s = ${ours} events/s`);
  console.log(
    `[outbox] journal relay, ${SMALL_N} events in writes of 10 (${Math.ceil(SMALL_N / 10)} chunks): ${(small.drainMs / 1000).toFixed(2)} s = ${perSec(SMALL_N, small.drainMs)} events/s`,
  );
  console.log(
    `[outbox] baseline raw kafkajs sendBatch of ${N} messages: ${(rawMs / 1000).toFixed(2)} s = ${perSec(N, rawMs)} events/s`,
  );
  console.log(
    `[outbox] baseline old relay (clearing each document), ${OLD_N} events: ${(oldMs / 1000).toFixed(2)} s = ${perSec(OLD_N, oldMs)} events/s`,
  );
  console.log(
    `[outbox] ratios: journal / raw = ${(ours / perSec(N, rawMs)).toFixed(3)}, journal / old = ${(ours / perSec(OLD_N, oldMs)).toFixed(1)}×; target ≥ 5,000 events/s: ${ours >= 5_000 ? 'met' : 'NOT met'}`,
  );

  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
  for (const d of databases)
    await mongo
      .db(d)
      .dropDatabase()
      .catch(() => undefined);
  await mongo.close();
}

runBench(main);
