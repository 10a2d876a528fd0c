import { MongoClient } from 'mongodb';
import { CloudEvent, Topics } from '@lib/contracts';
import {
  householdClosed,
  householdMemberAdded,
  householdMemberRemoved,
  infra,
  runReplay,
  waitFor,
} from '@lib/testing';
import type { HouseholdDirectoryReplayResult } from '../src/replay/household-directory-replay';
import { DEMO_VILLAGES, MonitoringHarness } from './coverage-harness';

/** A member joining (a child), as the households app publishes it. */
const child = (memberId: string) => ({
  memberId,
  relation: 'child' as const,
  sex: 'female' as const,
  birthDate: '2012-06-01',
  labourSkill: 'none' as const,
});

/** Households registered before the replay (and what happens to them), and during it. */
const HOUSEHOLDS = 600;
const DURING = 3;

/**
 * Replay (issue #17): monitoring's household directory (its copy of the registry, fed by
 * households.events.v1) is corrupted and rebuilt from Kafka by `npm run replay -- monitoring
 * household-directory` while the app keeps answering and consuming; the API then answers for every
 * household as before, the events taken during the replay are in the rebuilt directory, and the app
 * goes on writing to it.
 */
describe('monitoring: the household directory rebuilt from Kafka (npm run replay)', () => {
  const h = new MonitoringHarness();
  const mongo = new MongoClient(infra.mongoUrl);
  const db = () => mongo.db(h.database);
  let ids: string[] = [];

  beforeAll(async () => {
    await mongo.connect();
    await h.start();
  }, 120_000);

  afterAll(async () => {
    await h.stop();
    await mongo.close();
  }, 60_000);

  const settle = () => h.kafka.waitForNoLag(h.groupId, h.topic(Topics.households), 120_000);
  const view = async (id: string) => {
    const r = await h.app.get<Record<string, unknown>>(`/api/v1/monitored-households/${id}`);
    return { status: r.status, body: r.body };
  };

  /** The events that change a registered household: members join and leave, some are closed (注销). */
  function changesOf(id: string, i: number): CloudEvent[] {
    const place = { villageCode: DEMO_VILLAGES[i % DEMO_VILLAGES.length] };
    const out: CloudEvent[] = [];
    if (i % 2 === 0) out.push(householdMemberAdded({ householdId: id, ...place, member: child(`${id}-m5`) }));
    if (i % 3 === 0) out.push(householdMemberRemoved({ householdId: id, ...place, memberId: `${id}-m2` }));
    if (i % 5 === 0) {
      out.push(householdClosed({ householdId: id, ...place, on: '2026-09-30', reason: 'death' }));
      // a second closure (another day) changes nothing: the first one's day is kept
      out.push(householdClosed({ householdId: id, ...place, on: '2026-10-31', reason: 'moved_out' }));
    }
    return out;
  }

  it('corrupts the directory, replays it while serving, answers as before and goes on from it', async () => {
    ids = await h.registerHouseholds(
      Array.from({ length: HOUSEHOLDS }, (_, i) => ({
        villageCode: DEMO_VILLAGES[i % DEMO_VILLAGES.length],
        householdNumber: String(i + 1).padStart(4, '0'),
        registeredAt: '2025-03-01T00:00:00Z',
      })),
    );
    await h.produceHouseholdEvents(ids.flatMap((id, i) => changesOf(id, i)));
    await settle();
    const sample = ids.filter((_, i) => i % 10 === 0 || i % 10 === 9); // members added, removed, closed
    const before = new Map<string, Awaited<ReturnType<typeof view>>>();
    for (const id of sample) before.set(id, await view(id));
    expect([...before.values()].every((v) => v.status === 200)).toBe(true);
    const closedView = before.get(ids[0])!.body as { closedOn?: string; addedMemberIds?: string[] };
    expect(closedView).toMatchObject({ closedOn: '2026-09-30', addedMemberIds: [`${ids[0]}-m5`] });
    const docsBefore = await db().collection('known_households').find({}).sort({ _id: 1 }).toArray();
    expect(docsBefore).toHaveLength(HOUSEHOLDS);

    // the read model is corrupted: a third of the households lost, one closure forgotten
    const lost = ids.filter((_, i) => i % 3 === 1);
    await db()
      .collection<{ _id: string }>('known_households')
      .deleteMany({ _id: { $in: lost } });
    await db()
      .collection<{ _id: string }>('known_households')
      .updateOne({ _id: ids[0] }, { $unset: { closedOn: '', closureReason: '' } });
    expect((await view(lost[0])).status).toBe(404);

    // the replay, while the app answers reads and takes new events
    const reads: number[] = [];
    let replaying = true;
    const reader = (async () => {
      while (replaying) {
        reads.push((await view(ids[2])).status);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const replay = runReplay('monitoring', 'household-directory', h.replayEnv());
    const during = await h.registerHouseholds(
      Array.from({ length: DURING }, (_, i) => ({
        villageCode: DEMO_VILLAGES[0],
        householdNumber: `9${String(i).padStart(3, '0')}`,
        registeredAt: '2026-10-01T00:00:00Z',
      })),
    );
    const { code, stdout, stderr } = await replay;
    replaying = false;
    await reader;
    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    const result = JSON.parse(stdout.trim().split('\n').pop()!) as HouseholdDirectoryReplayResult;
    console.log(`replay: ${stdout.trim()}; reads answered during it: ${reads.length}`);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((s) => s === 200)).toBe(true);
    expect(result.previous).toBe('known_households');
    expect(result.events).toBeGreaterThanOrEqual(HOUSEHOLDS);

    // the app reads the rebuilt collection; the corrupted one is kept for the operator
    const pointer = await db()
      .collection<{ _id: string; collection: string }>('read_models')
      .findOne({ _id: 'household-directory' });
    expect(pointer?.collection).toBe(result.collection);
    const kept = db().collection<{ _id: string }>('known_households');
    expect(await kept.countDocuments({ _id: { $in: ids } })).toBe(HOUSEHOLDS - lost.length);

    // the same answers as before the loss, for the lost households and the closure forgotten too
    for (const id of sample) expect({ id, ...(await view(id)) }).toEqual({ id, ...before.get(id) });
    const docsAfter = await db()
      .collection<{ _id: string }>(result.collection)
      .find({ _id: { $nin: during } })
      .sort({ _id: 1 })
      .toArray();
    expect(docsAfter).toEqual(docsBefore);

    // the households registered during the replay are in the rebuilt directory (by the replay or the app)
    await settle();
    for (const id of during) expect((await view(id)).status).toBe(200);

    // and the app goes on writing to the rebuilt directory
    const target = lost[1];
    await h.produceHouseholdEvents([
      householdMemberAdded({
        householdId: target,
        villageCode: DEMO_VILLAGES[ids.indexOf(target) % DEMO_VILLAGES.length],
        member: child(`${target}-m9`),
      }),
    ]);
    await settle();
    const after = await waitFor('the new member in the rebuilt directory', async () => {
      const v = (await view(target)).body as { addedMemberIds?: string[] };
      return v.addedMemberIds?.includes(`${target}-m9`) ? v : undefined;
    });
    expect(after).toBeDefined();
  }, 600_000);
});
