/**
 * Replay speed (issue #17): rules' subjects read model rebuilt from Kafka by the replay
 * (apps/rules/src/replay/subjects-replay.ts, what `npm run replay -- rules subjects` runs) over
 * BENCH_REPLAY_EVENTS events (100,000) of BENCH_REPLAY_HOUSEHOLDS households (5,000): a registration
 * each on households.events.v1, the rest monthly income changes on monitoring.events.v1; against a
 * raw kafkajs consumer reading the same topics from the beginning (JSON.parse of each record, nothing
 * else) in the same run. The replay's figure runs from its first record until the shadow collection
 * holds every subject (FerretDB writes included), before the switch-over.
 *
 * Then monitoring's household directory (apps/monitoring/src/replay/household-directory-replay.ts,
 * `npm run replay -- monitoring household-directory`) over BENCH_REPLAY_DIRECTORY_EVENTS events (50,000)
 * on a households topic of its own: a registration per household, then members added and removed and
 * some closures (注销), against the raw consumer over that topic.
 *
 *   node dist/bench/replay/bench.js          (in npm run bench; smoke: small counts)
 */
import '@lib/messaging/kafkajs-request-queue';
import { Kafka, logLevel, Message } from 'kafkajs';
import { Topics } from '@lib/contracts';
import type { AppReplayOptions, ReadModelReplayResult } from '@lib/persistence';
import {
  householdClosed,
  householdIncomeChanged,
  householdMemberAdded,
  householdMemberRemoved,
  householdRegistered,
  placeOf,
} from '@lib/testing';
import { infra } from '@lib/testing/infra';
import { RULES_TOPICS } from '../../apps/rules/src/evaluation/evaluation.consumer';
import { replaySubjects } from '../../apps/rules/src/replay/subjects-replay';
import { replayHouseholdDirectory } from '../../apps/monitoring/src/replay/household-directory-replay';
import { BenchDriver } from '../shared/bench-driver';
import { runBench } from '../shared/run-bench';
import { envInt, PARTITIONS, sleep } from '../pipeline/common';

const EVENTS = envInt('BENCH_REPLAY_EVENTS', 100_000);
const HOUSEHOLDS = Math.min(envInt('BENCH_REPLAY_HOUSEHOLDS', 5_000), EVENTS);
const VILLAGES = ['621299101201', '621299101202', '621299102201', '621299103201'];
const DIRECTORY_EVENTS = envInt('BENCH_REPLAY_DIRECTORY_EVENTS', 50_000);

/** The registry's events for the directory: 5 per household (registered, 2 joined, 1 left, 1 in 5 closed). */
function directoryEventsOf(): Message[] {
  const out: Message[] = [];
  for (let h = 0; out.length < DIRECTORY_EVENTS; h++) {
    const householdId = `rd-hh-${String(h).padStart(6, '0')}`;
    const place = placeOf(VILLAGES[h % VILLAGES.length]);
    const member = (n: number) => ({
      memberId: `${householdId}-m${n}`,
      relation: 'child' as const,
      sex: 'female' as const,
      birthDate: '2012-06-01',
      labourSkill: 'none' as const,
    });
    const events = [
      householdRegistered({ householdId, householdNumber: String(h), ...place }),
      householdMemberAdded({ householdId, ...place, member: member(3) }),
      householdMemberAdded({ householdId, ...place, member: member(4) }),
      householdMemberRemoved({ householdId, ...place, memberId: `${householdId}-m3` }),
      h % 5 === 0
        ? householdClosed({ householdId, ...place, on: '2026-09-30', reason: 'death' })
        : householdMemberAdded({ householdId, ...place, member: member(5) }),
    ];
    for (const e of events.slice(0, DIRECTORY_EVENTS - out.length))
      out.push({ key: householdId, value: JSON.stringify(e) });
  }
  return out;
}

/** The live app's group: one that has consumed everything (its offsets at the end of every partition). */
async function caughtUpGroup(d: BenchDriver, groupId: string, topics: string[]) {
  for (const topic of topics) {
    const ends = await d.admin.fetchTopicOffsets(topic);
    await d.admin.setOffsets({
      groupId,
      topic,
      partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })),
    });
  }
}

function monthOf(i: number): string {
  const m = 2024 * 12 + (i % 36);
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
}

/** The events, keyed by household as the apps publish them. */
function eventsOf(): { households: Message[]; monitoring: Message[] } {
  const households: Message[] = [];
  const monitoring: Message[] = [];
  const perHousehold = Math.floor(EVENTS / HOUSEHOLDS);
  const extra = EVENTS - perHousehold * HOUSEHOLDS;
  for (let h = 0; h < HOUSEHOLDS; h++) {
    const householdId = `rb-hh-${String(h).padStart(6, '0')}`;
    const village = VILLAGES[h % VILLAGES.length];
    const reg = householdRegistered({ householdId, householdNumber: String(h), ...placeOf(village) });
    households.push({ key: householdId, value: JSON.stringify(reg) });
    const incomes = perHousehold - 1 + (h < extra ? 1 : 0);
    for (let i = 0; i < incomes; i++) {
      const perCapita = 4000 + ((h * 7919 + i * 104729) % 8000);
      const e = householdIncomeChanged({
        householdId,
        townCode: village.slice(0, 9),
        villageCode: village,
        month: monthOf(i),
        netIncome: perCapita * 2,
        perCapitaNetIncome: perCapita,
      });
      monitoring.push({ key: householdId, value: JSON.stringify(e) });
    }
  }
  return { households, monitoring };
}

