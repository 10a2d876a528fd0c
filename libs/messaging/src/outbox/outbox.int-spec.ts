import { MongoClient } from 'mongodb';
import { infra, uniqueRunId } from '@lib/testing';
import type { EventPublisher, OutgoingRecord } from '../producer/event-publisher';
import { OUTBOX, OUTBOX_PENDING, OutboxRelay } from './outbox';

/**
 * The outbox rides in the business document, so the relay's clearing and the app's next change of
 * that document are concurrent updates of one document. Both must survive: the database has to
 * apply them one after the other (MongoDB does; FerretDB 1.24 needs deploy/local/ferretdb's
 * update-write-locks.patch, without which 20 concurrent $inc of one document leave 9, and enough
 * concurrent updates hang it).
 */
describe('outbox documents under concurrent updates (real database)', () => {
  const client = new MongoClient(infra.mongoUrl, { maxPoolSize: 120 });
  const db = client.db(uniqueRunId('outbox'));
  afterAll(async () => {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  });

  const record = (id: string): OutgoingRecord => ({
    id,
    topic: 'test.events.v1',
    key: id.split(':')[0],
    value: JSON.stringify({ id }),
    type: 'test.changed.v1',
  });

  /** A relay whose publisher keeps what it was given (the database side is what is tested here). */
  const recordingRelay = () => {
    const published: OutgoingRecord[] = [];
    const publisher = {
      sendRecords: async (records: OutgoingRecord[]) => void published.push(...records),
    } as unknown as EventPublisher;
    return { relay: new OutboxRelay(publisher, { pollIntervalMs: 1_000, batchSize: 50 }), published };
  };

  it('applies concurrent updates of one document one after the other', async () => {
    const c = db.collection<{ _id: string; n: number; steps: number[] }>('counters');
    await c.insertOne({ _id: 'a', n: 0, steps: [] });
    await Promise.all(Array.from({ length: 20 }, () => c.updateOne({ _id: 'a' }, { $inc: { n: 1 } })));
    // a guarded append (the inspections' follow-ups): only one of ten racing writers may succeed
    const guarded = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        c.updateOne({ _id: 'a', steps: { $size: 0 } }, { $push: { steps: i } }),
      ),
    );
    const doc = await c.findOne({ _id: 'a' });
    expect(doc?.n).toBe(20);
    expect(guarded.filter((r) => r.matchedCount === 1)).toHaveLength(1);
    expect(doc?.steps).toHaveLength(1);
  });

  it('answers 100 concurrent updates of different documents (one pooled connection each at a time)', async () => {
    // Upstream FerretDB wrote while the update's cursor was still open: two of its 50 PostgreSQL
    // connections per update, so 25+ concurrent updates each held one and waited for another, forever.
    const c = db.collection<{ _id: string; n: number }>('many');
    await c.insertMany(Array.from({ length: 100 }, (_, i) => ({ _id: `m${i}`, n: 0 })));
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => c.updateOne({ _id: `m${i}` }, { $inc: { n: 1 } })),
    );
    expect(results.filter((r) => r.modifiedCount === 1)).toHaveLength(100);
    expect(await c.countDocuments({ n: 1 })).toBe(100);
  });

  it('relays an insert-only collection page by page, each record once', async () => {
    const c = db.collection<{ _id: string }>('inserted');
    const { relay, published } = recordingRelay();
    relay.register(c as never, { insertOnly: true });
    await c.insertMany(
      Array.from({ length: 120 }, (_, i) => ({
        _id: `i${i}`,
        [OUTBOX]: [record(`i${i}:0`)],
        [OUTBOX_PENDING]: true,
      })),
    );
    const more = [await relay.relayCollection(c as never), await relay.relayCollection(c as never)];
    expect(more).toEqual([true, true]);
    expect(await relay.relayCollection(c as never)).toBe(false);
    expect(await relay.relayCollection(c as never)).toBe(false);
    expect(published).toHaveLength(120);
    expect(new Set(published.map((r) => r.id)).size).toBe(120);
    expect(await relay.pendingCount()).toBe(0);
    expect(await c.countDocuments({ [OUTBOX]: { $size: 0 } })).toBe(120);
  });

  it('keeps every change and publishes every event when the app writes while the relay clears', async () => {
    const c = db.collection<{ _id: string; steps: number[] }>('things');
    const { relay, published } = recordingRelay();
    relay.register(c as never);

    const docs = 20;
    const changes = 8;
    await c.insertMany(
      Array.from({ length: docs }, (_, d) => ({
        _id: `d${d}`,
        steps: [],
        [OUTBOX]: [record(`d${d}:0`)],
        [OUTBOX_PENDING]: true,
      })),
    );
    let writing = true;
    const relaying = (async () => {
      while (writing || (await relay.pendingCount()) > 0) await relay.relayCollection(c as never);
    })();
    await Promise.all(
      Array.from({ length: docs }, async (_, d) => {
        for (let i = 1; i <= changes; i++)
          await c.updateOne({ _id: `d${d}` }, {
            $push: { steps: i, [OUTBOX]: record(`d${d}:${i}`) },
            $set: { [OUTBOX_PENDING]: true },
          } as never);
      }),
    );
    writing = false;
    await relaying;

    const stored = await c.find({}).toArray();
    expect(stored.map((s) => s.steps.length)).toEqual(Array(docs).fill(changes));
    const ids = new Set(published.map((r) => r.id));
    expect(ids.size).toBe(docs * (changes + 1));
    expect(await c.countDocuments({ [OUTBOX_PENDING]: true })).toBe(0);
  });
});
