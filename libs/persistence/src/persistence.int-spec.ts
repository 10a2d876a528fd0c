import mongoose, { Model, Schema } from 'mongoose';
import { MongoClient } from 'mongodb';
import { Scope, SERVICE_SCOPE } from '@lib/auth';
import { CloudEvent, createEvent, SessionRevokedV1 } from '@lib/contracts';
import {
  EventPublisher,
  JournalOptions,
  KEEP_RECORDS_ONCE_FROM,
  OUTBOX,
  OUTBOX_CHUNK,
  OUTBOX_PENDING,
  OUTBOX_SEQ,
  OutboxRelay,
  OutgoingRecord,
} from '@lib/messaging';
import { infra, uniqueRunId, waitFor } from '@lib/testing';
import { countyCodesMigration } from './county-codes.migration';
import { Migration, MIGRATIONS_COLLECTION, MigrationRecord, MigrationRunner } from './migrations';
import { ScopedRepository } from './scoped-repository';
import { Store } from './store';

interface Rec {
  _id: string;
  countyCode?: string;
  townCode: string;
  villageCode: string;
  n?: number;
}

class Recs extends ScopedRepository<Rec> {
  constructor(model: Model<Rec>) {
    super(model);
  }

  /** What an app's store does: a write that can only touch what the scope covers. */
  bump(scope: Scope, id: string) {
    return this.store.updateOne(this.within(scope, { _id: id }), { $inc: { n: 1 } });
  }
}

const scope = (s: Partial<Extract<Scope, { all: false }>>): Scope => ({
  all: false,
  counties: [],
  towns: [],
  villages: [],
  ...s,
});

/** A valid contract event (the outbox validates what it is given). */
const event = (id: string): CloudEvent =>
  createEvent({
    type: SessionRevokedV1.type,
    source: 'test',
    id,
    subject: 'u1',
    data: {
      jti: id,
      userId: 'u1',
      sessionId: 's1',
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
      reason: 'logout',
      revokedAt: new Date().toISOString(),
    } satisfies SessionRevokedV1['data'],
  });

