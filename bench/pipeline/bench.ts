/**
 * `npm run bench`: throughput and latency of the income → alert pipeline next to two baselines,
 * all measured in one run on the same broker and database server. Every variant consumes the same
 * household-income.changed.v1 events (as monitoring emits them) and runs the same rule evaluation
 * code (apps/rules/src/engine, the rule book compiled from the default catalogue):
 *   raw   kafkajs produce → consume; parse, contract check, evaluateEvents + decide against state
 *         kept in memory, no database (the pipe's ceiling; bench/pipeline/raw-consumer.ts)
 *   nest  @nestjs/microservices Transport.KAFKA, @EventPattern handler, one message at a time,
 *         handed to rules' own Evaluation module as a run of one (bench/pipeline/nest-per-message.ts)
 *   ours  the real rules app (dist/apps/rules, KafkaBatchServer + @BatchEventPattern EvaluationHandlers)
 * Each variant runs as its own OS process with its own topic prefix, consumer group and database.
 * Per variant: (1) max throughput = drain of BENCH_N pre-produced records, events/s between the first
 * and the last commit seen (at most BENCH_DRAIN_CAP_S, the rest is left behind); (2) a fresh process on
 * fresh topics, same database (so the state the drain built stays), warmed up with 30 records, then
 * BENCH_RATE events/s for BENCH_DURATION_S with latency per record. The default rate (1,000/s) is issue
 * #17's point for the event → alert.raised p99; per-message Nest (~85/s here) cannot keep it up and is
 * reported as not sustained.
 *
 * Definition used for every variant ("done"): a record is done when the consumer group's committed
 * offset for its partition has passed it (polled with admin.fetchOffsets every BENCH_POLL_MS).
 * Latency = that poll's time − the moment the record was handed to producer.send().
 *
 * Env knobs: BENCH_N (20000), BENCH_HOUSEHOLDS (2000), BENCH_RATE (events/s, 25), BENCH_DURATION_S (15),
 * BENCH_DRAIN_CAP_S (25), BENCH_POLL_MS (25), BENCH_VARIANTS (raw,nest,ours), BENCH_KEEP=1 keeps topics/DBs.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Consumer } from 'kafkajs';
import { deadLetterTopic, Topics } from '@lib/contracts';
import { alertIdOf } from '../../apps/rules/src/engine/evaluate';
import { infra, uniqueRunId } from '@lib/testing/infra';
import { BenchDriver } from '../shared/bench-driver';
import {
  Child,
  distRoot,
  envInt,
  freePort,
  IncomeRecord,
  makeIncomeChanges,
  mulberry32,
  PARTITIONS,
  quantile,
  repoRoot,
  sleep,
  toKafkaMessage,
} from './common';
import { runBench } from '../shared/run-bench';

type VariantName = 'raw' | 'nest' | 'ours';
const LABEL: Record<VariantName, string> = {
  raw: 'raw kafkajs (rules in memory)',
  nest: 'Nest Transport.KAFKA per-message',
  ours: 'ours: rules (batch transport)',
};

const cfg = {
  n: envInt('BENCH_N', 20_000),
  households: envInt('BENCH_HOUSEHOLDS', 2_000),
  rate: envInt('BENCH_RATE', 1_000),
  durationS: envInt('BENCH_DURATION_S', 10),
  drainCapS: envInt('BENCH_DRAIN_CAP_S', 25),
  pollMs: envInt('BENCH_POLL_MS', 25),
  variants: (process.env.BENCH_VARIANTS ?? 'raw,nest,ours').split(',').map((s) => s.trim()) as VariantName[],
  keep: process.env.BENCH_KEEP === '1',
};

const RUN = uniqueRunId('bench');
const loadAtStart = os.loadavg();
const logDir = path.join(repoRoot, '.local', 'logs', 'bench');
const now = () => Date.now();

interface Throughput {
  eventsPerS: number;
  drained: number;
  windowMs: number;
  capped: boolean;
  produceEventsPerS: number;
}
interface Latency {
  offeredPerS: number;
  sent: number;
  done: number;
  p50: number;
  p99: number;
  max: number;
  sustained: boolean;
  backlogAtEnd: number;
  /** From the end of sending until the last record was done. */
  tailMs: number;
  /** Median latency of records sent at 10–35 % and after 75 % of the window (a growing queue shows here). */
  earlyP50: number;
  lateP50: number;
  alert?: {
    n: number;
    p50: number;
    p99: number;
    /** Alerts rules raised for the steady-phase records (counted in its database). */
    raised?: number;
    /** Alert documents the outbox relay still had to publish when the steady phase started. */
    relayBacklogAtStart?: number;
  };
}
interface ProfileSnapshot {
  seq: number;
  stats: Record<
    string,
    {
      n: number;
      totalMs: number;
      p50: number;
      p99: number;
      max: number;
      size?: { mean: number; p50: number; max: number };
    }
  >;
}
interface Result {
  variant: VariantName;
  throughput?: Throughput;
  latency?: Latency;
  profile?: { drain?: ProfileSnapshot; steady?: ProfileSnapshot };
  error?: string;
}

