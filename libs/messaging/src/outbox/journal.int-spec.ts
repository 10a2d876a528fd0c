import { MongoClient } from 'mongodb';
import { infra, uniqueRunId, waitFor } from '@lib/testing';
import type { EventPublisher, OutgoingRecord } from '../producer/event-publisher';
import { DEFAULT_JOURNAL_OPTIONS, OutboxJournal, OUTBOX_JOURNAL } from './journal';
import { OutboxRelay } from './outbox';

/**
 * The outbox journal against the real database: chunks after a cursor, each published once and in
 * order; a writer that died between its write and its append is recovered from its documents; one
 * relay per app at a time, another taking over when it stops.
 */
describe('outbox journal (real database)', () => {
  const client = new MongoClient(infra.mongoUrl);
  const db = client.db(uniqueRunId('journal'));
  afterAll(async () => {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  });

  const record = (id: string, key = id.split(':')[0]): OutgoingRecord => ({
    id,
    topic: 'test.events.v1',
    key,
    value: JSON.stringify({ id, time: new Date().toISOString() }),
    type: 'test.changed.v1',
  });

  /** A relay whose publisher keeps what it was given. */
  const recordingRelay = (over = db, journal: Partial<OutboxJournal['options']> = {}) => {
    const published: OutgoingRecord[] = [];
    const publisher = {
      sendRecords: async (records: OutgoingRecord[]) => void published.push(...records),
    } as unknown as EventPublisher;
    const relay = new OutboxRelay(publisher, {
      pollIntervalMs: 50,
      batchSize: 50,
      journal: { gapGraceMs: 300, leaseMs: 1_000, readAhead: 8, maxRecordsPerSend: 100, ...journal },
    });
    relay.useJournal(over);
    return { relay, published };
  };

  it('publishes the chunks after the cursor in order, each record once, and reports the backlog', async () => {
    const d = client.db(uniqueRunId('journal-order'));
    const { relay, published } = recordingRelay(d);
    const journal = relay.journal!;
    // 30 writes of 1..10 records each, some of one key across writes
    let n = 0;
    for (let w = 0; w < 30; w++) {
      const id = await journal.reserve();
      await journal.append(
        id,
        Array.from({ length: 1 + (w % 10) }, (_, i) =>
          record(`e${n++}`, i === 0 ? 'same-key' : `k${w}-${i}`),
        ),
      );
    }
    expect(await relay.backlog()).toMatchObject({ documents: 30 });
    expect((await relay.backlog()).oldestAt).toBeInstanceOf(Date);
    relay.start();
    await waitFor('backlog empty', async () => (await relay.pendingCount()) === 0, { timeoutMs: 20_000 });
    await relay.stop();
    expect(published.map((r) => r.id)).toEqual(Array.from({ length: n }, (_, i) => `e${i}`));
    expect(await relay.backlog()).toEqual({ documents: 0, oldestAt: null });
    await d.dropDatabase();
  });

  it('gives writers reserving at the same moment their own ids, with no gap the relay would wait for', async () => {
    const d = client.db(uniqueRunId('journal-together'));
    const { relay, published } = recordingRelay(d, { gapGraceMs: 60_000 });
    const journal = relay.journal!;
    const before = await journal.reserve();
    // 40 writers of this instance at once, and a second instance beside them
    const other = new OutboxJournal(d, journal.options);
    const ids = await Promise.all([
      ...Array.from({ length: 40 }, () => journal.reserve()),
      ...Array.from({ length: 5 }, () => other.reserve()),
    ]);
    expect(new Set(ids).size).toBe(45);
    expect([...ids].sort((a, b) => a - b)).toEqual(Array.from({ length: 45 }, (_, i) => before + 1 + i));
    await journal.append(before, []);
    await Promise.all(ids.map((id) => journal.append(id, [record(`t${id}`)])));
    relay.start();
    // published long before the 60 s a missing chunk would be waited for
    await waitFor('all published', async () => published.length === 45, { timeoutMs: 15_000 });
    await relay.stop();
    expect(new Set(published.map((r) => r.id)).size).toBe(45);
    await d.dropDatabase();
  });

  it('recovers a chunk whose writer died after its write, and a late append is not lost', async () => {
    const d = client.db(uniqueRunId('journal-gap'));
    const { relay, published } = recordingRelay(d, { pruneIntervalMs: 0 });
    const journal = relay.journal!;
    const things = d.collection<{ _id: string }>('things');
    relay.register(things as never);
    // writer A: reserved, wrote its document, died before appending
    const a = await journal.reserve();
    await things.insertOne({ _id: 'a', ...OutboxJournal.stamp([record('a:0')], a) });
    // writer B: reserved and appended after A
    const b = await journal.reserve();
    await journal.append(b, [record('b:0')]);
    // writer C: reserved, its write still in flight when the relay gives up waiting
    const c = await journal.reserve();
    relay.start();
    await waitFor('b published', async () => published.some((r) => r.id === 'b:0'), { timeoutMs: 20_000 });
    // A's record came from its document, before B's (chunk order); C's chunk was closed empty
    expect(published.map((r) => r.id)).toEqual(['a:0', 'b:0']);
    await waitFor('backlog empty', async () => (await relay.pendingCount()) === 0, { timeoutMs: 20_000 });
    // C's append comes late: its records go again under a new id and are published
    await journal.append(c, [record('c:0')]);
    relay.kick();
    await waitFor('c published', async () => published.some((r) => r.id === 'c:0'), { timeoutMs: 20_000 });
    await relay.stop();
    expect(published.map((r) => r.id)).toEqual(['a:0', 'b:0', 'c:0']);
    await d.dropDatabase();
  });

  it('recovers the chunks of writers that died together after one grace, not one grace each', async () => {
    const d = client.db(uniqueRunId('journal-gaps'));
    const GRACE = 3_000;
    const { relay, published } = recordingRelay(d, { gapGraceMs: GRACE, pruneIntervalMs: 0 });
    const journal = relay.journal!;
    // three writers of one instance reserved their chunks and died before writing anything
    for (let i = 0; i < 3; i++) await journal.reserve();
    // a live writer after them
    await journal.append(await journal.reserve(), [record('after-the-crash')]);
    const started = Date.now();
    relay.start();
    // one grace and its polling, well before the three graces the relay once waited in turn
    await waitFor('the record behind the three gaps', async () => published.length === 1, {
      timeoutMs: 3 * GRACE - 1_000,
    });
    await relay.stop();
    expect(published.map((r) => r.id)).toEqual(['after-the-crash']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(GRACE);
    await d.dropDatabase();
  });

  it('stores records deflated, and still publishes chunks and documents written in the older plain forms', async () => {
    const d = client.db(uniqueRunId('journal-forms'));
    const { relay, published } = recordingRelay(d, { gapGraceMs: 0 });
    const journal = relay.journal!;
    const things = d.collection<{ _id: string }>('things');
    relay.register(things as never);
    const big = Array.from({ length: 200 }, (_, i) => record(`z${i}`));
    const z = await journal.reserve();
    await journal.append(z, big);
    const stored = await d.collection(OUTBOX_JOURNAL).findOne({ _id: z } as never);
    // a binary value several times smaller than the JSON it holds
    expect(typeof stored?.records).not.toBe('string');
    expect((stored?.records as { buffer: Uint8Array }).buffer.length * 3).toBeLessThan(
      JSON.stringify(big).length,
    );
    // a chunk appended by the previous version (one JSON string)
    const old = await journal.reserve();
    await d
      .collection(OUTBOX_JOURNAL)
      .insertOne({ _id: old, at: new Date(), n: 1, records: JSON.stringify([record('old:0')]) } as never);
    // a document of the previous version (its records as objects) whose writer died before its append
    const lost = await journal.reserve();
    await things.insertOne({ _id: 'lost', _outboxChunk: [record('lost:0')], _outboxSeq: lost } as never);
    relay.start();
    await waitFor('all published', async () => published.length === 202, { timeoutMs: 20_000 });
    await relay.stop();
    expect(published.map((r) => r.id)).toEqual([...big.map((r) => r.id), 'old:0', 'lost:0']);
    await d.dropDatabase();
  });

  it('relays with one instance of the app at a time; another takes over when it stops', async () => {
    const d = client.db(uniqueRunId('journal-lease'));
    // a long lease, so that only a stop (which releases it) hands over here, however loaded the machine
    const first = recordingRelay(d, { leaseMs: 30_000 });
    const second = recordingRelay(d, { leaseMs: 30_000 });
    const journal = first.relay.journal!;
    const write = async (from: number, count: number) => {
      for (let i = from; i < from + count; i++)
        await journal.append(await journal.reserve(), [record(`x${i}`)]);
    };
    await write(0, 40);
    first.relay.start();
    await waitFor('first 40', async () => first.published.length === 40, { timeoutMs: 20_000 });
    second.relay.start();
    await write(40, 40);
    second.relay.kick();
    await waitFor('80', async () => first.published.length + second.published.length === 80, {
      timeoutMs: 20_000,
    });
    // the holder published everything; the other instance only waited
    expect(second.published).toHaveLength(0);
    await first.relay.stop(); // releases the lease
    await write(80, 20);
    second.relay.kick();
    await waitFor('taken over', async () => second.published.length === 20, { timeoutMs: 20_000 });
    await second.relay.stop();
    const ids = [...first.published, ...second.published].map((r) => r.id);
    expect(ids).toEqual(Array.from({ length: 100 }, (_, i) => `x${i}`));
    await d.dropDatabase();
  });

  it('takes over from an instance that died holding the lease once the lease runs out', async () => {
    const d = client.db(uniqueRunId('journal-takeover'));
    const dead = new OutboxJournal(d, { ...DEFAULT_JOURNAL_OPTIONS, leaseMs: 1_500 });
    const tookAt = Date.now();
    expect(await dead.lease()).toBe(0); // took the lease, then never renews it (killed)
    // the live instance's own lease is long: the old holder cannot take it back below
    const { relay, published } = recordingRelay(d, { leaseMs: 30_000 });
    await dead.append(await dead.reserve(), [record('t0')]);
    relay.start();
    await waitFor('taken over', async () => published.length === 1, { timeoutMs: 20_000 });
    expect(Date.now() - tookAt).toBeGreaterThanOrEqual(1_500); // not before the dead one's lease ran out
    expect(await dead.lease()).toBeNull(); // the old holder, back, finds the lease taken
    await relay.stop();
    await d.dropDatabase();
  });

  it('removes published chunks with one range delete, never the unpublished ones', async () => {
    const d = client.db(uniqueRunId('journal-prune'));
    const { relay } = recordingRelay(d, { pruneIntervalMs: 0 });
    const journal = relay.journal!;
    for (let i = 0; i < 10; i++) await journal.append(await journal.reserve(), [record(`p${i}`)]);
    relay.start();
    await waitFor('pruned', async () => (await d.collection(OUTBOX_JOURNAL).countDocuments({})) === 0, {
      timeoutMs: 20_000,
    });
    const late = await journal.reserve(); // reserved, not appended: not the relay's to remove
    await relay.stop();
    await journal.append(late, [record('late')]);
    expect(await d.collection(OUTBOX_JOURNAL).countDocuments({})).toBe(1);
    expect(await journal.backlog()).toMatchObject({ chunks: 1 });
    await d.dropDatabase();
  });
});