/** libs/persistence against the real database (FerretDB here): scope, duplicates, outbox, migrations. */
describe('persistence against the real database', () => {
  const dbName = uniqueRunId('persist');
  const conn = mongoose.createConnection(infra.mongoUrl, { dbName });
  const model = conn.model<Rec>(
    'Rec',
    new Schema<Rec>(
      { _id: String, countyCode: String, townCode: String, villageCode: String, n: Number },
      { versionKey: false },
    ),
  );
  const repo = new Recs(model);
  const store = Store.of(model);
  const rec = (id: string, village: string, withCounty = true): Rec => ({
    _id: id,
    ...(withCounty ? { countyCode: village.slice(0, 6) } : {}),
    townCode: village.slice(0, 9),
    villageCode: village,
  });

  /** A relay of the app's journal that records what it publishes (no Kafka). */
  const recordingRelay = (published: OutgoingRecord[], journal?: Partial<JournalOptions>) =>
    new OutboxRelay(
      { sendRecords: async (r: OutgoingRecord[]) => void published.push(...r) } as unknown as EventPublisher,
      { pollIntervalMs: 50, batchSize: 50, ...(journal ? { journal } : {}) },
    );
  /** A collection written through the relay's journal. */
  const journaledStore = (name: string, relay: OutboxRelay) =>
    Store.of(conn.model<Rec>(name, new Schema<Rec>({ _id: String, n: Number })), { relay });

  beforeAll(async () => {
    await store.insertMany([
      rec('a1', '621299101201', false),
      rec('a2', '621299101202'),
      rec('b1', '621299102201', false),
      rec('c1', '621300101201'),
    ]);
  });
  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

  describe('county-code migration', () => {
    it('derives countyCode from villageCode for the records that lack it, then finds by county', async () => {
      const runner = new MigrationRunner(conn.db as never, [countyCodesMigration(['recs'])]);
      expect(await runner.run()).toEqual(['0001-backfill-county-codes']);
      expect(await store.countDocuments({ countyCode: { $exists: false } })).toBe(0);
      const page = await repo.page(scope({ counties: ['621299'] }), {}, { _id: 1 }, 1, 50);
      expect(page.items.map((r) => r._id)).toEqual(['a1', 'a2', 'b1']);
      expect(page.total).toBe(3);
    });
  });

  describe('the scope in every query', () => {
    it.each([
      [scope({ towns: ['621299101'] }), ['a1', 'a2']],
      [scope({ villages: ['621299102201'] }), ['b1']],
      [scope({ villages: ['621299102201'], counties: ['621300'] }), ['b1', 'c1']],
      [scope({}), []],
      [SERVICE_SCOPE, ['a1', 'a2', 'b1', 'c1']],
    ])('lists only what the scope covers (%o)', async (s, ids) => {
      expect((await repo.page(s, {}, { _id: 1 }, 1, 50)).items.map((r) => r._id)).toEqual(ids);
    });

    it("cannot be asked for another unit's document, by id or by a filter naming the other unit", async () => {
      const town = scope({ towns: ['621299101'] });
      expect(await repo.findById(town, 'a1')).toMatchObject({ _id: 'a1' });
      expect(await repo.findById(town, 'b1')).toBeNull();
      expect(await repo.findById(town, 'c1')).toBeNull();
      expect((await repo.page(town, { villageCode: '621299102201' }, { _id: 1 }, 1, 50)).total).toBe(0);
      expect((await repo.page(town, { villageCode: undefined }, { _id: 1 }, 1, 50)).total).toBe(2);
    });

    it("cannot change another unit's document", async () => {
      const town = scope({ towns: ['621299101'] });
      expect((await repo.bump(town, 'c1')).matchedCount).toBe(0);
      expect((await repo.bump(town, 'a1')).modifiedCount).toBe(1);
      expect((await store.findOne({ _id: 'c1' }))?.n).toBeUndefined();
      expect((await store.findOne({ _id: 'a1' }))?.n).toBe(1);
    });
  });

  describe('inserts that ignore a duplicate by id', () => {
    it('writes the new documents of a batch and skips those that exist, with their events', async () => {
      const { inserted, duplicates } = await store.insertManyNew(
        [
          rec('a2', '621299101202'),
          rec('d1', '621299103201'),
          rec('c1', '621300101201'),
          rec('d2', '621299103202'),
        ],
        (d) => [event(`e-${d._id}`)],
      );
      expect(inserted).toBe(2);
      expect(duplicates.sort()).toEqual([0, 2]);
      expect(await store.countDocuments({ _id: { $in: ['d1', 'd2'] } })).toBe(2);
      const d1 = await store.findOne({ _id: 'd1' }, { projection: { [OUTBOX]: 1, [OUTBOX_PENDING]: 1 } });
      expect(d1).toMatchObject({
        [OUTBOX_PENDING]: true,
        [OUTBOX]: [expect.objectContaining({ id: 'e-d1' })],
      });
      // the existing one is untouched: no events were added to it
      const a2 = await store.findOne({ _id: 'a2' }, { projection: { [OUTBOX]: 1 } });
      expect(a2?.[OUTBOX as never]).toBeUndefined();
    });

    it('answers false for a single existing id and true for a new one; other errors are thrown', async () => {
      expect(await store.insertNew(rec('a1', '621299101201'))).toBe(false);
      expect(await store.insertNew(rec('e1', '621299104201'), [event('e-e1')])).toBe(true);
      await expect(store.insert(rec('e1', '621299104201'))).rejects.toMatchObject({ code: 11000 });
    });
  });

  describe('updates that carry events', () => {
    it("pushes the events to the document's outbox with the update", async () => {
      await store.updateOne(
        { _id: 'c1' },
        { $set: { n: 5 } },
        { events: [event('e-c1-1'), event('e-c1-2')] },
      );
      const c1 = await store.findOne(
        { _id: 'c1' },
        { projection: { n: 1, [OUTBOX]: 1, [OUTBOX_PENDING]: 1 } },
      );
      expect(c1).toMatchObject({ n: 5, [OUTBOX_PENDING]: true });
      expect((c1 as unknown as Record<string, { id: string }[]>)[OUTBOX].map((r) => r.id)).toEqual([
        'e-c1-1',
        'e-c1-2',
      ]);
    });
  });

  describe('inserts by the outbox journal (a Store with the app relay)', () => {
    it('appends one chunk per write with the events of what was written, and the relay publishes them in order', async () => {
      const published: OutgoingRecord[] = [];
      const relay = recordingRelay(published);
      const journaled = journaledStore('JournaledRec', relay);
      await journaled.insert(rec('j1', '621299101201'), [event('e-j1')]);
      // a batch where one already exists: only the new ones' events are in the chunk
      const { duplicates } = await journaled.insertManyNew(
        [rec('j1', '621299101201'), rec('j2', '621299101201'), rec('j3', '621299101201')],
        (d) => [event(`e-${d._id}-batch`)],
      );
      expect(duplicates).toEqual([0]);
      // a single duplicate: no event, and the relay is not held up by its chunk
      expect(await journaled.insertNew(rec('j2', '621299101201'), [event('e-j2-again')])).toBe(false);
      await journaled.insertMany([rec('j4', '621299101201')], (d) => [event(`e-${d._id}`)]);
      // the documents carry their records and chunk id (for recovery), not the pending flag
      const j2 = await journaled.findOne(
        { _id: 'j2' },
        { projection: { [OUTBOX_PENDING]: 1, [OUTBOX_SEQ]: 1 } },
      );
      expect(j2?.[OUTBOX_SEQ as never]).toEqual(expect.any(Number));
      expect(j2?.[OUTBOX_PENDING as never]).toBeUndefined();
      expect(await relay.pendingCount()).toBe(4);
      relay.start();
      await waitFor('journal relayed', async () => (await relay.pendingCount()) === 0);
      await relay.stop();
      expect(published.map((r) => r.id)).toEqual(['e-j1', 'e-j2-batch', 'e-j3-batch', 'e-j4']);
    });

    it('recovers a large write whose process died before its chunk: the records it kept once, of what it wrote', async () => {
      const published: OutgoingRecord[] = [];
      const relay = recordingRelay(published, { gapGraceMs: 300, pruneIntervalMs: 0 });
      const large = journaledStore('LargeWriteRec', relay);
      await large.insert(rec('L0', '621299101201'), [event('e-L0-first')]);
      // the process dies after writing its documents, before appending their chunk
      const journal = relay.journal!;
      const append = jest.spyOn(journal, 'append').mockRejectedValueOnce(new Error('killed'));
      const batch = Array.from({ length: KEEP_RECORDS_ONCE_FROM + 8 }, (_, i) =>
        rec(`L${i}`, '621299101201'),
      );
      await expect(large.insertManyNew(batch, (d) => [event(`e-${d._id}`)])).rejects.toThrow('killed');
      append.mockRestore();
      // its documents carry the chunk id only, no copy of their records
      const written = await large.findOne(
        { _id: 'L5' },
        { projection: { [OUTBOX_SEQ]: 1, [OUTBOX_CHUNK]: 1 } },
      );
      expect(written?.[OUTBOX_SEQ as never]).toEqual(expect.any(Number));
      expect(written?.[OUTBOX_CHUNK as never]).toBeUndefined();
      relay.start();
      await waitFor('recovered and relayed', async () => (await relay.pendingCount()) === 0, {
        timeoutMs: 20_000,
      });
      await relay.stop();
      // every event of what the write stored, once; none of L0's, which it did not store (it existed)
      const ids = published.map((r) => r.id);
      expect(ids[0]).toBe('e-L0-first');
      expect(ids.slice(1).sort()).toEqual(
        batch
          .slice(1)
          .map((d) => `e-${d._id}`)
          .sort(),
      );
    });
  });

  describe('inserts of two collections under one chunk (SharedChunk)', () => {
    it('reserves one id and appends one chunk for both, with what each wrote, in the order the writes began', async () => {
      const published: OutgoingRecord[] = [];
      const relay = recordingRelay(published);
      const raised = journaledStore('SharedRaisedRec', relay);
      const resolved = journaledStore('SharedResolvedRec', relay);
      await raised.insert(rec('S0', '621299101201'), [event('e-S0-raised')]);
      const journal = relay.journal!;
      const reserve = jest.spyOn(journal, 'reserve');
      const append = jest.spyOn(journal, 'append');
      const shared = raised.sharedChunk()!;
      await Promise.all([
        resolved.insertManyNew([rec('S0', '621299101201')], (d) => [event(`e-${d._id}-resolved`)], shared),
        // S0 exists: refused, so its second raise is not in the chunk
        raised.insertManyNew(
          [rec('S0', '621299101201'), rec('S1', '621299101201')],
          (d) => [event(`e-${d._id}-raised-again`)],
          shared,
        ),
      ]);
      expect(append).not.toHaveBeenCalled(); // not before the caller says the writes are done
      await shared.append();
      expect(reserve).toHaveBeenCalledTimes(1);
      expect(append).toHaveBeenCalledTimes(1);
      reserve.mockRestore();
      append.mockRestore();
      relay.start();
      await waitFor('relayed', async () => (await relay.pendingCount()) === 0);
      await relay.stop();
      expect(published.map((r) => r.id)).toEqual(['e-S0-raised', 'e-S0-resolved', 'e-S1-raised-again']);
    });

    it('appends nothing when one of its inserts failed: the relay recovers the chunk from both collections', async () => {
      const published: OutgoingRecord[] = [];
      const relay = recordingRelay(published, { gapGraceMs: 300, pruneIntervalMs: 0 });
      const raised = journaledStore('SharedFailRaisedRec', relay);
      const resolved = journaledStore('SharedFailResolvedRec', relay);
      await raised.insert(rec('F0', '621299101201'), [event('e-F0-raised')]);
      const shared = raised.sharedChunk()!;
      await resolved.insertManyNew([rec('F0', '621299101201')], (d) => [event(`e-${d._id}-resolved`)], shared);
      // the second insert wrote its document and then failed (the database went away mid-answer)
      const driverInsertMany = mongoose.mongo.Collection.prototype.insertMany;
      const insertMany = jest
        .spyOn(mongoose.mongo.Collection.prototype, 'insertMany')
        .mockImplementationOnce(async function (this: mongoose.mongo.Collection, ...args) {
          await driverInsertMany.apply(this, args);
          throw new Error('connection closed');
        });
      await expect(
        raised.insertManyNew([rec('F1', '621299101201')], (d) => [event(`e-${d._id}-raised`)], shared),
      ).rejects.toThrow('connection closed');
      insertMany.mockRestore();
      await shared.append();
      relay.start();
      await waitFor('recovered and relayed', async () => (await relay.pendingCount()) === 0, {
        timeoutMs: 20_000,
      });
      await relay.stop();
      expect(published[0].id).toBe('e-F0-raised');
      expect(published.slice(1).map((r) => r.id).sort()).toEqual(['e-F0-resolved', 'e-F1-raised']);
    });

    it('answers the failure of its reservation as it was, and appends nothing for it', async () => {
      const relay = recordingRelay([]);
      const raised = journaledStore('SharedReserveRec', relay);
      const reserve = jest.spyOn(relay.journal!, 'reserve').mockRejectedValueOnce(new Error('database gone'));
      const append = jest.spyOn(relay.journal!, 'append');
      const shared = raised.sharedChunk()!;
      await expect(
        raised.insertManyNew([rec('R1', '621299101201')], (d) => [event(`e-${d._id}`)], shared),
      ).rejects.toThrow('database gone');
      await expect(shared.append()).resolves.toBeUndefined();
      expect(append).not.toHaveBeenCalled();
      reserve.mockRestore();
      append.mockRestore();
      expect(await raised.countDocuments({ _id: 'R1' })).toBe(0);
    });
  });

  describe('deletes that wait for the relay (Store.deleteRelayed)', () => {
    it('keeps a document whose writer died before its chunk until the relay has recovered its events from it', async () => {
      const published: OutgoingRecord[] = [];
      const relay = recordingRelay(published, { gapGraceMs: 300, pruneIntervalMs: 0 });
      const alerts = journaledStore('DeletedLaterRec', relay);
      await alerts.insert(rec('D0', '621299101201'), [event('e-D0-raised')]);
      // the writer dies after writing D1, before appending its chunk
      const append = jest.spyOn(relay.journal!, 'append').mockRejectedValueOnce(new Error('killed'));
      await expect(alerts.insert(rec('D1', '621299101201'), [event('e-D1-raised')])).rejects.toThrow(
        'killed',
      );
      append.mockRestore();
      // another instance resolves both and deletes them: D1 must stay, its event is in it alone
      expect(await alerts.deleteRelayed(['D0', 'D1'])).toEqual(['D0', 'D1']); // nothing relayed yet
      relay.start();
      await waitFor('recovered and relayed', async () => (await relay.pendingCount()) === 0, {
        timeoutMs: 20_000,
      });
      expect(await alerts.deleteRelayed(['D0', 'D1'])).toEqual([]);
      await relay.stop();
      expect(await alerts.countDocuments({})).toBe(0);
      expect(published.map((r) => r.id)).toEqual(['e-D0-raised', 'e-D1-raised']);
    });
  });

  describe('migration runner', () => {
    it('runs a migration once when two instances start together, and never again', async () => {
      const clients = [new MongoClient(infra.mongoUrl), new MongoClient(infra.mongoUrl)];
      try {
        let ups = 0;
        const slow: Migration = {
          id: '0002-slow',
          async up(db) {
            ups++;
            await new Promise((r) => setTimeout(r, 300));
            await db.collection('recs').updateMany({}, { $set: { migrated: true } });
          },
        };
        const runners = clients.map(
          (c, i) => new MigrationRunner(c.db(dbName), [slow], { instance: `i${i}`, pollMs: 50 }),
        );
        const ran = await Promise.all(runners.map((r) => r.run()));
        expect(ups).toBe(1);
        expect(ran.flat()).toEqual(['0002-slow']);
        // the one that waited returned only after the migration was done
        expect(await store.countDocuments({ migrated: { $ne: true } } as never)).toBe(0);

        expect(await new MigrationRunner(clients[0].db(dbName), [slow]).run()).toEqual([]);
        expect(ups).toBe(1);
        const records = await clients[0]
          .db(dbName)
          .collection<MigrationRecord>(MIGRATIONS_COLLECTION)
          .find({})
          .sort({ _id: 1 })
          .toArray();
        expect(records.map((r) => r._id)).toEqual(['0001-backfill-county-codes', '0002-slow']);
        expect(records.every((r) => r.ranAt instanceof Date)).toBe(true);
      } finally {
        await Promise.all(clients.map((c) => c.close()));
      }
    });

    it('takes over a claim left by an instance that died', async () => {
      const records = conn.db!.collection<MigrationRecord>(MIGRATIONS_COLLECTION);
      await records.insertOne({
        _id: '0003-orphan',
        claimedAt: new Date(Date.now() - 60_000),
        claimedBy: 'dead',
        ranAt: null,
      });
      let ups = 0;
      const orphan: Migration = { id: '0003-orphan', up: async () => void ups++ };
      const runner = new MigrationRunner(conn.db as never, [orphan], { staleAfterMs: 30_000, pollMs: 50 });
      expect(await runner.run()).toEqual(['0003-orphan']);
      expect(ups).toBe(1);
      expect((await records.findOne({ _id: '0003-orphan' }))?.ranAt).toBeInstanceOf(Date);
    });

    it('refuses a list with the same id twice', () => {
      const m: Migration = { id: 'x', up: async () => undefined };
      expect(() => new MigrationRunner(conn.db as never, [m, m])).toThrow('x');
    });
  });
});