class Driver extends BenchDriver {
  constructor() {
    super({
      clientId: 'bench-driver',
      runId: RUN,
      partitions: PARTITIONS,
      keep: cfg.keep,
      stopTimeoutMs: 5_000,
    });
  }

  /** Sends records as fast as the broker takes them (acks=all); returns events/s. */
  preProduce(topic: string, records: IncomeRecord[]): Promise<number> {
    return this.send(topic, records.map(toKafkaMessage));
  }
}

interface VariantSetup {
  name: VariantName;
  /** "d" = drain phase, "s" = steady-load phase: each phase has its own topics, group and process. */
  phase: 'd' | 's';
  prefix: string;
  topic: string;
  groupId: string;
  db?: string;
  profileFile?: string;
  makeChild: () => Promise<Child>;
}

/**
 * Topics, group and process for one phase of a variant. Both phases of a variant share its database,
 * so the steady-load phase runs against the state the drain left (2,000 subjects, the alerts raised).
 */
async function setupVariant(d: Driver, name: VariantName, phase: 'd' | 's'): Promise<VariantSetup> {
  const prefix = `${RUN}.${name}.${phase}.`;
  const topic = `${prefix}${Topics.monitoring}`;
  const common = { KAFKA_BROKERS: infra.kafkaBrokers.join(','), MONGO_URL: infra.mongoUrl };
  const benchJs = (f: string) => path.join(distRoot, 'bench', 'pipeline', f);
  const log = path.join(logDir, `${RUN}-${name}-${phase}.log`);
  const profileFile = path.join(logDir, `${RUN}-${name}-${phase}.profile.json`);
  const db = `${RUN}_${name}`;
  if (name !== 'raw' && !d.databases.includes(db)) d.databases.push(db);
  if (name === 'raw') {
    await d.createTopics([topic]);
    const groupId = `${prefix}raw`;
    return {
      name,
      phase,
      prefix,
      topic,
      groupId,
      makeChild: async () =>
        new Child(
          name,
          [benchJs('raw-consumer.js')],
          { ...common, BENCH_TOPIC: topic, BENCH_GROUP: groupId },
          log,
        ),
    };
  }
  if (name === 'nest') {
    // it relays alert.raised.v1 through rules' outbox too: its alerts topic is made (and deleted) here
    const alertsTopic = `${prefix}${Topics.rulesAlerts}`;
    await d.createTopics([topic, alertsTopic, deadLetterTopic(alertsTopic)]);
    return {
      name,
      phase,
      prefix,
      topic,
      groupId: `${prefix}nest-server`, // ServerKafka appends "-server" to the configured group id
      db,
      profileFile,
      makeChild: async () =>
        new Child(
          name,
          ['-r', benchJs('profile-hook.js'), benchJs('nest-per-message.js')],
          {
            ...common,
            BENCH_TOPIC: topic,
            BENCH_GROUP: `${prefix}nest`,
            BENCH_PREFIX: prefix,
            MONGO_DB: db,
            BENCH_PROFILE_OUT: profileFile,
          },
          log,
        ),
    };
  }
  const consumed = [Topics.monitoring, Topics.households].map((t) => `${prefix}${t}`);
  const published = [`${prefix}${Topics.rulesAlerts}`];
  await d.createTopics([...consumed, ...published].flatMap((t) => [t, deadLetterTopic(t)]));
  return {
    name,
    phase,
    prefix,
    topic,
    groupId: `${prefix}rules`,
    db,
    profileFile,
    makeChild: async () =>
      new Child(
        name,
        ['-r', benchJs('profile-hook.js'), path.join(distRoot, 'apps', 'rules', 'src', 'main.js')],
        {
          ...common,
          NODE_ENV: 'test', // production would require AUTH_JWT_PUBLIC_KEY; the HTTP side is unused here
          LOG_LEVEL: 'warn',
          HOST: '127.0.0.1',
          PORT: String(await freePort()),
          KAFKA_TOPIC_PREFIX: prefix,
          KAFKA_PARTITIONS: String(PARTITIONS),
          MONGO_DB: db,
          BENCH_PROFILE_OUT: profileFile,
          BENCH_PROFILE_BATCH: '1',
        },
        log,
      ),
  };
}

