import { createHmac } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { CloudEvent, orgUnitsOfVillage, Topics } from '@lib/contracts';
import {
  householdClosed,
  householdMemberAdded,
  householdMemberRemoved,
  infra,
  runReplay,
  waitFor,
} from '@lib/testing';
import type { CoverageReplayResult } from '../src/replay/coverage-replay';
import type { MemberIndexReplayResult } from '../src/replay/member-index-replay';
import {
  CoverageView,
  DEMO_TOWN,
  DEMO_VILLAGES,
  MonitoringHarness,
  withConcurrency,
} from './coverage-harness';

const HASH_KEY = 'e2e-replay-coverage-hash-key-01';
const hashOf = (id: string) => createHmac('sha256', HASH_KEY).update(id.toUpperCase()).digest('hex');
/** 18-digit ID numbers of the county (the check character does not matter for matching). */
const idNumberOf = (n: number) => `621299${String(100_000_000_000 + n)}`;

/** Households registered for coverage, surveyed in each past month, closed (注销) after. */
const HOUSEHOLDS = 150;
const PAST_MONTHS = ['2026-10', '2026-11'];
/** Households with ID-number hashes for the member index. */
const INDEXED = 90;

/** China-time month now (the app's clock and ours are the same machine's). */
function chinaMonth() {
  const d = new Date(Date.now() + 8 * 3_600_000);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

const child = (memberId: string, idNumberHash?: string) => ({
  memberId,
  relation: 'child' as const,
  sex: 'female' as const,
  birthDate: '2012-06-01',
  labourSkill: 'none' as const,
  ...(idNumberHash ? { idNumberHash } : {}),
});

interface FactOutcome {
  items: Array<{ sourceRecordId: string; status: string }>;
}
interface FactView {
  sourceRecordId: string;
  status: string;
  householdId: string | null;
  memberId: string | null;
}

/**
 * Replay (issue #17) of two more of monitoring's read models, each corrupted and rebuilt from Kafka by
 * `npm run replay -- monitoring <read-model>` while the app keeps answering and consuming: 走访覆盖
 * (entries and marks, from households.events.v1 and monitoring.events.v1) and the member-hash index of
 * department facts (from households.events.v1). The API answers as before the corruption, the events
 * taken during the replay are in the rebuilt read model, and the app goes on writing to it.
 */
describe('monitoring: coverage and the member-hash index rebuilt from Kafka (npm run replay)', () => {
  const h = new MonitoringHarness();
  const mongo = new MongoClient(infra.mongoUrl);
  const env = () => h.replayEnv({ PII_HASH_KEY: HASH_KEY });
  const db = () => mongo.db(h.database);
  const docs = (collection: string) => db().collection<{ _id: string } & Record<string, unknown>>(collection);
  const sorted = (collection: string, filter: Record<string, unknown> = {}) =>
    docs(collection).find(filter).sort({ _id: 1 }).toArray();
  let countyAdmin: string;
  let integration: string;

  beforeAll(async () => {
    await mongo.connect();
    await h.start({ PII_HASH_KEY: HASH_KEY, SURVEY_DUE_DAY: '25' });
    countyAdmin = await h.tokenOf('county-admin', '621299');
    integration = await h.tokenOf('integration-client', '621299', 'integration:replay');
  }, 120_000);

  afterAll(async () => {
    await h.stop();
    await mongo.close();
  }, 60_000);

  const produce = (events: CloudEvent[]) => h.produceHouseholdEvents(events);
  /** 注销 of households registered in the order of `ids` (their village by their place in it). */
  const close = (ids: string[], which: string[], on: string, reason: 'moved_out' | 'death') =>
    produce(
      which.map((id) =>
        householdClosed({
          householdId: id,
          villageCode: DEMO_VILLAGES[ids.indexOf(id) % DEMO_VILLAGES.length],
          on,
          reason,
        }),
      ),
    );
  /** Readiness: the app has taken everything produced to both topics it builds these read models from. */
  const settle = async () => {
    await h.kafka.waitForNoLag(h.groupId, h.topic(Topics.households), 120_000);
    await h.kafka.waitForNoLag(h.groupId, h.topic(Topics.monitoring), 120_000);
  };

  /** Records a survey over HTTP, as a cadre does; it reaches coverage through monitoring.events.v1. */
  async function survey(householdId: string, month: string, visitedAt: string) {
    const r = await h.app.post('/api/v1/surveys', {
      householdId,
      month,
      visitedAt,
      visitor: '驻村工作队 张明',
      income: { wage: 6000, business: 1500, property: 0, transfer: 2400, businessCosts: 500 },
      residentMembers: 2,
    });
    return r.status === 201 ? null : `${householdId} ${month}: ${r.status} ${JSON.stringify(r.body)}`;
  }

  /** What a county's people see of 走访覆盖: the town's summary per past month, each village's households. */
  async function coverageSeen() {
    const seen: Record<string, unknown> = {};
    for (const month of PAST_MONTHS) {
      const r = await h.app.get<CoverageView & { asOf: string }>(
        `/api/v1/coverage?month=${month}&townCode=${DEMO_TOWN}`,
        { token: countyAdmin },
      );
      const { asOf: _asOf, ...summary } = r.body;
      seen[`${month} ${r.status}`] = summary;
      for (const village of DEMO_VILLAGES) {
        const page = await h.app.get(
          `/api/v1/coverage/households?month=${month}&villageCode=${village}&pageSize=500`,
          { token: countyAdmin },
        );
        seen[`${month} ${village} ${page.status}`] = page.body;
      }
    }
    return seen;
  }
  const townNow = async (month: string) =>
    (
      await h.app.get<CoverageView>(`/api/v1/coverage?month=${month}&townCode=${DEMO_TOWN}`, {
        token: countyAdmin,
      })
    ).body.totals;

  /** Reads the API every 100 ms until stopped: the statuses it answered. */
  function keepReading(path: string) {
    const statuses: number[] = [];
    let reading = true;
    const done = (async () => {
      while (reading) {
        statuses.push((await h.app.get(path, { token: countyAdmin })).status);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    return async () => {
      reading = false;
      await done;
      return statuses;
    };
  }

  function replayResult<R>(r: { code: number; stdout: string; stderr: string }): R {
    expect({ code: r.code, stderr: r.code === 0 ? '' : r.stderr }).toEqual({ code: 0, stderr: '' });
    console.log(`replay: ${r.stdout.trim()}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as R;
  }
  const pointerOf = (readModel: string) =>
    db().collection<{ _id: string; collection: string }>('read_models').findOne({ _id: readModel });

  it('走访覆盖: corrupted, replayed while serving, answers as before and goes on in the rebuilt collections', async () => {
    const now = chinaMonth();
    // registered before the past months, and some late in October (China time: after the 25th, due at month end)
    const ids = await h.registerHouseholds(
      Array.from({ length: HOUSEHOLDS }, (_, i) => ({
        villageCode: DEMO_VILLAGES[i % DEMO_VILLAGES.length],
        householdNumber: `C-${String(i + 1).padStart(4, '0')}`,
        registeredAt: i % 7 === 0 ? '2026-10-27T18:00:00Z' : '2026-09-10T02:00:00Z',
      })),
    );
    await settle();
    // October: two in three surveyed; November: one in two; then one in ten closed (注销)
    const surveys = [
      ...ids.filter((_, i) => i % 3 !== 0).map((id) => [id, '2026-10', '2026-10-29T03:00:00Z'] as const),
      ...ids.filter((_, i) => i % 2 === 0).map((id) => [id, '2026-11', '2026-11-12T03:00:00Z'] as const),
    ];
    const failures: string[] = [];
    await withConcurrency(surveys, 8, async ([id, month, at]) => {
      const problem = await survey(id, month, at);
      if (problem) failures.push(problem);
    });
    expect(failures).toEqual([]);
    const closed = ids.filter((_, i) => i % 10 === 5);
    await close(ids, closed, '2026-11-30', 'moved_out');
    await settle();
    const open = HOUSEHOLDS - closed.length;
    const surveyedOpen = (month: string) =>
      surveys.filter(([id, m]) => m === month && !closed.includes(id)).length;
    const counted = await waitFor('coverage to count every survey and closure', async () => {
      const t = await townNow('2026-11');
      return t.households === open && t.surveyed === surveyedOpen('2026-11') ? t : undefined;
    });
    expect(counted).toEqual({
      households: open,
      surveyed: surveyedOpen('2026-11'),
      due: 0,
      overdue: open - surveyedOpen('2026-11'),
    });
    const before = await coverageSeen();
    const entriesBefore = await sorted('coverage_households');
    const marksBefore = await sorted('coverage_marks');
    expect(entriesBefore).toHaveLength(open);
    expect(marksBefore).toHaveLength(surveyedOpen('2026-10') + surveyedOpen('2026-11'));

    // the read model is corrupted: a third of the entries and half of a village's marks lost, an entry
    // and a mark altered
    const lost = entriesBefore.filter((_, i) => i % 3 === 1).map((e) => e._id);
    await docs('coverage_households').deleteMany({ _id: { $in: lost } });
    const villageMarks = marksBefore.filter((m) => m.villageCode === DEMO_VILLAGES[1]);
    await docs('coverage_marks').deleteMany({
      _id: { $in: villageMarks.filter((_, i) => i % 2 === 0).map((m) => m._id) },
    });
    const altered = entriesBefore[0]._id;
    await docs('coverage_households').updateOne({ _id: altered }, { $set: { fromMonth: '2026-12' } });
    await docs('coverage_marks').updateOne({ _id: villageMarks[1]._id }, { $set: { surveyId: 'corrupted' } });
    expect(await coverageSeen()).not.toEqual(before);

    // the replay, while the app answers and takes new registrations and surveys (of this month)
    const stopReading = keepReading(`/api/v1/coverage?month=2026-11&townCode=${DEMO_TOWN}`);
    const replay = runReplay('monitoring', 'coverage', env());
    const during = await h.registerHouseholds(
      Array.from({ length: 3 }, (_, i) => ({
        villageCode: DEMO_VILLAGES[0],
        householdNumber: `C-9${String(i).padStart(3, '0')}`,
        registeredAt: new Date().toISOString(),
      })),
    );
    const surveyedDuring = ids.filter((id, i) => i % 10 === 1 && !closed.includes(id));
    for (const id of surveyedDuring) expect(await survey(id, now, new Date().toISOString())).toBeNull();
    const result = replayResult<CoverageReplayResult>(await replay);
    const reads = await stopReading();
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((s) => s === 200)).toBe(true);
    expect(result.previous).toBe('coverage_households');
    expect(result.marksCollection).toBe(result.collection.replace('coverage_households', 'coverage_marks'));
    expect((await pointerOf('coverage'))?.collection).toBe(result.collection);

    // what people see of the past months is as before the corruption, and so are the documents
    expect(await coverageSeen()).toEqual(before);
    const duringIds = new Set(during);
    expect((await sorted(result.collection)).filter((e) => !duringIds.has(e._id))).toEqual(entriesBefore);
    expect(await sorted(result.marksCollection, { month: { $in: PAST_MONTHS } })).toEqual(marksBefore);
    // the corrupted collections are kept for the operator, as they were (the replay writes only its own)
    expect(await docs('coverage_households').findOne({ _id: altered })).toMatchObject({
      fromMonth: '2026-12',
    });
    expect(await docs('coverage_marks').findOne({ _id: villageMarks[1]._id })).toMatchObject({
      surveyId: 'corrupted',
    });

    // what came in during the replay is in the rebuilt read model (by the replay or by the app after it)
    await settle();
    const thisMonth = await waitFor('this month to count what came in during the replay', async () => {
      const t = await townNow(now);
      return t.surveyed === surveyedDuring.length ? t : undefined;
    });
    expect(thisMonth.households).toBe(open + during.length);

    // and the app goes on writing to the rebuilt collections: a survey marks, a closure removes
    const [next, leaving] = ids.filter((id, i) => i % 10 === 3 && !lost.includes(id));
    expect(await survey(next, now, new Date().toISOString())).toBeNull();
    await close(ids, [leaving], '2026-12-01', 'death');
    await settle();
    const after = await waitFor('the new survey and closure in the rebuilt coverage', async () => {
      const t = await townNow(now);
      return t.surveyed === surveyedDuring.length + 1 && t.households === open + during.length - 1
        ? t
        : undefined;
    });
    expect(after.surveyed).toBe(surveyedDuring.length + 1);
    expect(await docs(result.marksCollection).countDocuments({ _id: `${next}:${now}` })).toBe(1);
    expect(await docs('coverage_marks').countDocuments({ _id: `${next}:${now}` })).toBe(0);
    expect(await docs(result.collection).countDocuments({ _id: leaving })).toBe(0);
    expect(await docs('coverage_households').countDocuments({ _id: leaving })).toBe(1);
  }, 600_000);

  it('the member-hash index: corrupted, replayed while serving, matches as before and goes on in the rebuilt collection', async () => {
    // households with two hashed members each; some gain a member, some lose one
    const person = new Map<string, { household: number; member: string }>();
    const ids = await h.registerHouseholds(
      Array.from({ length: INDEXED }, (_, i) => ({
        villageCode: DEMO_VILLAGES[i % DEMO_VILLAGES.length],
        householdNumber: `M-${String(i + 1).padStart(4, '0')}`,
        registeredAt: '2026-03-01T00:00:00Z',
        idNumberHashes: [hashOf(idNumberOf(2 * i)), hashOf(idNumberOf(2 * i + 1))],
      })),
    );
    ids.forEach((id, i) => {
      person.set(idNumberOf(2 * i), { household: i, member: `${id}-m1` });
      person.set(idNumberOf(2 * i + 1), { household: i, member: `${id}-m2` });
    });
    const place = (i: number) => ({ villageCode: DEMO_VILLAGES[i % DEMO_VILLAGES.length] });
    const joined = (i: number) => idNumberOf(10_000 + i);
    await produce(
      ids.flatMap((id, i) => [
        ...(i % 3 === 0
          ? [
              householdMemberAdded({
                householdId: id,
                ...place(i),
                member: child(`${id}-m9`, hashOf(joined(i))),
              }),
            ]
          : []),
        ...(i % 4 === 1
          ? [
              householdMemberRemoved({
                householdId: id,
                ...place(i),
                memberId: `${id}-m2`,
                idNumberHash: hashOf(idNumberOf(2 * i + 1)),
              }),
            ]
          : []),
      ]),
    );
    await settle();
    const indexedBefore = await sorted('member_hashes');
    const expected = 2 * INDEXED + Math.ceil(INDEXED / 3) - ids.filter((_, i) => i % 4 === 1).length;
    expect(indexedBefore).toHaveLength(expected);

    // what a department sees: each person's fact matched to the household and member, or not matched
    const probes = ids.flatMap((_, i) =>
      i % 5 === 0 ? [idNumberOf(2 * i), idNumberOf(2 * i + 1), joined(i)] : [],
    );
    async function matches(round: string, idNumbers: string[]) {
      const r = await h.app.post<FactOutcome>(
        '/api/v1/department-facts',
        {
          facts: idNumbers.map((idNumber, k) => ({
            department: 'medical_insurance',
            sourceRecordId: `${round}-${k}`,
            kind: 'medical_out_of_pocket',
            countyCode: '621299',
            idNumber,
            amount: 100 + k,
            occurredOn: '2026-11-20',
          })),
        },
        { token: integration },
      );
      expect(r.status).toBe(200);
      const listed = await h.app.get<{ items: FactView[] }>(
        `/api/v1/department-facts?department=medical_insurance&pageSize=500`,
        { token: countyAdmin },
      );
      const byRecord = new Map(listed.body.items.map((f) => [f.sourceRecordId, f] as const));
      return idNumbers.map((idNumber, k) => {
        const fact = byRecord.get(`${round}-${k}`);
        return {
          idNumber,
          status: r.body.items[k].status,
          householdId: fact?.householdId ?? null,
          memberId: fact?.memberId ?? null,
        };
      });
    }
    const before = await matches('B', probes);
    expect(before.filter((m) => m.status === 'matched').length).toBeGreaterThan(probes.length / 2);
    expect(before.some((m) => m.status === 'unmatched')).toBe(true); // a member who left
    for (const m of before.filter((x) => x.status === 'matched' && person.has(x.idNumber)))
      expect(m.memberId).toBe(person.get(m.idNumber)!.member);

    // the index is corrupted: a third of it lost, one person moved to another household
    const lost = indexedBefore.filter((_, i) => i % 3 === 0).map((e) => e._id);
    await docs('member_hashes').deleteMany({ _id: { $in: lost } });
    const moved = indexedBefore[1];
    await docs('member_hashes').updateOne({ _id: moved._id }, { $set: { householdId: ids[INDEXED - 1] } });
    expect(await matches('X', probes)).not.toEqual(before);

    // the replay, while the app takes facts and the registry's events
    const stopReading = keepReading('/api/v1/department-facts/unmatched?pageSize=5');
    const replay = runReplay('monitoring', 'member-index', env());
    const newcomer = idNumberOf(20_000);
    const [registeredDuring] = await h.registerHouseholds([
      {
        villageCode: DEMO_VILLAGES[2],
        householdNumber: 'M-9000',
        registeredAt: new Date().toISOString(),
        idNumberHashes: [hashOf(newcomer)],
      },
    ]);
    const result = replayResult<MemberIndexReplayResult>(await replay);
    const reads = await stopReading();
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((s) => s === 200)).toBe(true);
    expect(result.previous).toBe('member_hashes');
    expect((await pointerOf('member-index'))?.collection).toBe(result.collection);

    // the index answers as before the corruption, and its documents are those before
    expect(await matches('A', probes)).toEqual(before);
    expect((await sorted(result.collection)).filter((e) => !e._id.endsWith(`:${registeredDuring}`))).toEqual(
      indexedBefore,
    );

    // the household registered during the replay is indexed (by the replay or by the app after it)
    await settle();
    expect(await matches('D', [newcomer])).toEqual([
      {
        idNumber: newcomer,
        status: 'matched',
        householdId: registeredDuring,
        memberId: `${registeredDuring}-m1`,
      },
    ]);

    // and the app goes on writing to the rebuilt index: a member joins, then is matched
    const latecomer = idNumberOf(30_000);
    await produce([
      householdMemberAdded({
        householdId: ids[1],
        ...place(1),
        member: child(`${ids[1]}-m7`, hashOf(latecomer)),
      }),
    ]);
    await settle();
    const id = `${hashOf(latecomer)}:${ids[1]}`;
    await waitFor('the joining member in the rebuilt index', async () =>
      (await docs(result.collection).countDocuments({ _id: id })) === 1 ? true : undefined,
    );
    expect(await docs('member_hashes').countDocuments({ _id: id })).toBe(0);
    expect(await matches('L', [latecomer])).toEqual([
      { idNumber: latecomer, status: 'matched', householdId: ids[1], memberId: `${ids[1]}-m7` },
    ]);
  }, 600_000);

  it('走访覆盖 first started on an existing database copies the household directory in use (its pointer)', async () => {
    // a database whose directory was replayed: the pointer names the rebuilt copy, the old one is stale
    const fresh = new MonitoringHarness();
    const existing = mongo.db(fresh.database);
    const place = orgUnitsOfVillage(DEMO_VILLAGES[0]);
    const household = (n: string, more: Record<string, unknown> = {}) => ({
      _id: `${fresh.runId}-${n}`,
      householdNumber: n,
      ...place,
      memberCount: 4,
      registeredAt: new Date('2026-09-10T02:00:00Z'),
      ...more,
    });
    const named = (name: string) => existing.collection<{ _id: string } & Record<string, unknown>>(name);
    await named('known_households').insertMany([household('OLD-1')]);
    await named('known_households_r1').insertMany([
      household('NEW-1'),
      household('NEW-2'),
      household('NEW-3', { closedOn: '2026-11-30' }),
    ]);
    await named('read_models').insertOne({
      _id: 'household-directory',
      collection: 'known_households_r1',
      fence: null,
      acks: {},
    });
    try {
      await fresh.start();
      const page = await fresh.app.get<{ items: Array<{ householdNumber: string; status: string }> }>(
        `/api/v1/coverage/households?month=2026-11&villageCode=${DEMO_VILLAGES[0]}`,
        { token: countyAdmin },
      );
      expect(page.status).toBe(200);
      expect(page.body.items.map((r) => [r.householdNumber, r.status])).toEqual([
        ['NEW-1', 'overdue'],
        ['NEW-2', 'overdue'],
      ]);
    } finally {
      await fresh.stop();
    }
  }, 180_000);
});
