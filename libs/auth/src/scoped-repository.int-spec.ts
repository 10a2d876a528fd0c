import mongoose, { Model, Schema } from 'mongoose';
import { infra, uniqueRunId } from '@lib/testing';
import { ScopedRepository } from './scoped-repository';
import { Scope, SERVICE_SCOPE } from './scope';

interface Rec {
  _id: string;
  countyCode?: string;
  townCode: string;
  villageCode: string;
}

class Recs extends ScopedRepository<Rec> {
  constructor(model: Model<Rec>) {
    super(model);
  }
}

const scope = (s: Partial<Extract<Scope, { all: false }>>): Scope => ({
  all: false,
  counties: [],
  towns: [],
  villages: [],
  ...s,
});

/** The scope filter as FerretDB runs it: $and/$or/$in over county, town and village codes. */
describe('ScopedRepository against the real database', () => {
  const conn = mongoose.createConnection(infra.mongoUrl, { dbName: uniqueRunId('scope') });
  const model = conn.model<Rec>(
    'Rec',
    new Schema<Rec>(
      { _id: String, countyCode: String, townCode: String, villageCode: String },
      { versionKey: false },
    ),
  );
  const repo = new Recs(model);
  const rec = (id: string, village: string, withCounty = true): Rec => ({
    _id: id,
    ...(withCounty ? { countyCode: village.slice(0, 6) } : {}),
    townCode: village.slice(0, 9),
    villageCode: village,
  });

  beforeAll(async () => {
    await model.collection.insertMany([
      rec('a1', '621299101201', false),
      rec('a2', '621299101202'),
      rec('b1', '621299102201', false),
      rec('c1', '621300101201'),
    ] as never[]);
  });
  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

  it('backfills countyCode once, then finds by county', async () => {
    expect(await repo.backfillCountyCodes(1)).toBe(2);
    expect(await repo.backfillCountyCodes()).toBe(0);
    const page = await repo.page(scope({ counties: ['621299'] }), {}, { _id: 1 }, 1, 50);
    expect(page.items.map((r) => r._id)).toEqual(['a1', 'a2', 'b1']);
    expect(page.total).toBe(3);
  });

  it.each([
    [scope({ towns: ['621299101'] }), ['a1', 'a2']],
    [scope({ villages: ['621299102201'] }), ['b1']],
    [scope({ villages: ['621299102201'], counties: ['621300'] }), ['b1', 'c1']],
    [scope({}), []],
    [SERVICE_SCOPE, ['a1', 'a2', 'b1', 'c1']],
  ])('lists only what the scope covers (%o)', async (s, ids) => {
    expect((await repo.page(s, {}, { _id: 1 }, 1, 50)).items.map((r) => r._id)).toEqual(ids);
  });

  it('finds a record by id only inside the scope, and filters combine with the scope', async () => {
    const town = scope({ towns: ['621299101'] });
    expect(await repo.findById(town, 'a1')).toMatchObject({ _id: 'a1' });
    expect(await repo.findById(town, 'b1')).toBeNull();
    expect((await repo.page(town, { villageCode: '621299102201' }, { _id: 1 }, 1, 50)).total).toBe(0);
    expect((await repo.page(town, { villageCode: undefined }, { _id: 1 }, 1, 50)).total).toBe(2);
  });
});
