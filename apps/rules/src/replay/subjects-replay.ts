import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import type { Admin, Consumer, Kafka } from 'kafkajs';
import { decodeEvent } from '@lib/contracts';
import { isDuplicateKeyError } from '@lib/persistence';
import { RULES_TOPICS } from '../evaluation/evaluation.consumer';
import {
  applyEvent,
  EVENT_APPLIERS,
  emptyState,
  subjectEventsOf,
  subjectIdOf,
} from '../subjects/domain/event-appliers';
import { SubjectEvent, SubjectState } from '../subjects/domain/subject-state';
import { SubjectVersion, versionIdOf, versionOf } from '../subjects/subjects.store';
import { READ_MODELS_COLLECTION, ReadModelPointer } from './read-model-pointer';
import { SUBJECTS_READ_MODEL } from './subjects-pointer';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const APPLIED_TYPES = new Set(EVENT_APPLIERS.map((a) => a.event.type));

export interface SubjectsReplayOptions {
  db: Db;
  kafka: Kafka;
  topicPrefix: string;
  /** The live app's consumer group (its committed offsets are what the replay catches up with). */
  liveGroup: string;
  /**
   * Written to the shadow after this many events, and whenever caught up (default 100,000). The states
   * are held in memory throughout (a county's subjects are a few thousand), so a write per flush costs
   * one unordered insert of one version per changed subject; writing more often only adds superseded
   * versions to remove (FerretDB answers `$in` by scanning the collection).
   */
  flushEvery?: number;
  /** How long the live instances have to stop at the fence before the replay gives up and retries. */
  fenceTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface SubjectsReplayResult {
  collection: string;
  previous: string;
  events: number;
  subjects: number;
  /** From the first record read until the shadow was complete (before the switch). */
  buildMs: number;
  eventsPerSecond: number;
  /** How long the live app took no batch (the fence). */
  fencedMs: number;
}

type Positions = Map<string, number>; // `${topic}:${partition}` → next offset
const posKey = (topic: string, partition: number) => `${topic}:${partition}`;

/**
 * Folds events into subject states, as the live consumer does but without evaluating any rule: replay
 * derives state, it does not act (no alert raised or resolved, nothing published or sent). Events
 * already applied (their ids kept in the state) are skipped; a `knownOnly` event of an unknown subject too.
 */
export function foldSubjectEvents(
  events: readonly SubjectEvent[],
  states: Map<string, SubjectState>,
  changed: Set<string>,
): number {
  let applied = 0;
  for (const e of subjectEventsOf(events)) {
    const id = subjectIdOf(e);
    let s = states.get(id);
    if (s?.appliedEventIds.includes(e.id)) continue;
    if (!s && e.knownOnly) continue;
    if (!s) {
      s = emptyState(e);
      states.set(id, s);
    }
    applyEvent(s, e);
    changed.add(id);
    applied++;
  }
  return applied;
}

/**
 * Rebuilds rules' subjects read model from Kafka while the app keeps serving and consuming
 * (issue #17): reads rules' topics from the beginning with a consumer group of its own, folds the
 * events into states in memory and writes them to a shadow collection (one unordered insert of
 * versions per flush, deterministic ids `subjectId#rev`); once it has read what the live group has
 * committed, raises the fence (replay/read-model-pointer.ts), waits until every live instance has
 * stopped with nothing in flight, reads the last committed events, and points the read model at the
 * shadow in the same write that lifts the fence. The previous collection is left to the operator.
 */
export async function replaySubjects(o: SubjectsReplayOptions): Promise<SubjectsReplayResult> {
  const log = o.log ?? (() => undefined);
  const flushEvery = o.flushEvery ?? 100_000;
  const stamp = new Date()
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(0, 17);
  const shadowName = `subject_versions_r${stamp}`;
  const topics = RULES_TOPICS.map((t) => `${o.topicPrefix}${t}`);
  const pointers = o.db.collection<ReadModelPointer>(READ_MODELS_COLLECTION);
  const previous = (await pointers.findOne({ _id: SUBJECTS_READ_MODEL }))?.collection ?? 'subject_versions';

  const shadow = o.db.collection<SubjectVersion>(shadowName);
  await o.db.createCollection(shadowName);
  await shadow.createIndex({ subjectId: 1 });
  await shadow.createIndex({ subjectType: 1 });
  log(`重放 subjects → ${shadowName} (topics ${topics.join(', ')})`);

  const states = new Map<string, SubjectState>();
  const dirty = new Set<string>();
  const positions: Positions = new Map();
  let events = 0;
  let sinceFlush = 0;
  let firstAt = 0;
  let writing: Promise<void> = Promise.resolve();

  /** Writes the changed states as their next versions, then removes the versions they supersede. */
  const flush = async () => {
    if (dirty.size === 0) return;
    const docs: SubjectVersion[] = [];
    const superseded: string[] = [];
    for (const id of dirty) {
      const s = states.get(id)!;
      if (s.rev > 0) superseded.push(versionIdOf(id, s.rev));
      s.rev += 1;
      docs.push(versionOf(structuredClone(s)));
    }
    dirty.clear();
    sinceFlush = 0;
    for (let i = 0; i < docs.length; i += 5_000) {
      await shadow.insertMany(docs.slice(i, i + 5_000), { ordered: false }).catch((e: unknown) => {
        if (!isDuplicateKeyError(e)) throw e; // written already (a retried flush)
      });
    }
    for (let i = 0; i < superseded.length; i += 1_000)
      await shadow.deleteMany({ _id: { $in: superseded.slice(i, i + 1_000) } });
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
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      // the position moves on after each batch (nothing is committed: a failed replay starts over)
      eachBatchAutoResolve: true,
      partitionsConsumedConcurrently: 1,
      eachBatch: async ({ batch }) => {
        if (batch.messages.length === 0) return;
        firstAt ||= Date.now();
        const subjectEvents: SubjectEvent[] = [];
        for (const m of batch.messages) {
          const d = decodeEvent(m.value);
          if (d.ok && APPLIED_TYPES.has(d.event.type)) subjectEvents.push(d.event as unknown as SubjectEvent);
        }
        const applied = foldSubjectEvents(subjectEvents, states, dirty);
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
      const committed = await admin.fetchOffsets({ groupId: o.liveGroup, topics });
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
        { _id: SUBJECTS_READ_MODEL },
        {
          $set: { fence: { id: fenceId, target: shadowName, since: new Date() }, acks: {} },
          $setOnInsert: { collection: previous },
        },
        { upsert: true },
      );
      const members = (await admin.describeGroups([o.liveGroup])).groups[0]?.members.length ?? 0;
      log(`fence raised: waiting for ${members} live instance(s) to stop`);
      let stopped = false;
      while (Date.now() - fencedAt < (o.fenceTimeoutMs ?? 30_000)) {
        const p = await pointers.findOne({ _id: SUBJECTS_READ_MODEL });
        const acks = Object.values(p?.acks ?? {}).filter((id) => id === fenceId).length;
        if (acks >= members) {
          stopped = true;
          break;
        }
        await sleep(50);
      }
      if (!stopped) {
        await pointers.updateOne({ _id: SUBJECTS_READ_MODEL }, { $set: { fence: null, acks: {} } });
        log(`live instances did not stop in time (attempt ${attempt}): fence lifted, trying again`);
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
        { _id: SUBJECTS_READ_MODEL },
        {
          $set: {
            collection: shadowName,
            fence: null,
            acks: {},
            switchedAt: new Date(),
            replayedEvents: events,
          },
        },
      );
      fencedMs = Date.now() - fencedAt;
      break;
    }
    const result: SubjectsReplayResult = {
      collection: shadowName,
      previous,
      events,
      subjects: states.size,
      buildMs,
      eventsPerSecond: buildMs > 0 ? Math.round((events / buildMs) * 1000) : events,
      fencedMs,
    };
    log(
      `subjects 读模型已切换到 ${shadowName}：${events} 个事件、${states.size} 个主体，${buildMs} ms（${result.eventsPerSecond} 事件/秒），暂停消费 ${fencedMs} ms；原集合 ${previous} 保留`,
    );
    return result;
  } catch (e) {
    // a failed replay leaves the live app as it was: no fence, the previous collection
    await pointers
      .updateOne(
        { _id: SUBJECTS_READ_MODEL, 'fence.target': shadowName },
        { $set: { fence: null, acks: {} } },
      )
      .catch(() => undefined);
    throw e;
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}
