/**
 * Supervision ingestion bench (part of `npm run bench`): check-in records per second and latency
 * to PERSISTED ATTENDANCE through the two machine ways in, next to the raw-Kafka baseline, all in
 * one run on the local broker and FerretDB:
 *   raw     kafkajs consumer that only parses and checks each record against the contract
 *           (bench/supervision/raw-consumer.ts): the pipe's ceiling
 *   kafka   the real supervision app (dist/apps/supervision) consuming supervision.checkins.v1: each
 *           batch is validated, matched to members, stored (insert-only, duplicates ignored), the
 *           touched attendance days recomputed and written with their events (outbox), then committed
 *   signed  the same app's POST /api/v1/integrations/checkins (HMAC-signed, nonce in Redis), batches
 *           of BENCH_SV_BATCH records: answered after the check-ins and attendance days are stored
 *
 * Two measurements per variant:
 *   records/s  Kafka: a backlog of BENCH_SV_N pre-produced records drained, from the consumer group
 *              being Stable (consuming starts) to the last commit;
 *              signed: BENCH_SV_N records in batches of BENCH_SV_BATCH, BENCH_SV_CONCURRENCY requests in
 *              flight, records / wall time
 *   latency    BENCH_SV_RATE records/s offered for BENCH_SV_DURATION_S. Kafka: a record is done when the
 *              group's committed offset passed it (the app commits after the effects), polled every
 *              BENCH_SV_POLL_MS; latency = that poll − producer.send(). Signed: requests of
 *              BENCH_SV_RATE/10 records ten times a second; latency = the response − the request.
 * After the Kafka drain the database is checked: every drained record is a stored check-in and every
 * member-day it names has an attendance day.
 *
 * Env knobs: BENCH_SV_N (10000), BENCH_SV_MEMBERS (200), BENCH_SV_BATCH (500), BENCH_SV_CONCURRENCY (2),
 * BENCH_SV_RATE (20: four times a county's morning peak of check-ins), BENCH_SV_DURATION_S (15), BENCH_SV_POLL_MS (25), BENCH_SV_VARIANTS (raw,kafka,signed),
 * BENCH_KEEP=1 keeps topics and databases.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deadLetterTopic, Topics } from '@lib/contracts';
import { signRequest } from '@lib/auth';
import { infra, uniqueRunId } from '@lib/testing/infra';
import { BenchDriver } from '../shared/bench-driver';
import { Child, envInt, freePort, mulberry32, PARTITIONS, quantile, sleep } from '../pipeline/common';
import {
  BenchCheckIn,
  makeCheckIns,
  makeMembers,
  makeTeams,
  memberDocs,
  teamDocs,
  toMessage,
} from './checkins';
import { runBench } from '../shared/run-bench';

type VariantName = 'raw' | 'kafka' | 'signed';
const LABEL: Record<VariantName, string> = {
  raw: 'raw kafkajs (parse only)',
  kafka: 'ours: Kafka topic → attendance',
  signed: 'ours: signed JSON → attendance',
};

const cfg = {
  n: envInt('BENCH_SV_N', 10_000),
  members: envInt('BENCH_SV_MEMBERS', 200),
  batch: envInt('BENCH_SV_BATCH', 500),
  concurrency: envInt('BENCH_SV_CONCURRENCY', 2),
  rate: envInt('BENCH_SV_RATE', 20),
  durationS: envInt('BENCH_SV_DURATION_S', 15),
  pollMs: envInt('BENCH_SV_POLL_MS', 25),
  drainCapS: envInt('BENCH_SV_DRAIN_CAP_S', 120),
  outboxWaitS: envInt('BENCH_SV_OUTBOX_WAIT_S', 600),
  variants: (process.env.BENCH_SV_VARIANTS ?? 'raw,kafka,signed')
    .split(',')
    .map((s) => s.trim()) as VariantName[],
  keep: process.env.BENCH_KEEP === '1',
};

const RUN = uniqueRunId('bsv');
/** dist/bench/supervision -> dist (wherever it was compiled to); logs under the working directory. */
const distRoot = path.resolve(__dirname, '../..');
const repoRoot = process.cwd();
const logDir = path.join(repoRoot, '.local', 'logs', 'bench');
const loadAtStart = os.loadavg();
const now = () => Date.now();
const CLIENT = { keyId: 'bench-gps', secret: 'bench-secret-0123456789abcdef', unit: '621299' };

