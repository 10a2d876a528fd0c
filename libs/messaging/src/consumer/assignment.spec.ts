import { AssignerProtocol, Cluster } from 'kafkajs';
import { CoPartitionedAssigner, ownedInEveryTopic, PartitionAssignment, partitionOfKey } from './assignment';

const assignment = (topics: Record<string, [number[], number]>): PartitionAssignment => ({
  groupId: 'g',
  topics: new Map(Object.entries(topics).map(([t, [partitions, count]]) => [t, { partitions, count }])),
});

describe('partition ownership', () => {
  it('owns a partition only when it holds that partition of every topic', () => {
    const a = assignment({ h: [[0, 1, 2], 6], m: [[1, 2, 3], 6] });
    expect([...ownedInEveryTopic(a, ['h', 'm']).partitions].sort()).toEqual([1, 2]);
    expect(ownedInEveryTopic(a, ['h', 'm']).count).toBe(6);
  });

  it('owns nothing when the topics have different partition counts, or one is not assigned', () => {
    expect(ownedInEveryTopic(assignment({ h: [[0], 6], m: [[0], 3] }), ['h', 'm']).partitions.size).toBe(0);
    expect(ownedInEveryTopic(assignment({ h: [[0], 6] }), ['h', 'm']).partitions.size).toBe(0);
  });

  it('places a key where the producers default partitioner does (stable, within range)', () => {
    const p = partitionOfKey('hh-00042', 6);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThan(6);
    expect(partitionOfKey('hh-00042', 6)).toBe(p);
  });

  it('assigns partition p of every topic to the same member', async () => {
    const cluster = {
      findTopicPartitionMetadata: () => [0, 1, 2, 3, 4, 5].map((partitionId) => ({ partitionId })),
    } as unknown as Cluster;
    const assigner = CoPartitionedAssigner({ cluster, groupId: 'g', logger: console as never });
    const result = await assigner.assign({
      members: [{ memberId: 'b' }, { memberId: 'a' }] as never,
      topics: ['h', 'm'],
    });
    const decoded = Object.fromEntries(
      result.map((r) => [r.memberId, AssignerProtocol.MemberAssignment.decode(r.memberAssignment)!.assignment]),
    );
    expect(decoded.a).toEqual({ h: [0, 2, 4], m: [0, 2, 4] });
    expect(decoded.b).toEqual({ h: [1, 3, 5], m: [1, 3, 5] });
  });
});
