import { Double, Long, MongoClient, ObjectId } from 'mongodb';
import { infra, uniqueRunId } from '@lib/testing';

interface Row {
  _id: string | number | ObjectId;
  status: string;
  n: number;
  pad?: string;
}

/**
 * Finds, updates and deletes by _id are served by the _id index on every collection size
 * (deploy/local/ferretdb/id-index-pushdown.patch; MongoDB does this by itself). Upstream FerretDB 1.24
 * scanned the whole table for each of them: a resolve of one alert cost 22 ms on a 50,000-alert
 * collection instead of 2 ms, and grew with every alert raised.
 */
describe('lookups by _id (the database serves them by the _id index)', () => {
  const client = new MongoClient(infra.mongoUrl);
  const dbName = uniqueRunId('idlookups');
  const docs = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ _id: `doc-${i}`, status: 'open', n: i, pad: 'x'.repeat(200) }));

  beforeAll(async () => {
    await client.connect();
    const coll = client.db(dbName).collection<Row>('alerts');
    const all = docs(20_000);
    for (let i = 0; i < all.length; i += 5_000) await coll.insertMany(all.slice(i, i + 5_000));
  });
  afterAll(async () => {
    await client.db(dbName).dropDatabase();
    await client.close();
  });

  const coll = () => client.db(dbName).collection<Row>('alerts');
  const planOf = async (filter: object) => JSON.stringify(await coll().find(filter).explain());

  it('plans an index scan, not a table scan, for _id equality and _id $in', async () => {
    expect(await planOf({ _id: 'doc-5' })).toContain('Index Scan');
    expect(await planOf({ _id: { $eq: 'doc-5' } })).toContain('Index Scan');
    expect(await planOf({ _id: { $in: ['doc-5', 'doc-7'] } })).toContain('Index Scan');
    // a filter on another field is still a scan: only _id is known never to be an array
    expect(await planOf({ status: 'open' })).toContain('Seq Scan');
  });

  it("serves numeric _ids (the outbox journal's chunks) by the index too, 5, 5L and 5.0 alike", async () => {
    const chunks = client.db(dbName).collection<{ _id: number | Long; n: number }>('chunks');
    await chunks.insertMany(Array.from({ length: 5_000 }, (_, i) => ({ _id: i + 1, n: i + 1 })));
    const plan = async (filter: object) => JSON.stringify(await chunks.find(filter).explain());
    expect(await plan({ _id: 7 })).toContain('Index Scan');
    expect(await plan({ _id: { $in: [7, 8, 9] } })).toContain('Index Scan');
    expect(await chunks.findOne({ _id: 4_321 })).toMatchObject({ n: 4_321 });
    expect(await chunks.findOne({ _id: Long.fromNumber(12) })).toMatchObject({ n: 12 });
    expect(await chunks.findOne({ _id: new Double(13) })).toMatchObject({ n: 13 });
    expect(await chunks.findOne({ _id: 5_001 })).toBeNull();
    const page = await chunks.find({ _id: { $in: [3, 2, 1, 9_999] } }).toArray();
    expect(page.map((c) => c.n).sort((a, b) => a - b)).toEqual([1, 2, 3]);
  });

  it('answers exactly what the filter asks (other conditions, other _id types, absent ids)', async () => {
    const c = coll();
    expect(await c.findOne({ _id: 'doc-19999' })).toMatchObject({ n: 19_999 });
    expect(await c.findOne({ _id: 'doc-5', status: 'closed' })).toBeNull();
    expect(await c.findOne({ _id: 'no-such-doc' })).toBeNull();
    const found = await c.find({ _id: { $in: ['doc-1', 'doc-2', 'missing'] } }).toArray();
    expect(found.map((d) => d.n).sort()).toEqual([1, 2]);
    const oid = new ObjectId();
    await c.insertMany([
      { _id: oid, status: 'open', n: -1 },
      { _id: 42, status: 'open', n: -2 },
    ]);
    expect(await c.findOne({ _id: oid })).toMatchObject({ n: -1 });
    expect(await c.findOne({ _id: 42 })).toMatchObject({ n: -2 });
    // $in mixing an ObjectId, a number and a string: every kind is found
    const mixed = await c.find({ _id: { $in: [oid, 42, 'doc-3'] } }).toArray();
    expect(mixed.map((d) => d.n).sort((a, b) => a - b)).toEqual([-2, -1, 3]);
  });

  it('updates and deletes by _id and by _id $in touch exactly those documents', async () => {
    const c = coll();
    const one = await c.updateOne({ _id: 'doc-10', status: 'open' }, { $set: { status: 'resolved' } });
    expect(one.modifiedCount).toBe(1);
    const again = await c.updateOne({ _id: 'doc-10', status: 'open' }, { $set: { status: 'resolved' } });
    expect(again.matchedCount).toBe(0);
    const many = await c.updateMany(
      { _id: { $in: ['doc-10', 'doc-11', 'doc-12'] }, status: 'open' },
      { $set: { status: 'resolved' } },
    );
    expect(many.modifiedCount).toBe(2);
    expect(await c.countDocuments({ status: 'resolved' })).toBe(3);
    expect((await c.deleteOne({ _id: 'doc-11' })).deletedCount).toBe(1);
    expect(await c.findOne({ _id: 'doc-11' })).toBeNull();
    expect(await c.countDocuments({})).toBe(20_000 + 2 - 1);
  });
});