interface Figures {
  recordsPerS?: number;
  throughputNote?: string;
  p50?: number;
  p99?: number;
  max?: number;
  latencyNote?: string;
  checked?: string;
  error?: string;
}

class Driver extends BenchDriver {
  constructor() {
    super({
      clientId: 'bench-sv',
      runId: RUN,
      partitions: PARTITIONS,
      keep: cfg.keep,
      stopTimeoutMs: 10_000,
    });
  }

  async produce(topic: string, records: BenchCheckIn[]) {
    await this.send(topic, records.map(toMessage));
  }

  start(child: Child): Child {
    this.children.add(child.start());
    return child;
  }
}

/**
 * Records/s of a pre-produced backlog, timed from the moment the consumer group is Stable (its
 * members joined and were given the partitions: consuming starts) until the committed offsets cover
 * the backlog, for the raw baseline and ours alike (at most drainCapS).
 */
async function drain(d: Driver, child: Child, groupId: string, topic: string, total: number) {
  const waitingSince = now();
  for (;;) {
    child.assertAlive();
    const [group] = (await d.admin.describeGroups([groupId])).groups;
    if (group?.state === 'Stable' && group.members.length > 0) break;
    if (now() - waitingSince > 120_000)
      throw new Error(`group ${groupId} not stable within 120 s\n${child.tail()}`);
    await sleep(20);
  }
  const start = now();
  for (;;) {
    child.assertAlive();
    const c = await d.committedTotal(groupId, topic);
    const t = now();
    if (c >= total || t - start >= cfg.drainCapS * 1000)
      return { perS: c / ((t - start) / 1000), done: c, capped: c < total };
    await sleep(20);
  }
}

/**
 * Seconds until the app's outbox is empty (the events of what was just stored are published): a
 * latency phase starts on an idle app.
 */
async function outboxDrained(d: Driver, db: string): Promise<number> {
  const database = d.mongo.db(db);
  const start = now();
  const pending = async () =>
    (await database.collection('checkins').countDocuments({ _outboxPending: true })) +
    (await database.collection('attendance_days').countDocuments({ _outboxPending: true }));
  while ((await pending()) > 0 && now() - start < cfg.outboxWaitS * 1000) await sleep(250);
  return (now() - start) / 1000;
}

/** Offered load on a topic; latency per record by the committed offset passing it. */
async function kafkaLatency(
  d: Driver,
  child: Child,
  groupId: string,
  topic: string,
  records: BenchCheckIn[],
) {
  const polls = new Map<number, Array<{ t: number; c: number }>>();
  for (let p = 0; p < PARTITIONS; p++) polls.set(p, []);
  const located: Array<{ p: number; offset: number; t0: number }> = [];
  let stop = false;
  const poller = (async () => {
    while (!stop) {
      const c = await d.committed(groupId, topic);
      const t = now();
      for (const [p, off] of c) polls.get(p)?.push({ t, c: off });
      await sleep(cfg.pollMs);
    }
  })();
  const inflight: Promise<void>[] = [];
  const start = now();
  let sent = 0;
  while (sent < records.length) {
    const due = Math.min(records.length, Math.floor((cfg.rate * (now() - start)) / 1000)) - sent;
    if (due > 0) {
      const batch = records.slice(sent, sent + due);
      sent += due;
      const t0 = now();
      inflight.push(
        d.producer.send({ topic, acks: -1, messages: batch.map(toMessage) }).then((meta) => {
          const base = new Map(meta.map((m) => [m.partition, Number(m.baseOffset)]));
          const next = new Map<number, number>();
          for (const r of batch) {
            const k = next.get(r.partition) ?? 0;
            next.set(r.partition, k + 1);
            located.push({ p: r.partition, offset: base.get(r.partition)! + k, t0 });
          }
        }),
      );
    }
    await sleep(10);
  }
  await Promise.all(inflight);
  const last = (p: number) => polls.get(p)!.at(-1)?.c ?? -1;
  const deadline = now() + 120_000;
  while (located.some((r) => last(r.p) <= r.offset) && now() < deadline) {
    child.assertAlive();
    await sleep(cfg.pollMs);
  }
  stop = true;
  await poller;
  const lat: number[] = [];
  for (const r of located) {
    const hit = polls.get(r.p)!.find((h) => h.c > r.offset && h.t >= r.t0);
    if (hit) lat.push(hit.t - r.t0);
  }
  lat.sort((a, b) => a - b);
  return {
    sent: located.length,
    done: lat.length,
    p50: quantile(lat, 0.5),
    p99: quantile(lat, 0.99),
    max: lat.at(-1),
  };
}