/** Asks the child for its profile since the last snapshot. */
async function snapshot(child: Child, file: string | undefined): Promise<ProfileSnapshot | undefined> {
  if (!file) return undefined;
  const before = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as ProfileSnapshot).seq : 0;
  child.send('bench:snapshot');
  const deadline = now() + 3_000;
  while (now() < deadline) {
    await sleep(50);
    if (!fs.existsSync(file)) continue;
    const s = JSON.parse(fs.readFileSync(file, 'utf8')) as ProfileSnapshot;
    if (s.seq > before) return s;
  }
  return undefined;
}

/** Max throughput: the pre-produced backlog is drained; rate between the first and the last commit seen. */
async function measureDrain(
  d: Driver,
  v: VariantSetup,
  child: Child,
  total: number,
): Promise<Omit<Throughput, 'produceEventsPerS'>> {
  const start = now();
  let first: { t: number; c: number } | null = null;
  for (;;) {
    child.assertAlive();
    const c = await d.committedTotal(v.groupId, v.topic);
    const t = now();
    if (!first && c > 0) first = { t, c };
    if (first && (c >= total || t - first.t >= cfg.drainCapS * 1000)) {
      const capped = c < total;
      if (first.c >= total) {
        // everything was committed before the first poll saw progress: fall back to process start
        return { eventsPerS: total / ((t - start) / 1000), drained: total, windowMs: t - start, capped };
      }
      return {
        eventsPerS: (c - first.c) / ((t - first.t) / 1000),
        drained: c,
        windowMs: t - first.t,
        capped,
      };
    }
    if (!first && t - start > 90_000) throw new Error(`${v.name}: no commit within 90 s\n${child.tail()}`);
    await sleep(5); // fine-grained: the raw drain lasts a fraction of a second
  }
}

