import { MongoClient } from 'mongodb';
import { CloudEvent, Topics } from '@lib/contracts';
import type { PairingsReplayResult } from '@lib/persistence';
import {
  householdPairingChanged,
  infra,
  readModelDocuments,
  replayWhileServing,
  waitFor,
} from '@lib/testing';
import { DEMO_TOWN, DEMO_VILLAGES, MonitoringHarness } from './coverage-harness';

/** Households registered before the replay (half of them paired). */
const HOUSEHOLDS = 60;
/** The paired cadres (帮扶责任人) of the town's households. */
const CADRES = ['u-mp-a', 'u-mp-b', 'u-mp-c'];

/**
 * Replay (issue #17) of monitoring's pairings (paired_households: which households a 帮扶责任人 sees in
 * monitoring — the household's record, its income, its surveys): corrupted, rebuilt from
 * households.events.v1 by `npm run replay -- monitoring pairings` while the app serves and consumes (the
 * fold is the one projects and the notifier use, libs/persistence PairingsFold); each paired cadre then
 * sees the households they saw before, pairings made during the replay count, and the app goes on
 * writing to the rebuilt collection.
 */
describe('monitoring: the pairings of 帮扶责任人 rebuilt from Kafka (npm run replay)', () => {
  const h = new MonitoringHarness();
  const mongo = new MongoClient(infra.mongoUrl);
  const db = () => mongo.db(h.database);
  const { docs, pointer } = readModelDocuments(db);
  const tokens = new Map<string, string>();
  let ids: string[] = [];

  beforeAll(async () => {
    await mongo.connect();
    await h.start();
    for (const cadre of CADRES) tokens.set(cadre, await h.tokenOf('paired-cadre', DEMO_TOWN, cadre));
  }, 120_000);

  afterAll(async () => {
    await h.stop();
    await mongo.close();
  }, 60_000);

  const villageOf = (i: number) => DEMO_VILLAGES[i % DEMO_VILLAGES.length];
  const paired = (householdId: string, i: number, version: number, cadres: string[]) =>
    householdPairingChanged(
      {
        householdId,
        villageCode: villageOf(i),
        townCode: DEMO_TOWN,
        version,
        at: `2026-0${version}-01T00:00:00Z`,
        cadres: cadres.map((userId) => ({ userId, name: `干部${userId}`, orgUnit: DEMO_TOWN })),
        added: cadres,
        removed: [],
      },
      { id: `pairing-${householdId}-${version}` },
    );
  const produce = (events: CloudEvent[]) =>
    h.kafka.send(
      h.topic(Topics.households),
      events.map((e) => ({ key: e.subject!, value: JSON.stringify(e) })),
    );
  const settle = () => h.kafka.waitForNoLag(h.groupId, h.topic(Topics.households), 120_000);
  const status = async (id: string, cadre: string) =>
    (await h.app.get(`/api/v1/monitored-households/${id}`, { token: tokens.get(cadre) })).status;
  /** The households each paired cadre sees (the others answer 404 to them). */
  const seenByCadres = async (households: string[]) => {
    const seen: Record<string, string[]> = {};
    for (const cadre of CADRES) {
      seen[cadre] = [];
      for (const id of households) if ((await status(id, cadre)) === 200) seen[cadre].push(id);
    }
    return seen;
  };

  it('corrupts the pairings, replays them while serving, each 帮扶责任人 sees as before, and goes on from them', async () => {
    ids = await h.registerHouseholds(
      Array.from({ length: HOUSEHOLDS + 2 }, (_, i) => ({
        villageCode: villageOf(i),
        householdNumber: `MP-${String(i).padStart(4, '0')}`,
        registeredAt: '2025-03-01T00:00:00Z',
      })),
    );
    const during = ids.splice(HOUSEHOLDS); // paired while the replay runs
    const events: CloudEvent[] = [];
    ids.forEach((id, i) => {
      if (i % 2 === 0) events.push(paired(id, i, 1, [CADRES[(i / 2) % 2]]));
      if (i % 6 === 0) {
        events.push(paired(id, i, 3, [CADRES[2], CADRES[0]]));
        events.push(paired(id, i, 2, [CADRES[1]])); // older, late: changes nothing
      }
    });
    await produce(events);
    await settle();
    const seenBefore = await seenByCadres(ids);
    expect(seenBefore[CADRES[2]]).toEqual(ids.filter((_, i) => i % 6 === 0)); // version 3 kept
    expect(seenBefore[CADRES[1]].length).toBeGreaterThan(5);
    const docsBefore = await docs('paired_households');
    expect(docsBefore).toHaveLength(HOUSEHOLDS / 2);

    // corrupted: a third of the pairings lost, one household paired with another cadre
    const lost = ids.filter((_, i) => i % 3 === 0);
    const pairings = db().collection<{ _id: string }>('paired_households');
    await pairings.deleteMany({ _id: { $in: lost } });
    await pairings.updateOne({ _id: ids[2] }, { $set: { cadreIds: [CADRES[2]] } });
    expect(await seenByCadres(ids)).not.toEqual(seenBefore);

    const { stdout, result, reads } = await replayWhileServing<PairingsReplayResult>(
      'monitoring',
      'pairings',
      h.replayEnv(),
      () => status(ids[4], CADRES[0]), // 帮扶责任人 a's throughout
      () => produce(during.map((id, i) => paired(id, HOUSEHOLDS + i, 1, [CADRES[1]]))),
    );
    console.log(`replay: ${stdout.trim()}; reads answered during it: ${reads.length}`);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((s) => s === 200)).toBe(true);
    expect(result.previous).toBe('paired_households');
    expect(await pointer('pairings')).toBe(result.collection);

    // the same households for each 帮扶责任人, the same documents; the pairings made meanwhile count
    expect(await seenByCadres(ids)).toEqual(seenBefore);
    expect(await docs(result.collection, during)).toEqual(docsBefore);
    await settle();
    for (const id of during) expect(await status(id, CADRES[1])).toBe(200);

    // the app goes on writing to the rebuilt pairings: a household whose pairing was lost, re-paired now
    const target = ids[6]; // 帮扶责任人 c and a (version 3)
    expect(await status(target, CADRES[1])).toBe(404);
    await produce([paired(target, 6, 9, [CADRES[1]])]);
    await settle();
    await waitFor('the re-paired household seen by its new 帮扶责任人', async () => {
      return (await status(target, CADRES[1])) === 200;
    });
    expect(await status(target, CADRES[2])).toBe(404);
    expect(
      await db()
        .collection(result.collection)
        .findOne({ _id: target as never }),
    ).toMatchObject({
      version: 9,
      cadreIds: [CADRES[1]],
    });
  }, 300_000);
});
