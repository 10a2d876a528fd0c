import { randomUUID } from 'node:crypto';
import type { Collection, Db, Document, OptionalUnlessRequiredId } from 'mongodb';
import type { Admin, Consumer, Kafka } from 'kafkajs';
import { CloudEvent, decodeEvent } from '@lib/contracts';
import { isDuplicateKeyError } from '../duplicate-key';
import type { KeyedFold } from './keyed-fold';
import { ShadowWriter } from './shadow-writer';
import { READ_MODELS_COLLECTION, ReadModelPointer } from './read-model-pointer';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How one read model is rebuilt: its events folded in memory, written to the shadow per flush. */
export interface ReadModelBuilder<T extends Document = Document> {
  /** Creates the shadow's indexes (the shadow exists, empty). */
  prepare?(shadow: Collection<T>): Promise<void>;
  /** Folds one batch's events (one partition's, in offset order) in memory; answers how many it applied. */
  apply(events: CloudEvent[]): number;
  /** Writes what changed since the last flush to the shadow: a few statements (insertMany, bulkWrite). */
  flush(shadow: Collection<T>): Promise<void>;
}

/** Where an app's replay runs: its database, its Kafka, and its live consumer group. */
export interface AppReplayOptions {
  db: Db;
  kafka: Kafka;
  topicPrefix: string;
  /** The live app's consumer group (its committed offsets are what the replay catches up with). */
  liveGroup: string;
  /** Written to the shadow after this many events applied, and whenever caught up (default 100,000). */
  flushEvery?: number;
  /** How long the live instances have to stop at the fence before the replay gives up and retries. */
  fenceTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface ReadModelReplayOptions extends Omit<AppReplayOptions, 'topicPrefix'> {
  /** The topics the read model is built from (prefixed). */
  topics: string[];
  /** The read model's pointer id (read-model-pointer.ts), e.g. `subjects`. */
  readModel: string;
  /** The read model's own collection (in use while the pointer names none); the shadow is `<it>_r<time>`. */
  collection: string;
}

/** A flush's new documents into the shadow: unordered inserts of 5,000; those written already are skipped. */
export async function insertIntoShadow<T extends Document>(
  shadow: Collection<T>,
  docs: OptionalUnlessRequiredId<T>[],
): Promise<void> {
  for (let i = 0; i < docs.length; i += 5_000) {
    await shadow.insertMany(docs.slice(i, i + 5_000), { ordered: false }).catch((e: unknown) => {
      if (!isDuplicateKeyError(e)) throw e; // written already (a retried flush)
    });
  }
}

/**
 * The builder of a read model folded one document per `_id` (KeyedFold): each flush inserts the
 * documents new since the last one in unordered insertMany calls and replaces those written by an
 * earlier flush and changed since in one bulk of replacements by `_id`.
 */
export function keyedBuilder<T extends { _id: string }>(
  fold: KeyedFold<T>,
  prepare?: (shadow: Collection<T>) => Promise<void>,
): ReadModelBuilder<T> {
  const writer = new ShadowWriter<T>();
  return {
    prepare,
    apply: (events) => fold.apply(events),
    flush: (shadow) => writer.flush(shadow, fold.changed, (id) => fold.documents.get(id)),
  };
}

export interface ReadModelReplayResult {
  collection: string;
  previous: string;
  events: number;
  /** From the first record read until the shadow was complete (before the switch). */
  buildMs: number;
  eventsPerSecond: number;
  /** How long the live app took no batch (the fence). */
  fencedMs: number;
}

type Positions = Map<string, number>; // `${topic}:${partition}` → next offset
const posKey = (topic: string, partition: number) => `${topic}:${partition}`;

/**
 * Rebuilds one read model from Kafka while the app keeps serving and consuming (issue #17): reads the
 * topics from the beginning with a consumer group of its own, folds the events in memory (the
 * builder) and writes them to a shadow collection per flush; once it has read what the live group has
 * committed, raises the fence (read-model-pointer.ts), waits until every live instance has stopped
 * with nothing in flight (read-model-follower.ts), reads the last committed events, and points the
 * read model at the shadow in the same write that lifts the fence; it answers once the instances say
 * they read and write the shadow (the API of each answers from it from then on). The previous
 * collection is left to the operator. A failure lifts the fence and leaves the app on the previous collection.
 */
export async function replayReadModel<T extends Document>(
  o: ReadModelReplayOptions,
  builder: ReadModelBuilder<T>,
): Promise<ReadModelReplayResult> {
  const log = o.log ?? (() => undefined);
  const flushEvery = o.flushEvery ?? 100_000;
  const stamp = new Date()
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(0, 17);
  const shadowName = `${o.collection}_r${stamp}`;
  const pointers = o.db.collection<ReadModelPointer>(READ_MODELS_COLLECTION);
  const previous = (await pointers.findOne({ _id: o.readModel }))?.collection ?? o.collection;

  await o.db.createCollection(shadowName);
  const shadow = o.db.collection<T>(shadowName);
  await builder.prepare?.(shadow);
  log(`重放 ${o.readModel} → ${shadowName} (topics ${o.topics.join(', ')})`);

  const positions: Positions = new Map();
  let events = 0;
  let sinceFlush = 0;
  let firstAt = 0;
  let writing: Promise<void> = Promise.resolve();
  const flush = () => {
    sinceFlush = 0;
    return builder.flush(shadow);
  };

  const groupId = `${o.liveGroup}.replay.${stamp}.${randomUUID().slice(0, 6)}`;
  const consumer: Consumer = o.kafka.consumer({
    groupId,
    sessionTimeout: 30_000,
    heartbeatInterval: 3_000,
    maxWaitTimeInMs: 100,
    maxBytesPerPartition: 4 * 1024 * 1024,
    allowAutoTopicCreation: false,
  });
  const admin: Admin = o.kafka.admin();
  await admin.connect();
  await consumer.connect();
  let failure: Error | null = null;
  try {
    await consumer.subscribe({ topics: o.topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      // the position moves on after each batch (nothing is committed: a failed replay starts over)
      eachBatchAutoResolve: true,
      partitionsConsumedConcurrently: 1,
      eachBatch: async ({ batch }) => {
        if (batch.messages.length === 0) return;
        firstAt ||= Date.now();
        const decoded: CloudEvent[] = [];
        for (const m of batch.messages) {
          const d = decodeEvent(m.value);
          if (d.ok) decoded.push(d.event);
        }
        const applied = builder.apply(decoded);
        events += applied;
        sinceFlush += applied;
        if (sinceFlush >= flushEvery) {
          writing = writing.then(flush);
          await writing;
        }
        const last = batch.messages[batch.messages.length - 1].offset;
        positions.set(posKey(batch.topic, batch.partition), Number(last) + 1);
      },
    });
    consumer.on(consumer.events.CRASH, (e) => {
      failure = new Error(`replay consumer crashed: ${String(e.payload.error)}`);
    });

    /** Whether every partition has been read up to the live group's committed offset. */
    const caughtUp = async (): Promise<boolean> => {
      const committed = await admin.fetchOffsets({ groupId: o.liveGroup, topics: o.topics });
      for (const { topic, partitions } of committed)
        for (const p of partitions) {
          const target = Number(p.offset);
          if (target > 0 && (positions.get(posKey(topic, p.partition)) ?? 0) < target) return false;
        }
      return true;
    };
    const check = () => {
      if (failure) throw failure;
    };
    /** Whether `members` instances have said `value` in the pointer's `said` map within the fence timeout. */
    const waitForInstances = async (
      members: number,
      said: (p: ReadModelPointer | null) => Record<string, string> | undefined,
      value: string,
    ): Promise<boolean> => {
      const since = Date.now();
      while (Date.now() - since < (o.fenceTimeoutMs ?? 30_000)) {
        const p = await pointers.findOne({ _id: o.readModel });
        if (Object.values(said(p) ?? {}).filter((v) => v === value).length >= members) return true;
        await sleep(50);
      }
      return false;
    };

    let fencedMs = 0;
    let buildMs = 0;
    for (let attempt = 1; ; attempt++) {
      // 1. read what the live group has committed
      while (!(await caughtUp())) {
        check();
        await sleep(100);
      }
      await (writing = writing.then(flush));
      // 2. the fence: live instances stop taking batches once none is in flight, and say so
      const fenceId = randomUUID();
      const fencedAt = Date.now();
      await pointers.updateOne(
        { _id: o.readModel },
        {
          $set: { fence: { id: fenceId, target: shadowName, since: new Date() }, acks: {} },
          $setOnInsert: { collection: previous },
        },
        { upsert: true },
      );
      const members = (await admin.describeGroups([o.liveGroup])).groups[0]?.members.length ?? 0;
      log(`已设切换栅栏，等待 ${members} 个在线实例暂停消费 (fence raised)`);
      const stopped = await waitForInstances(members, (p) => p?.acks, fenceId);
      if (!stopped) {
        await pointers.updateOne({ _id: o.readModel }, { $set: { fence: null, acks: {} } });
        log(`在线实例未及时暂停（第 ${attempt} 次）：解除栅栏后重试 (live instances did not stop in time)`);
        if (attempt >= 5) throw new Error('live instances never stopped at the fence');
        continue;
      }
      // 3. nothing in flight: what is committed now is everything the live app has applied
      while (!(await caughtUp())) {
        check();
        await sleep(20);
      }
      await (writing = writing.then(flush));
      buildMs = Date.now() - (firstAt || Date.now());
      // 4. switch over and lift the fence in one write
      await pointers.updateOne(
        { _id: o.readModel },
        {
          $set: {
            collection: shadowName,
            fence: null,
            acks: {},
            switchedAt: new Date(),
            replayedEvents: events,
            switched: {},
          },
        },
      );
      fencedMs = Date.now() - fencedAt;
      // 5. done once the live instances read and write the shadow (each follows within a poll)
      if (!(await waitForInstances(members, (p) => p?.switched, shadowName)))
        log(
          `部分实例未及时确认切换到 ${shadowName}（它们会随后跟上）/ not every instance confirmed the switch in time`,
        );
      break;
    }
    const result: ReadModelReplayResult = {
      collection: shadowName,
      previous,
      events,
      buildMs,
      eventsPerSecond: buildMs > 0 ? Math.round((events / buildMs) * 1000) : events,
      fencedMs,
    };
    log(
      `${o.readModel} 读模型已切换到 ${shadowName}：${events} 个事件，${buildMs} ms（${result.eventsPerSecond} 事件/秒），暂停消费 ${fencedMs} ms；原集合 ${previous} 保留`,
    );
    return result;
  } catch (e) {
    // a failed replay leaves the live app as it was: no fence, the previous collection
    await pointers
      .updateOne({ _id: o.readModel, 'fence.target': shadowName }, { $set: { fence: null, acks: {} } })
      .catch(() => undefined);
    throw e;
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}