async function waitNoLag(d: Driver, v: VariantSetup, child: Child, total: number, timeoutMs: number) {
  const deadline = now() + timeoutMs;
  while ((await d.committedTotal(v.groupId, v.topic)) < total) {
    child.assertAlive();
    if (now() > deadline) throw new Error(`${v.name}: group did not catch up within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** The id rules gives the income-below-line alert an event raises (period = the income month's year). */
const INCOME_BELOW_LINE = 'income-below-line';
const incomeAlertIdOf = (r: IncomeRecord) =>
  alertIdOf(INCOME_BELOW_LINE, r.event.data.month.slice(0, 4), r.event.data.householdId, r.event.id);

/** Steady offered load: `rate` events/s for `durationS`, latency per record (definition above). */
async function measureLatency(
  d: Driver,
  v: VariantSetup,
  child: Child,
  records: IncomeRecord[],
  alertTopic?: string,
): Promise<Latency> {
  const sentAt = new Map<number, number>(); // index -> t0
  const located: Array<{ p: number; offset: number; t0: number; idx: number }> = [];
  const polls = new Map<number, Array<{ t: number; c: number }>>();
  for (let p = 0; p < PARTITIONS; p++) polls.set(p, []);
  const inflight: Promise<void>[] = [];
  const alertLat: number[] = [];
  let alertConsumer: Consumer | null = null;
  const expectedAlerts = new Map<string, number>(); // alertId -> record index

  if (alertTopic) {
    records.forEach((r, i) => r.below && expectedAlerts.set(incomeAlertIdOf(r), i));
    alertConsumer = d.kafka.consumer({ groupId: `${v.prefix}bench-alert-probe`, maxWaitTimeInMs: 50 });
    await alertConsumer.connect();
    await alertConsumer.subscribe({ topics: [alertTopic], fromBeginning: true });
    await alertConsumer.run({
      eachBatch: async ({ batch }) => {
        const t = now();
        for (const m of batch.messages) {
          const e = JSON.parse(m.value!.toString()) as { type: string; data: { alertId: string } };
          if (e.type !== 'alert.raised.v1') continue;
          const idx = expectedAlerts.get(e.data.alertId);
          const t0 = idx === undefined ? undefined : sentAt.get(idx);
          if (t0 !== undefined) alertLat.push(t - t0);
        }
      },
    });
    // wait until the probe has read what is already on the topic
    const ends = async () =>
      (await d.admin.fetchTopicOffsets(alertTopic)).reduce((s, p) => s + Number(p.high), 0);
    const target = await ends();
    const deadline = now() + 20_000;
    while ((await d.committedTotal(`${v.prefix}bench-alert-probe`, alertTopic)) < target && now() < deadline)
      await sleep(100);
  }

  let sent = 0;
  let stopPolling = false;
  const poller = (async () => {
    while (!stopPolling) {
      const c = await d.committed(v.groupId, v.topic);
      const t = now();
      for (const [p, off] of c) polls.get(p)?.push({ t, c: off });
      await sleep(cfg.pollMs);
    }
  })();

  const start = now();
  const durationMs = cfg.durationS * 1000;
  let sendEnd = start;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const elapsed = now() - start;
      const due =
        Math.min(records.length, Math.floor((cfg.rate * Math.min(elapsed, durationMs)) / 1000)) - sent;
      if (due > 0) {
        const from = sent;
        const batch = records.slice(from, from + due);
        sent += due;
        const t0 = now();
        for (let i = from; i < from + due; i++) sentAt.set(i, t0);
        inflight.push(
          d.producer.send({ topic: v.topic, acks: -1, messages: batch.map(toKafkaMessage) }).then((meta) => {
            const base = new Map(meta.map((m) => [m.partition, Number(m.baseOffset)]));
            const next = new Map<number, number>();
            batch.forEach((r, k) => {
              const n = next.get(r.partition) ?? 0;
              next.set(r.partition, n + 1);
              located.push({ p: r.partition, offset: base.get(r.partition)! + n, t0, idx: from + k });
            });
          }),
        );
      }
      if (elapsed >= durationMs || sent >= records.length) {
        sendEnd = now();
        resolve();
      } else setTimeout(tick, 10);
    };
    tick();
  });
  await Promise.all(inflight);

  // backlog when sending stopped, then wait for the rest to be committed
  const lastPoll = (p: number) => polls.get(p)!.at(-1)?.c ?? -1;
  const doneBy = (p: number, offset: number) => lastPoll(p) > offset;
  const backlogAtEnd = located.filter((r) => {
    const hist = polls.get(r.p)!;
    const atEnd = [...hist].reverse().find((h) => h.t <= sendEnd);
    return !atEnd || atEnd.c <= r.offset;
  }).length;
  const deadline = now() + 60_000;
  while (located.some((r) => !doneBy(r.p, r.offset)) && now() < deadline) {
    child.assertAlive();
    await sleep(cfg.pollMs);
  }
  stopPolling = true;
  await poller;

  const lat: number[] = [];
  const byIdx: Array<{ idx: number; ms: number }> = [];
  let lastDone = sendEnd;
  for (const r of located) {
    const hit = polls.get(r.p)!.find((h) => h.c > r.offset && h.t >= r.t0);
    if (!hit) continue;
    lat.push(hit.t - r.t0);
    byIdx.push({ idx: r.idx, ms: hit.t - r.t0 });
    lastDone = Math.max(lastDone, hit.t);
  }
  lat.sort((a, b) => a - b);
  // kept up = the queue did not grow: records sent late wait about as long as records sent early
  const median = (xs: number[]) =>
    quantile(
      [...xs].sort((a, b) => a - b),
      0.5,
    );
  const early = median(byIdx.filter((x) => x.idx >= sent * 0.1 && x.idx < sent * 0.35).map((x) => x.ms));
  const late = median(byIdx.filter((x) => x.idx >= sent * 0.75).map((x) => x.ms));

  let alert: Latency['alert'];
  if (alertConsumer) {
    // the outbox relay publishes after the commit: give it a moment
    const until = now() + 15_000;
    let last = -1;
    while (now() < until && alertLat.length !== last) {
      last = alertLat.length;
      await sleep(1_500);
    }
    await alertConsumer.disconnect();
    alertLat.sort((a, b) => a - b);
    alert = { n: alertLat.length, p50: quantile(alertLat, 0.5), p99: quantile(alertLat, 0.99) };
  }

  const p99 = quantile(lat, 0.99);
  return {
    offeredPerS: sent / ((sendEnd - start) / 1000),
    sent,
    done: lat.length,
    p50: quantile(lat, 0.5),
    p99,
    max: lat.at(-1) ?? NaN,
    backlogAtEnd,
    tailMs: lastDone - sendEnd,
    earlyP50: early,
    lateP50: late,
    sustained: lat.length === sent && late <= 2 * early + 250,
    alert,
  };
}

async function startChild(d: Driver, v: VariantSetup): Promise<Child> {
  const child = (await v.makeChild()).start();
  d.children.add(child);
  return child;
}

async function stopChild(d: Driver, child: Child, timeoutMs: number) {
  await child.stop(timeoutMs);
  d.children.delete(child);
}

async function runVariant(
  d: Driver,
  result: Result,
  drainSet: IncomeRecord[],
  warmupSet: IncomeRecord[],
  steadySet: IncomeRecord[],
): Promise<void> {
  const name = result.variant;
  result.profile = {};
  // 1. max throughput: drain a pre-produced backlog
  const v = await setupVariant(d, name, 'd');
  const produceEventsPerS = await d.preProduce(v.topic, drainSet);
  const child = await startChild(d, v);
  console.log(
    `[${name}] ${drainSet.length} records pre-produced (${Math.round(produceEventsPerS)}/s); pid ${child.pid}, log ${path.relative(repoRoot, child.logFile)}`,
  );
  const drain = await measureDrain(d, v, child, drainSet.length);
  result.throughput = { ...drain, produceEventsPerS };
  result.profile.drain = await snapshot(child, v.profileFile);
  console.log(
    `[${name}] drain: ${Math.round(drain.eventsPerS)} events/s over ${(drain.windowMs / 1000).toFixed(2)} s (first to last commit seen)` +
      (drain.capped ? ` (capped at ${cfg.drainCapS} s, ${drain.drained}/${drainSet.length} done)` : ''),
  );
  // the rest of a capped backlog is left behind with this process, topic and group
  await stopChild(d, child, drain.capped ? 3_000 : 15_000);

  // 2. latency at a steady offered load: a fresh process on fresh topics, same database
  const s = await setupVariant(d, name, 's');
  const steadyChild = await startChild(d, s);
  await d.preProduce(s.topic, warmupSet); // joined, connected and warm once these are committed
  await waitNoLag(d, s, steadyChild, warmupSet.length, 90_000);
  let relayBacklogAtStart: number | undefined;
  const db = name !== 'raw' && s.db ? d.mongo.db(s.db) : null;
  if (db) {
    // let the outbox relay publish what the drain left pending, so it does not compete (bounded wait):
    // the journal's chunks reserved and not yet past the relay's cursor
    const state = db.collection<{ _id: string; n?: number; cursor?: number }>('outbox_state');
    const pending = async () => {
      const [seq, relay] = await Promise.all([
        state.findOne({ _id: 'seq' }),
        state.findOne({ _id: 'relay' }),
      ]);
      return Math.max(0, (seq?.n ?? 0) - (relay?.cursor ?? 0));
    };
    const deadline = now() + 20_000;
    while ((relayBacklogAtStart = await pending()) > 0 && now() < deadline) await sleep(500);
  }
  await snapshot(steadyChild, s.profileFile); // discard the warm-up
  const steadyStart = new Date();
  result.latency = await measureLatency(
    d,
    s,
    steadyChild,
    steadySet,
    name !== 'raw' ? `${s.prefix}${Topics.rulesAlerts}` : undefined,
  );
  result.profile.steady = await snapshot(steadyChild, s.profileFile);
  if (db && result.latency.alert) {
    // raised in the phase: still unresolved (alerts) or resolved since (alert_resolutions), each once
    const raisedIn = (collection: string) =>
      db
        .collection<{ _id: string }>(collection)
        .find({ raisedAt: { $gte: steadyStart } }, { projection: { _id: 1 } })
        .toArray();
    const [open, resolved] = await Promise.all([raisedIn('alerts'), raisedIn('alert_resolutions')]);
    result.latency.alert.raised = new Set([...open, ...resolved].map((a) => a._id)).size;
    result.latency.alert.relayBacklogAtStart = relayBacklogAtStart;
  }
  const l = result.latency;
  console.log(
    `[${name}] steady ${Math.round(l.offeredPerS)}/s: p50 ${l.p50} ms, p99 ${l.p99} ms, max ${l.max} ms, ` +
      `${l.done}/${l.sent} done, ${l.backlogAtEnd} not done when sending stopped (all done ${l.tailMs} ms later); ` +
      `p50 early ${l.earlyP50} ms vs late ${l.lateP50} ms${l.sustained ? '' : ' — NOT SUSTAINED (queue grows)'}`,
  );
  await stopChild(d, steadyChild, 10_000);
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const ratio = (x: number) => (x >= 0.1 ? x.toFixed(2) : x.toPrecision(2)) + '×';
const fmt = (x: number | undefined, digits = 0) =>
  x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits);

function printReport(results: Result[]) {
  const by = (n: VariantName) => results.find((r) => r.variant === n && r.throughput);
  const raw = by('raw')?.throughput?.eventsPerS;
  const nest = by('nest')?.throughput?.eventsPerS;
  console.log('');
  console.log(`=== income → alert pipeline bench (run ${RUN}) ===`);
  console.log(
    `broker ${infra.kafkaBrokers.join(',')}, db ${infra.mongoUrl}; ${PARTITIONS} partitions; ${cfg.households} households; ` +
      `events/s = drain of ${cfg.n} pre-produced records (first→last commit seen, polled every 5 ms, ≤${cfg.drainCapS} s); latency at ${cfg.rate}/s offered for ${cfg.durationS} s`,
  );
  const load = (xs: number[]) => xs.map((x) => x.toFixed(1)).join('/');
  console.log(
    `host: ${os.cpus().length} cores; load average (1/5/15 min) ${load(loadAtStart)} at start, ${load(os.loadavg())} at the end`,
  );
  console.log(
    `"done" = the consumer group's committed offset has passed the record (admin.fetchOffsets every ${cfg.pollMs} ms);`,
  );
  console.log(
    'latency = first poll showing it done − producer.send() call. Same definition for all three variants.',
  );
  console.log('');
  const header = `${pad('variant', 34)} | ${lpad('events/s', 8)} | ${lpad('p50 ms', 7)} | ${lpad('p99 ms', 7)} | ${lpad('ratio to raw', 12)} | ratio to per-message Nest`;
  console.log(header);
  console.log('-'.repeat(header.length));
  for (const r of results) {
    if (!r.throughput) {
      console.log(`${pad(LABEL[r.variant], 34)} | failed: ${r.error}`);
      continue;
    }
    const t = r.throughput.eventsPerS;
    const l = r.latency;
    const note = [
      r.throughput.capped ? `drain capped at ${cfg.drainCapS}s` : '',
      l && !l.sustained ? `NOT sustained at ${cfg.rate}/s` : '',
      r.error ? `failed: ${r.error}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    console.log(
      `${pad(LABEL[r.variant], 34)} | ${lpad(fmt(t), 8)} | ${lpad(fmt(l?.p50), 7)} | ${lpad(fmt(l?.p99), 7)} | ` +
        `${lpad(raw ? ratio(t / raw) : '—', 12)} | ${nest ? ratio(t / nest) : '—'}${note ? `   (${note})` : ''}`,
    );
  }
  const ours = by('ours');
  for (const r of [by('nest'), ours]) {
    const a = r?.latency?.alert;
    if (!r || !a) continue;
    console.log(
      `${r.variant}, produce → alert.raised.v1 on rules.alerts.v1 (via outbox relay): ${a.n} of ${a.raised ?? '?'} alerts raised ` +
        `in the steady phase arrived (waited ≤15 s after the last commit); p50 ${fmt(a.p50)} ms, p99 ${fmt(a.p99)} ms; ` +
        `relay backlog when the phase started: ${a.relayBacklogAtStart ?? '?'} journal chunks`,
    );
  }
  console.log('');
  // issue #17's bars; the first is about the machine as much as the code (see the issue note)
  if (ours?.throughput) {
    const t = ours.throughput.eventsPerS;
    console.log(`bar: ours ≥ 3,000 events/s sustained ...... ${t >= 3_000 ? 'PASS' : 'FAIL'} (${fmt(t)}/s)`);
  }
  if (ours?.throughput && nest) {
    const x = ours.throughput.eventsPerS / nest;
    console.log(`bar: ours ≥ 20 × per-message Nest ........ ${x >= 20 ? 'PASS' : 'FAIL'} (${ratio(x)})`);
  }
  const alertP99 = ours?.latency?.alert?.p99;
  if (ours?.latency && cfg.rate >= 1_000 && alertP99 !== undefined) {
    console.log(
      `bar: event → alert.raised p99 < 300 ms at ${cfg.rate}/s ... ${alertP99 < 300 ? 'PASS' : 'FAIL'} (${fmt(alertP99)} ms)`,
    );
  }
  for (const r of results) {
    for (const phase of ['drain', 'steady'] as const) {
      const p = r.profile?.[phase];
      if (!p) continue;
      console.log(
        `\nwhere the time goes — ${LABEL[r.variant]}, ${phase} phase (ms per call; size = records or ops per call):`,
      );
      const rows = Object.entries(p.stats).sort((a, b) => b[1].totalMs - a[1].totalMs);
      for (const [key, s] of rows) {
        console.log(
          `  ${pad(key, 52)} n=${lpad(String(s.n), 6)} p50=${lpad(fmt(s.p50, 1), 6)} p99=${lpad(fmt(s.p99, 1), 7)} total=${lpad(String(s.totalMs), 7)}` +
            (s.size ? `  size mean=${s.size.mean} p50=${s.size.p50} max=${s.size.max}` : ''),
        );
      }
    }
  }
}

async function main() {
  fs.mkdirSync(logDir, { recursive: true });
  for (const v of cfg.variants)
    if (!['raw', 'nest', 'ours'].includes(v)) throw new Error(`unknown variant "${v}" in BENCH_VARIANTS`);
  const rulesMain = path.join(distRoot, 'apps', 'rules', 'src', 'main.js');
  if (cfg.variants.includes('ours') && !fs.existsSync(rulesMain))
    throw new Error(`${rulesMain} missing: npm run build`);

  const d = new Driver();
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error('interrupted: stopping processes and cleaning up');
    void d.close().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('unhandledRejection', (e) => console.error('[bench] unhandled rejection (ignored):', e));

  const results: Result[] = [];
  try {
    await d.connect();
    console.log(
      `run ${RUN}: generating ${cfg.n} + ${cfg.rate * cfg.durationS} household-income.changed.v1 events (validated against the contract)`,
    );
    const drainSet = makeIncomeChanges(cfg.n, cfg.households, mulberry32(1));
    const steadySet = makeIncomeChanges(cfg.rate * cfg.durationS, cfg.households, mulberry32(2));
    const warmupSet = makeIncomeChanges(30, cfg.households, mulberry32(3));
    console.log(`  ${drainSet.filter((r) => r.below).length}/${cfg.n} below the 6,000 line`);
    for (const name of cfg.variants) {
      const result: Result = { variant: name };
      results.push(result);
      try {
        await runVariant(d, result, drainSet, warmupSet, steadySet);
      } catch (e) {
        console.error(`[${name}] failed: ${(e as Error).message}`);
        result.error = (e as Error).message.split('\n')[0];
        for (const c of d.children) await c.stop(5_000).catch(() => undefined);
        d.children.clear();
      }
    }
    printReport(results);
    const out = path.join(logDir, `${RUN}.json`);
    fs.writeFileSync(out, JSON.stringify({ run: RUN, cfg, results }, null, 2));
    console.log(`\nraw numbers: ${path.relative(repoRoot, out)}`);
  } finally {
    await d.close();
  }
  if (results.some((r) => r.error)) process.exitCode = 1;
}

runBench(main);
