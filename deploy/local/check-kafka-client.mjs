#!/usr/bin/env node
// Compatibility check: the repo's kafkajs against the local broker (deploy/local/infra.sh up).
// Prints PASS/FAIL per operation; exits 1 if anything failed.
//
//   node deploy/local/check-kafka-client.mjs            # broker 127.0.0.1:$KAFKA_PORT (9092)
//   KAFKA_BROKERS=host:port node deploy/local/check-kafka-client.mjs
//
// kafkajs is resolved from the repo root node_modules (or NODE_PATH).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(repoRoot, 'package.json'));
const { Kafka, logLevel } = require('kafkajs');
const kafkajsVersion = require('kafkajs/package.json').version;

const brokers = (process.env.KAFKA_BROKERS || `127.0.0.1:${process.env.KAFKA_PORT || 9092}`).split(',');
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const topic = `infra-check-${run}`;
const groupId = `infra-check-group-${run}`;
const STEP_TIMEOUT_MS = Number(process.env.CHECK_STEP_TIMEOUT_MS || 30000);

const kafkaErrors = [];
const kafka = new Kafka({
  clientId: 'infra-check',
  brokers,
  connectionTimeout: 3000,
  retry: { retries: 5 },
  logLevel: logLevel.WARN,
  logCreator:
    () =>
    ({ level, log }) => {
      const { message, error } = log;
      if (level <= logLevel.ERROR) kafkaErrors.push(`${message}${error ? `: ${error}` : ''}`);
      if (process.env.CHECK_VERBOSE)
        console.error(`  [kafkajs ${level}] ${message}${error ? `: ${error}` : ''}`);
    },
});

let failures = 0;
const results = [];
async function step(name, fn) {
  const t0 = Date.now();
  try {
    const detail = await withTimeout(fn(), STEP_TIMEOUT_MS, name);
    results.push(['PASS', name]);
    console.log(`PASS  ${name}${detail ? ` — ${detail}` : ''} (${Date.now() - t0} ms)`);
    return true;
  } catch (err) {
    failures++;
    results.push(['FAIL', name]);
    console.log(`FAIL  ${name} — ${err?.stack || err} (${Date.now() - t0} ms)`);
    return false;
  }
}
function withTimeout(p, ms, what) {
  let t;
  return Promise.race([
    p.finally(() => clearTimeout(t)),
    new Promise((_, rej) => (t = setTimeout(() => rej(new Error(`timeout after ${ms} ms: ${what}`)), ms))),
  ]);
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(pred, what, ms = STEP_TIMEOUT_MS - 1000) {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`condition not met: ${what}`);
    await sleep(50);
  }
}

// A consumer in the group that records messages and its current assignment.
function groupConsumer(name) {
  const c = kafka.consumer({
    groupId,
    sessionTimeout: 10000,
    heartbeatInterval: 1000,
    rebalanceTimeout: 10000,
  });
  const state = { name, c, seen: [], assigned: [], joins: 0 };
  c.on(c.events.GROUP_JOIN, (e) => {
    state.joins++;
    state.assigned = e.payload.memberAssignment[topic] || [];
  });
  state.start = async () => {
    await c.connect();
    await c.subscribe({ topics: [topic], fromBeginning: true });
    await c.run({
      autoCommit: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        for (const m of batch.messages) {
          if (!isRunning() || isStale()) break;
          state.seen.push({ p: batch.partition, o: m.offset, v: m.value.toString() });
          resolveOffset(m.offset);
        }
        const last = batch.messages.at(-1);
        if (last) {
          await c.commitOffsets([
            { topic: batch.topic, partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() },
          ]);
        }
        await heartbeat();
      },
    });
  };
  return state;
}

const admin = kafka.admin();
const producer = kafka.producer();
const idem = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
const consumers = [];