async function postSigned(port: number, records: BenchCheckIn[]) {
  const p = '/api/v1/integrations/checkins';
  const body = JSON.stringify({ records: records.map((r) => r.record) });
  const headers = signRequest(CLIENT.keyId, CLIENT.secret, { method: 'POST', path: p, body });
  const res = await fetch(`http://127.0.0.1:${port}${p}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body,
  }).catch((e: Error & { cause?: Error }) => {
    throw new Error(`${e.message}: ${e.cause?.message ?? 'no cause'}`);
  });
  const json = (await res.json()) as { accepted?: number; unmatched?: number };
  if (res.status !== 200) throw new Error(`signed endpoint answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

async function signedThroughput(port: number, records: BenchCheckIn[]) {
  const batches: BenchCheckIn[][] = [];
  for (let i = 0; i < records.length; i += cfg.batch) batches.push(records.slice(i, i + cfg.batch));
  const lat: number[] = [];
  let accepted = 0;
  let next = 0;
  const start = now();
  await Promise.all(
    Array.from({ length: cfg.concurrency }, async () => {
      while (next < batches.length) {
        const b = batches[next++];
        const t0 = now();
        // (not `accepted += await …`: that reads `accepted` before the await and loses the other
        // request's count)
        const answer = await postSigned(port, b);
        accepted += answer.accepted ?? 0;
        lat.push(now() - t0);
      }
    }),
  );
  const seconds = (now() - start) / 1000;
  lat.sort((a, b) => a - b);
  return {
    perS: records.length / seconds,
    accepted,
    requestP50: quantile(lat, 0.5),
    requestP99: quantile(lat, 0.99),
  };
}

async function signedLatency(port: number, records: BenchCheckIn[]) {
  const per = Math.max(1, Math.round(cfg.rate / 10));
  const lat: number[] = [];
  const inflight: Promise<void>[] = [];
  const start = now();
  let sent = 0;
  while (sent < records.length) {
    const due = Math.floor((cfg.rate * (now() - start)) / 1000) - sent;
    if (due >= per || (due > 0 && now() - start >= cfg.durationS * 1000)) {
      const b = records.slice(sent, sent + per);
      sent += b.length;
      const t0 = now();
      inflight.push(postSigned(port, b).then(() => void lat.push(...b.map(() => now() - t0))));
    }
    await sleep(5);
  }
  await Promise.all(inflight);
  lat.sort((a, b) => a - b);
  return { sent, perRequest: per, p50: quantile(lat, 0.5), p99: quantile(lat, 0.99), max: lat.at(-1) };
}

/**
 * Where a batch's milliseconds go: the app's per-phase seconds (supervision_ingest_phase_seconds_total)
 * since the previous call, divided by the batches, for one way in (kafka, signed-api).
 */
const profiled = new Map<string, number>();
async function batchProfile(port: number, via: string): Promise<string> {
  const text = await fetch(`http://127.0.0.1:${port}/metrics`)
    .then((r) => r.text())
    .catch(() => '');
  const read = (re: RegExp) => [...text.matchAll(re)].map((m) => ({ name: m[1], value: Number(m[2]) }));
  const delta = (k: string, v: number) => {
    const d = v - (profiled.get(k) ?? 0);
    profiled.set(k, v);
    return d;
  };
  const batches = read(new RegExp(`supervision_ingest_batches_total\\{via="(${via})"\\} (\\S+)`, 'g')).map(
    (b) => delta(`batches:${via}`, b.value),
  )[0];
  if (!batches) return 'no batches';
  const phases = read(
    new RegExp(`supervision_ingest_phase_seconds_total\\{phase="([^"]+)",via="${via}"\\} (\\S+)`, 'g'),
  ).map((p) => ({ name: p.name, ms: (delta(`${via}:${p.name}`, p.value) * 1000) / batches }));
  const total = phases.reduce((a, p) => a + p.ms, 0);
  return `${batches} batches, ${total.toFixed(0)} ms each: ${phases.map((p) => `${p.name} ${p.ms.toFixed(1)}`).join(', ')}`;
}

async function runRaw(d: Driver, drainSet: BenchCheckIn[], steadySet: BenchCheckIn[]): Promise<Figures> {
  const topic = `${RUN}.raw.${Topics.supervisionCheckins}`;
  const groupId = `${RUN}.raw`;
  await d.createTopics([topic]);
  await d.produce(topic, drainSet);
  const child = d.start(
    new Child(
      'raw',
      [path.join(distRoot, 'bench', 'supervision', 'raw-consumer.js')],
      { KAFKA_BROKERS: infra.kafkaBrokers.join(','), BENCH_TOPIC: topic, BENCH_GROUP: groupId },
      path.join(logDir, `${RUN}-raw.log`),
    ),
  );
  const t = await drain(d, child, groupId, topic, drainSet.length);
  console.log(`[raw] drain: ${Math.round(t.perS)} records/s`);
  const l = await kafkaLatency(d, child, groupId, topic, steadySet);
  console.log(`[raw] steady ${cfg.rate}/s: p50 ${l.p50} ms, p99 ${l.p99} ms (${l.done}/${l.sent})`);
  await child.stop(5_000);
  return { recordsPerS: t.perS, p50: l.p50, p99: l.p99, max: l.max };
}

async function main() {
  fs.mkdirSync(logDir, { recursive: true });
  const appMain = path.join(distRoot, 'apps', 'supervision', 'src', 'main.js');
  if (!fs.existsSync(appMain)) throw new Error(`${appMain} missing: npm run build`);
  const d = new Driver();
  const onSignal = () => void d.close().finally(() => process.exit(130));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const results: Partial<Record<VariantName, Figures>> = {};
  try {
    await d.connect();
    const teams = makeTeams();
    const members = makeMembers(cfg.members, teams);
    const steadyN = cfg.rate * cfg.durationS;
    const sets = {
      rawDrain: makeCheckIns('raw-d', cfg.n, members, teams, mulberry32(11)),
      rawSteady: makeCheckIns('raw-s', steadyN, members, teams, mulberry32(12)),
      kafkaDrain: makeCheckIns('kafka-d', cfg.n, members, teams, mulberry32(11)),
      kafkaSteady: makeCheckIns('kafka-s', steadyN, members, teams, mulberry32(12)),
      signedBulk: makeCheckIns('signed-d', cfg.n, members, teams, mulberry32(11)),
      signedSteady: makeCheckIns('signed-s', steadyN, members, teams, mulberry32(12)),
    };
    console.log(
      `[supervision] run ${RUN}: ${cfg.members} members in ${teams.length} teams; ${cfg.n} records per throughput phase, ` +
        `${steadyN} per latency phase (${cfg.rate}/s for ${cfg.durationS} s)`,
    );

    if (cfg.variants.includes('raw')) {
      try {
        results.raw = await runRaw(d, sets.rawDrain, sets.rawSteady);
      } catch (e) {
        results.raw = { error: (e as Error).message.split('\n')[0] };
      }
    }

    if (cfg.variants.includes('kafka') || cfg.variants.includes('signed')) {
      // One app process: its own topics, consumer group, database and Redis prefix.
      const prefix = `${RUN}.app.`;
      const topic = `${prefix}${Topics.supervisionCheckins}`;
      const groupId = `${prefix}supervision`;
      const db = `${RUN}_supervision`;
      d.databases.push(db);
      const own = [Topics.supervisionCheckins, Topics.monitoring, Topics.supervision].map(
        (t) => `${prefix}${t}`,
      );
      await d.createTopics(own.flatMap((t) => [t, deadLetterTopic(t)]));
      await d.mongo
        .db(db)
        .collection('teams')
        .insertMany(teamDocs(teams) as never[]);
      await d.mongo
        .db(db)
        .collection('members')
        .insertMany(memberDocs(members) as never[]);
      const kafka = cfg.variants.includes('kafka');
      if (kafka) await d.produce(topic, sets.kafkaDrain);
      const port = await freePort();
      const child = d.start(
        new Child(
          'supervision',
          [appMain],
          {
            NODE_ENV: 'test',
            LOG_LEVEL: 'warn',
            HOST: '127.0.0.1',
            PORT: String(port),
            KAFKA_BROKERS: infra.kafkaBrokers.join(','),
            KAFKA_TOPIC_PREFIX: prefix,
            KAFKA_PARTITIONS: String(PARTITIONS),
            MONGO_URL: infra.mongoUrl,
            MONGO_DB: db,
            REDIS_URL: infra.redisUrl,
            REDIS_PREFIX: `${RUN}:`,
            ATTENDANCE_CLOSE_INTERVAL_MS: '0',
            INTEGRATION_SECRETS: `${CLIENT.keyId}:${CLIENT.secret}@${CLIENT.unit}`,
          },
          path.join(logDir, `${RUN}-supervision.log`),
        ),
      );
      console.log(`[supervision] app pid ${child.pid}, log ${path.relative(repoRoot, child.logFile)}`);

      if (kafka) {
        const f: Figures = {};
        results.kafka = f;
        try {
          const t = await drain(d, child, groupId, topic, sets.kafkaDrain.length);
          f.recordsPerS = t.perS;
          if (t.capped) f.throughputNote = `capped at ${cfg.drainCapS} s (${t.done}/${cfg.n})`;
          console.log(`[kafka] drain: ${Math.round(t.perS)} records/s`);
          // persisted: every drained record a check-in, every member-day it names an attendance day
          const database = d.mongo.db(db);
          const stored = await database.collection('checkins').countDocuments({});
          const memberDays = new Set(
            sets.kafkaDrain.map((r) => `${r.key}:${r.record.checkTime.slice(0, 10)}`),
          );
          const days = await database.collection('attendance_days').countDocuments({});
          console.log(`[kafka] profile of a batch: ${await batchProfile(port, 'kafka')}`);
          // The drain's events (a checkin.accepted per record, an attendance.day-computed per day)
          // are still leaving through the outbox; the latency phase starts when they are out.
          const relayS = await outboxDrained(d, db);
          f.checked = `${stored}/${cfg.n} check-ins stored, ${days}/${memberDays.size} attendance days; their events out ${relayS.toFixed(0)} s after the drain`;
          console.log(`[kafka] ${f.checked}`);
          const l = await kafkaLatency(d, child, groupId, topic, sets.kafkaSteady);
          Object.assign(f, { p50: l.p50, p99: l.p99, max: l.max });
          if (l.done < l.sent) f.latencyNote = `${l.sent - l.done} not done within 120 s`;
          console.log(`[kafka] steady ${cfg.rate}/s: p50 ${l.p50} ms, p99 ${l.p99} ms (${l.done}/${l.sent})`);
        } catch (e) {
          f.error = (e as Error).message.split('\n')[0];
        }
      }

      if (cfg.variants.includes('signed')) {
        const f: Figures = {};
        results.signed = f;
        try {
          // ready: the HTTP side answers (the Kafka phase may not have run)
          const ready = now() + 90_000;
          while (now() < ready) {
            child.assertAlive();
            const ok = await fetch(`http://127.0.0.1:${port}/health/ready`)
              .then((r) => r.status === 200)
              .catch(() => false);
            if (ok) break;
            await sleep(200);
          }
          const t = await signedThroughput(port, sets.signedBulk);
          f.recordsPerS = t.perS;
          f.throughputNote = `batches of ${cfg.batch}, ${cfg.concurrency} in flight; request p50 ${t.requestP50} ms, p99 ${t.requestP99} ms`;
          console.log(
            `[signed] ${Math.round(t.perS)} records/s; profile of a request: ${await batchProfile(port, 'signed-api')}`,
          );
          const relayS = await outboxDrained(d, db);
          f.checked = `${t.accepted}/${cfg.n} accepted; their events out ${relayS.toFixed(0)} s after the last answer`;
          console.log(`[signed] ${Math.round(t.perS)} records/s (${f.throughputNote}); ${f.checked}`);
          const l = await signedLatency(port, sets.signedSteady);
          Object.assign(f, { p50: l.p50, p99: l.p99, max: l.max });
          f.latencyNote = `${l.perRequest} records per request`;
          console.log(`[signed] steady ${cfg.rate}/s: p50 ${l.p50} ms, p99 ${l.p99} ms`);
        } catch (e) {
          f.error = (e as Error).message.split('\n')[0];
        }
      }
      await child.stop(15_000);
      d.children.delete(child);
    }
    report(results);
    const out = path.join(logDir, `${RUN}.json`);
    fs.writeFileSync(out, JSON.stringify({ run: RUN, cfg, results }, null, 2));
    console.log(`raw numbers: ${path.relative(repoRoot, out)}`);
  } finally {
    await d.close();
  }
  if (Object.values(results).some((r) => r?.error)) process.exitCode = 1;
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const fmt = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(0));

function report(results: Partial<Record<VariantName, Figures>>) {
  const raw = results.raw?.recordsPerS;
  console.log('');
  console.log(`=== supervision ingestion bench (run ${RUN}) ===`);
  const load = (xs: number[]) => xs.map((x) => x.toFixed(1)).join('/');
  console.log(
    `broker ${infra.kafkaBrokers.join(',')}, db ${infra.mongoUrl}; ${PARTITIONS} partitions; ${os.cpus().length} cores, ` +
      `load ${load(loadAtStart)} at start, ${load(os.loadavg())} at the end`,
  );
  console.log(
    `records/s: drain of ${cfg.n} pre-produced records (Kafka) or ${cfg.n} records posted (signed); ` +
      `latency at ${cfg.rate} records/s offered for ${cfg.durationS} s, to persisted attendance (ours) / parsed (raw)`,
  );
  const header = `${pad('variant', 32)} | ${lpad('records/s', 9)} | ${lpad('p50 ms', 7)} | ${lpad('p99 ms', 7)} | ratio to raw`;
  console.log(header);
  console.log('-'.repeat(header.length));
  for (const v of cfg.variants) {
    const r = results[v];
    if (!r) continue;
    if (r.error && r.recordsPerS === undefined) {
      console.log(`${pad(LABEL[v], 32)} | failed: ${r.error}`);
      continue;
    }
    const ratio = raw && r.recordsPerS ? `${(r.recordsPerS / raw).toFixed(2)}×` : '—';
    const notes = [r.throughputNote, r.latencyNote, r.checked, r.error && `failed: ${r.error}`].filter(
      Boolean,
    );
    console.log(
      `${pad(LABEL[v], 32)} | ${lpad(fmt(r.recordsPerS), 9)} | ${lpad(fmt(r.p50), 7)} | ${lpad(fmt(r.p99), 7)} | ${ratio}` +
        (notes.length ? `   (${notes.join('; ')})` : ''),
    );
  }
  // issue #17's bars (records/s to persisted attendance days; the machine's load counts as much as the code)
  const bars: Array<[VariantName, number, string]> = [
    ['kafka', 3_000, 'Kafka topic → attendance'],
    ['signed', 1_000, `signed JSON → attendance (${cfg.batch}-record requests)`],
  ];
  for (const [v, bar, what] of bars) {
    const perS = results[v]?.recordsPerS;
    if (perS === undefined) continue;
    console.log(
      `bar: ${what} ≥ ${bar.toLocaleString('en')}/s ... ${perS >= bar ? 'PASS' : 'FAIL'} (${fmt(perS)}/s)`,
    );
  }
  console.log('');
}

runBench(main);