/** A plain kafkajs consumer reading the topics from the beginning: records/s until `total` are read. */
async function rawRead(kafka: Kafka, groupId: string, topics: string[], total: number): Promise<number> {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, maxBytesPerPartition: 4 * 1024 * 1024 });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  let read = 0;
  let first = 0;
  let last = 0;
  await consumer.run({
    autoCommit: false,
    partitionsConsumedConcurrently: 1,
    eachBatch: async ({ batch }) => {
      first ||= Date.now();
      for (const m of batch.messages) JSON.parse(m.value!.toString());
      read += batch.messages.length;
      last = Date.now();
    },
  });
  const deadline = Date.now() + 300_000;
  while (read < total && Date.now() < deadline) await sleep(50);
  await consumer.disconnect();
  if (read < total) throw new Error(`raw consumer read ${read} of ${total} records`);
  return Math.round((read / Math.max(1, last - first)) * 1000);
}

async function main() {
  const runId = `rbench${Date.now().toString(36)}`;
  const prefix = `${runId}.`;
  const d = new BenchDriver({
    clientId: 'bench-replay',
    runId,
    partitions: PARTITIONS,
    keep: process.env.BENCH_KEEP === '1',
    stopTimeoutMs: 5_000,
  });
  await d.connect();
  try {
    const topics = RULES_TOPICS.map((t) => `${prefix}${t}`);
    await d.createTopics(topics);
    const { households, monitoring } = eventsOf();
    const sendRate = Math.round(
      (households.length + monitoring.length) /
        (((await timed(() => d.send(`${prefix}${Topics.households}`, households))) +
          (await timed(() => d.send(`${prefix}${Topics.monitoring}`, monitoring)))) /
          1000),
    );
    const total = households.length + monitoring.length;
    console.log(`[replay] ${total} events of ${HOUSEHOLDS} households on Kafka (${sendRate} events/s sent)`);

    const raw = await rawRead(d.kafka, `${prefix}raw`, topics, total);
    console.log(`[replay] raw kafkajs consumer (JSON.parse only): ${raw} events/s`);

    // the live app: a group that has consumed everything (its offsets at the end of every partition)
    const { result, stored } = await replayCaughtUp(
      d,
      prefix,
      'rules',
      topics,
      `${runId}_rules`,
      replaySubjects,
    );
    if (result.events !== total) throw new Error(`replay applied ${result.events} of ${total} events`);
    if (result.subjects !== HOUSEHOLDS || stored !== HOUSEHOLDS)
      throw new Error(`replay left ${stored} subject versions for ${HOUSEHOLDS} households`);
    console.log(
      `[replay] rules subjects rebuilt: ${result.events} events → ${stored} subjects in ${result.buildMs} ms: ` +
        `${result.eventsPerSecond} events/s (${(result.eventsPerSecond / raw).toFixed(3)}× raw kafkajs ${raw} events/s); ` +
        `switch-over ${result.fencedMs} ms`,
    );
    console.log(
      JSON.stringify({
        bench: 'replay',
        events: total,
        subjects: stored,
        replayEventsPerSecond: result.eventsPerSecond,
        rawEventsPerSecond: raw,
        buildMs: result.buildMs,
      }),
    );
    await benchDirectory(d, runId);
  } finally {
    await d.close();
  }
}

/**
 * Runs a replay with the live app's group caught up with everything (its offsets at the end of every
 * partition); answers the result and how many documents the shadow holds.
 */
async function replayCaughtUp<R extends ReadModelReplayResult>(
  d: BenchDriver,
  prefix: string,
  app: string,
  topics: string[],
  dbName: string,
  replay: (o: AppReplayOptions) => Promise<R>,
): Promise<{ result: R; stored: number }> {
  const liveGroup = `${prefix}${app}`;
  await caughtUpGroup(d, liveGroup, topics);
  d.databases.push(dbName);
  const result = await replay({
    db: d.mongo.db(dbName),
    kafka: new Kafka({
      clientId: `bench-replay-${app}`,
      brokers: infra.kafkaBrokers,
      logLevel: logLevel.NOTHING,
    }),
    topicPrefix: prefix,
    liveGroup,
    log: (line) => console.log(`[replay] ${line}`),
  });
  const stored = await d.mongo.db(dbName).collection(result.collection).countDocuments({});
  return { result, stored };
}

/** monitoring's household directory replayed over a households topic of its own. */
async function benchDirectory(d: BenchDriver, runId: string) {
  const prefix = `${runId}d.`;
  const topic = `${prefix}${Topics.households}`;
  await d.createTopics([topic]);
  const events = directoryEventsOf();
  await d.send(topic, events);
  const raw = await rawRead(d.kafka, `${prefix}raw`, [topic], events.length);
  const { result, stored } = await replayCaughtUp(
    d,
    prefix,
    'monitoring',
    [topic],
    `${runId}_monitoring`,
    replayHouseholdDirectory,
  );
  if (result.events !== events.length || stored !== result.households)
    throw new Error(`directory replay applied ${result.events} of ${events.length} events, stored ${stored}`);
  console.log(
    `[replay] monitoring household-directory rebuilt: ${result.events} events → ${stored} households in ` +
      `${result.buildMs} ms: ${result.eventsPerSecond} events/s (${(result.eventsPerSecond / raw).toFixed(3)}× ` +
      `raw kafkajs ${raw} events/s); switch-over ${result.fencedMs} ms`,
  );
  console.log(
    JSON.stringify({
      bench: 'replay-directory',
      events: events.length,
      households: stored,
      replayEventsPerSecond: result.eventsPerSecond,
      rawEventsPerSecond: raw,
      buildMs: result.buildMs,
    }),
  );
}

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t0 = Date.now();
  await f();
  return Date.now() - t0;
}

runBench(main);