async function main() {
  console.log(`kafkajs ${kafkajsVersion} -> ${brokers.join(',')}  topic=${topic} group=${groupId}`);

  await step('admin.connect + describeCluster', async () => {
    await admin.connect();
    const cl = await admin.describeCluster();
    assert(cl.brokers.length >= 1, 'no brokers');
    return `brokers=${cl.brokers.map((b) => `${b.nodeId}@${b.host}:${b.port}`).join(',')} controller=${cl.controller}`;
  });

  await step('admin.createTopics (3 partitions)', async () => {
    const created = await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
    });
    assert(created === true, `createTopics returned ${created}`);
    const again = await admin.createTopics({ topics: [{ topic, numPartitions: 3 }] });
    assert(again === false, 'second createTopics should return false (already exists)');
    return 'created; re-create returns false';
  });

  await step('admin.fetchTopicMetadata', async () => {
    const md = await admin.fetchTopicMetadata({ topics: [topic] });
    const t = md.topics.find((x) => x.name === topic);
    assert(t && t.partitions.length === 3, `expected 3 partitions, got ${JSON.stringify(md)}`);
    assert(
      t.partitions.every((p) => p.leader >= 0),
      'partition without leader',
    );
    return `partitions=${t.partitions.map((p) => `${p.partitionId}:leader${p.leader}`).join(',')}`;
  });

  await step('admin.listTopics', async () => {
    const topics = await admin.listTopics();
    assert(topics.includes(topic), 'topic missing from listTopics');
    return `${topics.length} topics`;
  });

  await step('producer.send (acks=-1, keyed, 3 partitions)', async () => {
    await producer.connect();
    const res = await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: 9 }, (_, i) => ({
        key: `k${i}`,
        value: `plain-${i}`,
        partition: i % 3,
      })),
    });
    assert(res.length >= 1 && res.every((r) => r.errorCode === 0), JSON.stringify(res));
    return `records=${JSON.stringify(res.map((r) => [r.partition, r.baseOffset]))}`;
  });

  await step('producer.send (idempotent: true, maxInFlightRequests: 1)', async () => {
    await idem.connect();
    for (let i = 0; i < 3; i++) {
      const res = await idem.send({
        topic,
        messages: [0, 1, 2].map((p) => ({ key: `i${i}-${p}`, value: `idem-${i}-${p}`, partition: p })),
      });
      assert(
        res.every((r) => r.errorCode === 0),
        JSON.stringify(res),
      );
    }
    return '9 records in 3 sends';
  });

  await step('producer.sendBatch (idempotent)', async () => {
    const res = await idem.sendBatch({
      topicMessages: [{ topic, messages: [0, 1, 2].map((p) => ({ value: `batch-${p}`, partition: p })) }],
    });
    assert(
      res.every((r) => r.errorCode === 0),
      JSON.stringify(res),
    );
    return '3 records';
  });

  const expectedInitial = 21;
  const a = groupConsumer('A');
  consumers.push(a);
  await step('consumer group: subscribe + run(eachBatch) + commitOffsets', async () => {
    await a.start();
    await until(
      () => a.seen.length >= expectedInitial,
      `A to receive ${expectedInitial} messages (has ${a.seen.length})`,
    );
    assert(a.assigned.length === 3, `A should own 3 partitions, owns ${a.assigned}`);
    const values = new Set(a.seen.map((m) => m.v));
    assert(values.size === expectedInitial, `duplicates/missing: ${values.size} distinct`);
    return `received ${a.seen.length} messages from partitions ${[...new Set(a.seen.map((m) => m.p))].sort()}`;
  });

  await step('admin.fetchOffsets == log end offsets', async () => {
    const ends = await admin.fetchTopicOffsets(topic);
    const endBy = Object.fromEntries(ends.map((e) => [e.partition, e.high]));
    let got;
    const end = Date.now() + 10000;
    for (;;) {
      const res = await admin.fetchOffsets({ groupId, topics: [topic] });
      got = Object.fromEntries(res[0].partitions.map((p) => [p.partition, p.offset]));
      if ([0, 1, 2].every((p) => got[p] === endBy[p])) break;
      if (Date.now() > end)
        throw new Error(`committed ${JSON.stringify(got)} != end ${JSON.stringify(endBy)}`);
      await sleep(200);
    }
    return `committed=${JSON.stringify(got)}`;
  });

  const b = groupConsumer('B');
  consumers.push(b);
  await step('consumer group: second member joins -> rebalance splits partitions', async () => {
    const joinsBefore = a.joins;
    const t0 = Date.now();
    await b.start();
    await until(
      () =>
        b.joins > 0 &&
        a.joins > joinsBefore &&
        a.assigned.length + b.assigned.length === 3 &&
        b.assigned.length > 0,
      `rebalance (A=${a.assigned} B=${b.assigned})`,
    );
    return `A=[${a.assigned}] B=[${b.assigned}] after ${Date.now() - t0} ms`;
  });

  await step('consumer group: member disconnects -> survivor rejoins with all partitions', async () => {
    const joinsBefore = a.joins;
    await b.c.disconnect();
    consumers.splice(consumers.indexOf(b), 1);
    const t0 = Date.now();
    await until(() => a.joins > joinsBefore && a.assigned.length === 3, `A rejoin (A=${a.assigned})`);
    const tJoin = Date.now() - t0;
    const before = a.seen.length;
    await producer.send({
      topic,
      messages: [0, 1, 2].map((p) => ({ value: `after-rejoin-${p}`, partition: p })),
    });
    await until(() => a.seen.length >= before + 3, 'A to receive 3 post-rejoin messages');
    return `A=[${a.assigned}] rejoined after ${tJoin} ms, consumed 3 new messages ${Date.now() - t0 - tJoin} ms later`;
  });

  await step('consumer group: new member resumes from committed offsets (no redelivery)', async () => {
    await a.c.disconnect();
    consumers.splice(consumers.indexOf(a), 1);
    const c = groupConsumer('C');
    consumers.push(c);
    await c.start();
    await until(() => c.joins > 0, 'C to join');
    await producer.send({ topic, messages: [0, 1, 2].map((p) => ({ value: `for-c-${p}`, partition: p })) });
    await until(() => c.seen.length >= 3, 'C to receive 3 new messages');
    await sleep(500);
    assert(
      c.seen.every((m) => m.v.startsWith('for-c-')),
      `C got already-committed messages: ${c.seen.map((m) => m.v)}`,
    );
    return `C received exactly ${c.seen.map((m) => m.v).join(',')}`;
  });

  await step('admin.describeGroups', async () => {
    const { groups } = await admin.describeGroups([groupId]);
    assert(groups[0]?.state === 'Stable', `state=${groups[0]?.state}`);
    return `state=${groups[0].state} protocol=${groups[0].protocol} members=${groups[0].members.length}`;
  });

  for (const c of consumers.splice(0)) await c.c.disconnect();

  await step('admin.deleteTopics + deleteGroups', async () => {
    await admin.deleteGroups([groupId]);
    await admin.deleteTopics({ topics: [topic] });
    return 'cleaned up';
  });
}

try {
  await main();
} catch (err) {
  failures++;
  console.log(`FAIL  unexpected error — ${err?.stack || err}`);
} finally {
  for (const c of consumers) await c.c.disconnect().catch(() => {});
  await Promise.allSettled([producer.disconnect(), idem.disconnect(), admin.disconnect()]);
}
if (kafkaErrors.length) {
  console.log(`note: kafkajs logged ${kafkaErrors.length} error-level response(s) (retried or expected):`);
  for (const e of kafkaErrors.slice(0, 10)) console.log(`  ${e}`);
}
const passed = results.filter((r) => r[0] === 'PASS').length;
console.log(`${passed} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
