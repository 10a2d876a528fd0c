import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { CloudEvent, orgUnitsOfVillage, Topics } from '@lib/contracts';
import type { HouseholdDirectoryReplayResult, PairingsReplayResult } from '@lib/persistence';
import {
  devToken,
  householdClosed,
  householdPairingChanged,
  householdRegistered,
  infra,
  readModelDocuments,
  replayWhileServing,
  waitFor,
} from '@lib/testing';
import { ProjectsHarness } from './harness';

const TOWN = '621299104';
const VILLAGES = [`${TOWN}001`, `${TOWN}002`];
/** Households registered before the replays (some closed, half paired), and during them. */
const HOUSEHOLDS = 150;
const DURING = 3;
/** The paired cadres (帮扶责任人) of the town's households. */
const CADRES = ['u-pc-a', 'u-pc-b', 'u-pc-c'];

type Doc = { _id: string } & Record<string, unknown>;
type View = { status: number; body: unknown };

/**
 * Replay (issue #17) of projects' read models of the registry: its household directory
 * (known_households: registrations, 注销, each household's 帮扶责任人) and its pairings (paired_households:
 * which households a 帮扶责任人 sees) are corrupted and rebuilt from households.events.v1 by `npm run
 * replay -- projects household-directory|pairings` while the app keeps serving and consuming; the API
 * then answers as before the loss — to the county and to each paired cadre — the events taken during the
 * replay are in the rebuilt collection, and the app goes on writing to it.
 */
