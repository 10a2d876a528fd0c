/**
 * Preloaded (node -r) into the processes under test to see where the time goes, without touching
 * apps/ or libs/: times every MongoDB driver call (FerretDB round trips) and, in the rules process,
 * the batch sizes the KafkaBatchServer hands to its handler. Wrappers cost microseconds per call.
 * Asked over IPC ("bench:snapshot"), it writes the numbers since the last snapshot to $BENCH_PROFILE_OUT and starts over.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

type AnyFn = (this: unknown, ...args: unknown[]) => unknown;

interface Series {
  ms: number[];
  sizes: number[];
}

let series = new Map<string, Series>();
let seq = 0;

function record(key: string, ms: number, size?: number) {
  let s = series.get(key);
  if (!s) series.set(key, (s = { ms: [], sizes: [] }));
  if (s.ms.length < 500_000) {
    s.ms.push(ms);
    if (size !== undefined) s.sizes.push(size);
  }
}

/** >0 while insertMany is starting: the driver's insertMany calls bulkWrite, which is not counted twice. */
let insertManyStarting = 0;

function wrap(
  proto: object,
  method: string,
  describe: (self: unknown, args: unknown[]) => { key: string; size?: number },
) {
  const target = proto as Record<string, AnyFn>;
  const original = target[method];
  if (typeof original !== 'function') return;
  target[method] = function (this: unknown, ...args: unknown[]) {
    const nested = method === 'bulkWrite' && insertManyStarting > 0;
    const t0 = performance.now();
    const done = () => {
      if (nested) return;
      try {
        const { key, size } = describe(this, args);
        record(key, performance.now() - t0, size);
      } catch {
        /* never disturb the call */
      }
    };
    if (method === 'insertMany') insertManyStarting++;
    let result: unknown;
    try {
      result = original.apply(this, args);
    } finally {
      if (method === 'insertMany') insertManyStarting--;
    }
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      return (result as Promise<unknown>).then(
        (v) => {
          done();
          return v;
        },
        (e) => {
          done();
          throw e;
        },
      );
    }
    done();
    return result;
  };
}

const collName = (self: unknown) => (self as { collectionName?: string }).collectionName ?? '?';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const mongodb = require('mongodb') as typeof import('mongodb');
/** Documents a call names: the ops of a bulk, the documents of an insert, the _ids of an update or delete by `$in`. */
function sizeOf(m: string, args: unknown[]): number | undefined {
  if (m === 'bulkWrite' || m === 'insertMany') return (args[0] as unknown[]).length;
  const ids = (args[0] as { _id?: { $in?: unknown[] } } | undefined)?._id?.$in;
  return Array.isArray(ids) ? ids.length : undefined;
}
for (const m of [
  'bulkWrite',
  'insertMany',
  'insertOne',
  'updateOne',
  'updateMany',
  'deleteMany',
  'findOne',
  'countDocuments',
]) {
  wrap(mongodb.Collection.prototype, m, (self, args) => ({
    key: `db ${m} ${collName(self)}`,
    size: sizeOf(m, args),
  }));
}
wrap(mongodb.FindCursor.prototype, 'toArray', (self) => ({
  key: `db find ${(self as { namespace?: { collection?: string } }).namespace?.collection ?? '?'}`,
}));

if (process.env.BENCH_PROFILE_BATCH === '1') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const server = require(path.join(__dirname, '../../libs/messaging/src/consumer/kafka-batch.server.js')) as {
    KafkaBatchServer: { prototype: object };
  };
  wrap(server.KafkaBatchServer.prototype, 'processBatch', (_self, args) => ({
    key: 'kafka partition batch (decode+handler+commit)',
    size: (args[0] as { batch: { messages: unknown[] } }).batch.messages.length,
  }));
  wrap(server.KafkaBatchServer.prototype, 'runBatchHandler', (_self, args) => ({
    key: 'handler call EvaluationHandlers (events per call)',
    size: (args[1] as unknown[]).length,
  }));
  // the evaluation's steps within a handler call (apps/rules/src: alerts, subjects, evaluation)
  const rules = path.join(__dirname, '../../apps/rules/src');
  const steps: Array<[string, string, string[]]> = [
    ['alerts/alerts.repository.js', 'AlertsRepository', ['apply', 'resolve', 'mendHolding']],
    ['subjects/subjects.store.js', 'SubjectsStore', ['save', 'latest']],
    ['evaluation/held-subjects.js', 'HeldSubjects', ['ready']],
  ];
  // the outbox journal's statements around each write (libs/messaging: reserve a chunk id, append it)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const journal = require(path.join(__dirname, '../../libs/messaging/src/outbox/journal.js')) as Record<
    string,
    { prototype: object }
  >;
  for (const m of ['reserve', 'append'])
    wrap(journal.OutboxJournal.prototype, m, () => ({ key: `journal ${m}` }));
  for (const [file, cls, methods] of steps) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const proto = (require(path.join(rules, file)) as Record<string, { prototype: object }>)[cls].prototype;
    for (const m of methods) wrap(proto, m, () => ({ key: `step ${cls}.${m}` }));
  }
}

function summarize() {
  const out: Record<
    string,
    { n: number; totalMs: number; p50: number; p99: number; max: number; size?: object }
  > = {};
  const q = (a: number[], p: number) => a[Math.min(a.length - 1, Math.max(0, Math.ceil(p * a.length) - 1))];
  for (const [key, s] of series) {
    const ms = [...s.ms].sort((a, b) => a - b);
    const sizes = [...s.sizes].sort((a, b) => a - b);
    out[key] = {
      n: ms.length,
      totalMs: Math.round(ms.reduce((a, b) => a + b, 0)),
      p50: Number(q(ms, 0.5).toFixed(2)),
      p99: Number(q(ms, 0.99).toFixed(2)),
      max: Number(ms[ms.length - 1].toFixed(2)),
      ...(sizes.length
        ? {
            size: {
              mean: Number((sizes.reduce((a, b) => a + b, 0) / sizes.length).toFixed(1)),
              p50: q(sizes, 0.5),
              max: sizes[sizes.length - 1],
            },
          }
        : {}),
    };
  }
  return out;
}

// Asked over the IPC channel the bench opens (not a signal: Nest's enableShutdownHooks() treats
// SIGUSR2 and most others as "shut down").
const outFile = process.env.BENCH_PROFILE_OUT;
if (outFile && process.send) {
  process.channel?.unref();
  process.on('message', (msg: unknown) => {
    if (msg !== 'bench:snapshot') return;
    const snapshot = { seq: ++seq, at: Date.now(), stats: summarize() };
    series = new Map();
    fs.writeFileSync(`${outFile}.tmp`, JSON.stringify(snapshot));
    fs.renameSync(`${outFile}.tmp`, outFile);
  });
}
