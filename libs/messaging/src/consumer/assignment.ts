import { AssignerProtocol, PartitionAssigner, Partitioners } from 'kafkajs';

/**
 * Partition ownership for consumers that keep per-key state in memory (issue #17): which partitions
 * this instance owns, announced on every (re)join of the group, so state can be loaded for the
 * partitions assigned and dropped for the ones revoked.
 */

/** What an instance owns after a (re)join: per base topic, its partitions and the topic's partition count. */
export interface PartitionAssignment {
  groupId: string;
  topics: Map<string, { partitions: number[]; count: number }>;
}

/**
 * Called synchronously when the group is (re)joined, before any batch of the new assignment is
 * processed, with the assignment to come (its partition counts are being fetched).
 */
export type AssignmentListener = (assignment: Promise<PartitionAssignment>) => void;

const listeners = new Set<AssignmentListener>();
let last: Promise<PartitionAssignment> | null = null;

/**
 * Called on every (re)join of the group with the new assignment, and with none when the consumer
 * stops; a listener that subscribes late (the consumer may join before the app's modules are
 * initialised) is told the current assignment at once.
 */
export function onPartitionAssignment(listener: AssignmentListener): () => void {
  listeners.add(listener);
  if (last) listener(last);
  return () => listeners.delete(listener);
}

/** For the consumer (KafkaBatchServer): tell the listeners. */
export function announceAssignment(assignment: Promise<PartitionAssignment>): void {
  last = assignment;
  for (const l of listeners) l(assignment);
}

/**
 * The partitions owned for every one of the topics (keys are co-partitioned: the same key lands in
 * the same partition number of every topic with the same count). Empty when the topics' counts differ.
 */
export function ownedInEveryTopic(
  assignment: PartitionAssignment,
  topics: readonly string[],
): { partitions: Set<number>; count: number } {
  const entries = topics.map((t) => assignment.topics.get(t) ?? { partitions: [], count: 0 });
  const count = entries[0]?.count ?? 0;
  if (count === 0 || entries.some((e) => e.count !== count)) return { partitions: new Set(), count: 0 };
  const owned = new Set(entries[0].partitions);
  for (const e of entries.slice(1)) for (const p of [...owned]) if (!e.partitions.includes(p)) owned.delete(p);
  return { partitions: owned, count };
}

const defaultPartitioner = Partitioners.DefaultPartitioner();
const metadataCache = new Map<number, Array<{ partitionId: number; leader: number; partitionErrorCode: number; replicas: number[]; isr: number[] }>>();

/** The partition the producers' default (Java-compatible murmur2) partitioner gives a key. */
export function partitionOfKey(key: string, count: number): number {
  let meta = metadataCache.get(count);
  if (!meta) {
    meta = Array.from({ length: count }, (_, i) => ({
      partitionId: i,
      leader: 0,
      partitionErrorCode: 0,
      replicas: [0],
      isr: [0],
    }));
    metadataCache.set(count, meta);
  }
  return defaultPartitioner({ topic: '', partitionMetadata: meta, message: { key, value: null } });
}

/**
 * Assigns partition p of every topic to the same member (members sorted, p modulo their number), so
 * one instance sees every event of a key whatever topic carries it — the condition for holding that
 * key's state in memory. Listed before kafkajs' round robin: a group whose members do not all offer
 * it (an older version during a rolling update) falls back to round robin.
 */
export const CoPartitionedAssigner: PartitionAssigner = ({ cluster }) => ({
  name: 'CoPartitionedAssigner',
  version: 0,
  async assign({ members, topics }) {
    const sorted = members.map((m) => m.memberId).sort();
    const assignment = new Map<string, Record<string, number[]>>(sorted.map((m) => [m, {}]));
    for (const topic of topics) {
      for (const { partitionId } of cluster.findTopicPartitionMetadata(topic)) {
        const owner = assignment.get(sorted[partitionId % sorted.length])!;
        (owner[topic] ??= []).push(partitionId);
      }
    }
    return sorted.map((memberId) => ({
      memberId,
      memberAssignment: AssignerProtocol.MemberAssignment.encode({
        version: 0,
        assignment: assignment.get(memberId)!,
        userData: Buffer.alloc(0),
      }),
    }));
  },
  protocol({ topics }) {
    return {
      name: 'CoPartitionedAssigner',
      metadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) }),
    };
  },
});