describe('projects: household directory and pairings rebuilt from Kafka (npm run replay)', () => {
  const h = new ProjectsHarness();
  const mongo = new MongoClient(infra.mongoUrl);
  const db = () => mongo.db(h.database);
  const env = () => ({
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: h.prefix,
    MONGO_URL: infra.mongoUrl,
    MONGO_DB: h.database,
  });
  const tokens = new Map<string, string>();
  let ids: string[] = [];
  const villageOf = (i: number) => VILLAGES[i % VILLAGES.length];

  beforeAll(async () => {
    await mongo.connect();
    await h.start();
    for (const sub of CADRES)
      tokens.set(
        sub,
        await devToken({ sub, kind: 'user', name: sub, grants: [{ role: 'paired-cadre', unit: TOWN }] }),
      );
  }, 120_000);

  afterAll(async () => {
    await h.stop();
    await mongo.close();
  }, 60_000);

  const app = () => h.apps[0];
  async function produce(events: CloudEvent[]) {
    const records = events.map((e) => ({ key: e.subject!, value: JSON.stringify(e) }));
    for (let i = 0; i < records.length; i += 500)
      await h.kafka.send(`${h.prefix}${Topics.households}`, records.slice(i, i + 500));
  }
  const settle = () =>
    h.kafka.waitForNoLag(`${h.prefix}projects`, `${h.prefix}${Topics.households}`, 120_000);
  const registered = (householdId: string, i: number) =>
    householdRegistered({
      householdId,
      householdNumber: `RP-${String(i).padStart(4, '0')}`,
      ...orgUnitsOfVillage(villageOf(i)),
      memberCount: 1 + (i % 5),
      members: [],
      registeredAt: '2025-03-01T00:00:00Z',
    });
  const paired = (householdId: string, i: number, version: number, cadres: string[], at: string) =>
    householdPairingChanged(
      {
        householdId,
        villageCode: villageOf(i),
        townCode: TOWN,
        version,
        at,
        cadres: cadres.map((userId) => ({ userId, name: `干部${userId}`, orgUnit: TOWN })),
        added: cadres,
        removed: [],
      },
      { id: `pairing-${householdId}-${version}` },
    );
  /** The household as projects shows it (the county's view, or a paired cadre's). */
  const view = async (id: string, token?: string): Promise<View> => {
    const r = await app().get(`/api/v1/projects/households/${id}`, token ? { token } : {});
    return { status: r.status, body: r.body };
  };
  /** The households each paired cadre sees (the others answer 404 to them). */
  const seenByCadres = async (households: string[]) => {
    const seen: Record<string, string[]> = {};
    for (const cadre of CADRES) {
      seen[cadre] = [];
      for (const id of households)
        if ((await view(id, tokens.get(cadre))).status === 200) seen[cadre].push(id);
    }
    return seen;
  };
  const { docs, pointer } = readModelDocuments(db);

  it('builds the registry: registrations, closures (注销) and pairings of 帮扶责任人', async () => {
    ids = Array.from({ length: HOUSEHOLDS }, () => randomUUID());
    const events: CloudEvent[] = ids.map((id, i) => registered(id, i));
    ids.forEach((id, i) => {
      const place = { villageCode: villageOf(i) };
      if (i % 5 === 0) {
        events.push(householdClosed({ householdId: id, ...place, on: '2026-09-30', reason: 'death' }));
        events.push(householdClosed({ householdId: id, ...place, on: '2026-10-31', reason: 'moved_out' }));
      }
      if (i % 2 === 0) events.push(paired(id, i, 1, [CADRES[(i / 2) % 2]], '2026-04-01T00:00:00Z'));
      if (i % 6 === 0) {
        events.push(paired(id, i, 3, [CADRES[2], CADRES[0]], '2026-06-01T00:00:00Z'));
        events.push(paired(id, i, 2, [CADRES[1]], '2026-05-01T00:00:00Z')); // older, late
      }
    });
    events.push(paired(randomUUID(), 0, 1, [CADRES[0]], '2026-04-01T00:00:00Z')); // a household projects never heard of
    await produce(events);
    await settle();
    expect(await db().collection('known_households').countDocuments()).toBe(HOUSEHOLDS);
    expect(await db().collection('paired_households').countDocuments()).toBe(HOUSEHOLDS / 2 + 1);
  }, 120_000);

  it('rebuilds the household directory while serving: the same answers, then goes on from it', async () => {
    const before = new Map<string, View>();
    for (const id of ids) before.set(id, await view(id));
    expect([...before.values()].every((v) => v.status === 200)).toBe(true);
    expect(before.get(ids[0])!.body).toMatchObject({
      household: { closedOn: '2026-09-30', closureReason: 'death' },
    });
    const docsBefore = await docs('known_households');

    // corrupted: a third of the households lost, a closure forgotten, one household's cadres changed
    const lost = ids.filter((_, i) => i % 3 === 1);
    const households = db().collection<Doc>('known_households');
    await households.deleteMany({ _id: { $in: lost } });
    await households.updateOne({ _id: ids[0] }, { $unset: { closedOn: '', closureReason: '' } });
    await households.updateOne({ _id: ids[2] }, { $set: { pairedCadreIds: ['u-wrong'] } });
    expect((await view(lost[0])).status).toBe(404);
    expect(await view(ids[0])).not.toEqual(before.get(ids[0]));

    const during = Array.from({ length: DURING }, () => randomUUID());
    const { stdout, result, reads } = await replayWhileServing<HouseholdDirectoryReplayResult>(
      'projects',
      'household-directory',
      env(),
      async () => (await view(ids[3])).status,
      () => produce(during.map((id, i) => registered(id, HOUSEHOLDS + i))),
    );
    console.log(`replay: ${stdout.trim()}; reads answered during it: ${reads.length}`);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((s) => s === 200)).toBe(true);
    expect(result.previous).toBe('known_households');
    expect(await pointer('household-directory')).toBe(result.collection);

    // the same answers as before the loss, for every household; the same documents
    for (const id of ids) expect({ id, ...(await view(id)) }).toEqual({ id, ...before.get(id) });
    expect(await docs(result.collection, during)).toEqual(docsBefore);
    // the corrupted collection is kept for the operator
    expect(await households.countDocuments({ _id: { $in: ids } })).toBe(HOUSEHOLDS - lost.length);
    // the households registered during the replay are in the rebuilt directory
    await settle();
    for (const id of during) expect((await view(id)).status).toBe(200);

    // the app goes on writing to the rebuilt directory: a household closed now (one whose record was lost)
    const target = lost[1];
    await produce([
      householdClosed({ householdId: target, villageCode: villageOf(4), on: '2026-11-30', reason: 'death' }),
    ]);
    await settle();
    expect((await view(target)).body).toMatchObject({ household: { closedOn: '2026-11-30' } });
    expect(await db().collection<Doc>(result.collection).findOne({ _id: target })).toMatchObject({
      closedOn: '2026-11-30',
    });
  }, 240_000);

  it('rebuilds the pairings while serving: each 帮扶责任人 sees the same households, then goes on from it', async () => {
    const sample = ids.filter((_, i) => i % 2 === 0 || i % 15 === 1);
    const seenBefore = await seenByCadres(sample);
    expect(seenBefore[CADRES[2]]).toEqual(ids.filter((_, i) => i % 6 === 0)); // version 3 kept
    expect(seenBefore[CADRES[1]].length).toBeGreaterThan(10);
    const docsBefore = await docs('paired_households');

    // corrupted: a third of the pairings lost, one household paired with another cadre
    const lost = ids.filter((_, i) => i % 3 === 0);
    const pairings = db().collection<Doc>('paired_households');
    await pairings.deleteMany({ _id: { $in: lost } });
    await pairings.updateOne({ _id: ids[2] }, { $set: { cadreIds: [CADRES[2]] } });
    expect(await seenByCadres(sample)).not.toEqual(seenBefore);

    // two households registered now are paired while the replay runs
    const during = Array.from({ length: 2 }, () => randomUUID());
    await produce(during.map((id, i) => registered(id, HOUSEHOLDS + DURING + i)));
    await settle();
    const { stdout, result, reads } = await replayWhileServing<PairingsReplayResult>(
      'projects',
      'pairings',
      env(),
      async () => (await view(ids[4], tokens.get(CADRES[0]))).status,
      () =>
        produce(
          during.map((id, i) => paired(id, HOUSEHOLDS + DURING + i, 1, [CADRES[1]], '2026-07-01T00:00:00Z')),
        ),
    );
    console.log(`replay: ${stdout.trim()}; reads answered during it: ${reads.length}`);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((s) => s === 200)).toBe(true); // ids[4] is 帮扶责任人 a's throughout
    expect(result.previous).toBe('paired_households');
    expect(await pointer('pairings')).toBe(result.collection);

    expect(await seenByCadres(sample)).toEqual(seenBefore);
    expect(await docs(result.collection, during)).toEqual(docsBefore);
    await settle();
    for (const id of during) expect((await view(id, tokens.get(CADRES[1]))).status).toBe(200);

    // the app goes on writing to the rebuilt pairings: a household whose pairing was lost, re-paired now
    const target = ids[6]; // 帮扶责任人 c and a (version 3)
    expect((await view(target, tokens.get(CADRES[1]))).status).toBe(404);
    await produce([paired(target, 6, 9, [CADRES[1]], '2026-12-01T00:00:00Z')]);
    await settle();
    await waitFor('the re-paired household seen by its new 帮扶责任人', async () => {
      return (await view(target, tokens.get(CADRES[1]))).status === 200;
    });
    expect((await view(target, tokens.get(CADRES[2]))).status).toBe(404);
    expect(await db().collection<Doc>(result.collection).findOne({ _id: target })).toMatchObject({
      version: 9,
      cadreIds: [CADRES[1]],
    });
  }, 240_000);
});
