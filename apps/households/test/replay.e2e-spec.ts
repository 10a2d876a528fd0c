import { MongoClient } from 'mongodb';
import { CloudEvent, Topics } from '@lib/contracts';
import { householdIncomeChanged, infra, replayWhileServing, thresholdSet, waitFor } from '@lib/testing';
import type { RecordedFactsReplayResult } from '../src/replay/recorded-facts-replay';
import { HouseholdsHarness } from './harness';

/** Households walked to 帮扶 (assisted) before the replay; those given a newer income during it. */
const HOUSEHOLDS = 16;
const DURING = 2;
const VILLAGE = '621299101201';
const COUNTY = VILLAGE.slice(0, 6);

type Problem = { field: string; reason: string };
type Refusal = { status: number; problems?: Problem[] };
type Doc = { _id: string };

/**
 * Replay (issue #17): households' copy of monitoring's facts (the newest per-capita income per household
 * and the 监测范围 lines, fed by monitoring.events.v1, on which 风险消除 is judged) is corrupted and
 * rebuilt from Kafka by `npm run replay -- households recorded-facts` while the app keeps answering and
 * consuming. Every household's elimination is refused for the same reason as before (its recorded
 * income, the county's line), the incomes recorded during the replay count, and the app goes on from it.
 */
describe('households: its copy of monitoring’s facts rebuilt from Kafka (npm run replay)', () => {
  const h = new HouseholdsHarness();
  const mongo = new MongoClient(infra.mongoUrl);
  const db = () => mongo.db(h.database);
  const ids: string[] = [];
  let clock = Date.parse('2026-07-01T00:00:00Z');
  /** An income figure monitoring records, `older` ones dated before everything sent so far. */
  const income = (householdId: string, perCapitaNetIncome: number, month: string, older = false) =>
    householdIncomeChanged({
      householdId,
      townCode: VILLAGE.slice(0, 9),
      villageCode: VILLAGE,
      perCapitaNetIncome,
      month,
      asOf: new Date(older ? Date.parse('2026-01-01T00:00:00Z') : (clock += 3_600_000)).toISOString(),
    });
  const countyLine = thresholdSet({ scope: 'county', countyCode: COUNTY, year: 2026, amount: 7500 });
  const provinceLine = thresholdSet({
    scope: 'province',
    provinceCode: COUNTY.slice(0, 2),
    countyCode: null,
    year: 2026,
    amount: 6500,
  });

  beforeAll(async () => {
    await mongo.connect();
    await h.start();
  }, 120_000);

  afterAll(async () => {
    await h.stop();
    await mongo.close();
  }, 60_000);

  async function produce(events: CloudEvent[]) {
    await h.kafka.send(
      `${h.prefix}${Topics.monitoring}`,
      events.map((e) => ({ key: e.subject!, value: JSON.stringify(e) })),
    );
  }
  const settle = () =>
    h.kafka.waitForNoLag(`${h.prefix}households`, `${h.prefix}${Topics.monitoring}`, 120_000);

  /** A household walked to 帮扶 through the API (identified on 2026-01-05: 风险消除 is possible from July). */
  async function assistedHousehold(n: number): Promise<string> {
    const res = await h.app.post<{ id: string }>('/api/v1/households', {
      householdNumber: `RP-${n}`,
      villageCode: VILLAGE,
      householdType: 'ordinary',
      members: [{ name: '李小梅', relation: 'head', sex: 'female', birthDate: '1970-02-02' }],
    });
    expect(res.status).toBe(201);
    const id = res.body.id;
    for (const step of [
      { action: 'identify', on: '2026-01-05', channel: 'department_warning' },
      { action: 'village_review', on: '2026-01-08' },
      { action: 'start_public_notice', on: '2026-01-09' },
      { action: 'town_review', on: '2026-01-14' },
      { action: 'county_approve', on: '2026-01-16' },
      { action: 'start_assistance', on: '2026-01-20' },
    ])
      expect((await h.app.post(`/api/v1/households/${id}/lifecycle-transitions`, step)).status).toBe(201);
    return id;
  }

  /** What a cadre asking for 风险消除 is told: the refusal on the recorded facts (nothing is stored). */
  const eliminate = async (id: string) => {
    const r = await h.app.post<Refusal>(`/api/v1/households/${id}/lifecycle-transitions`, {
      action: 'eliminate_risk',
      method: 'assisted_elimination',
      on: '2026-08-01',
    });
    return { status: r.status, problems: r.body.problems };
  };
  const docs = (collection: string) => db().collection<Doc>(collection).find({}).sort({ _id: 1 }).toArray();

  it('corrupts the facts, replays them while serving, refuses for the same reasons and goes on from them', async () => {
    for (let i = 0; i < HOUSEHOLDS; i++) ids.push(await assistedHousehold(i));
    // the county's line (7500) over the province's (6500) and the national default (6000); incomes all
    // below the county's line, some above the others: a lost line would let 风险消除 through
    await produce([countyLine, provinceLine]);
    await produce(
      ids.flatMap((id, i) =>
        i % 4 === 0
          ? [] // no income recorded yet
          : i % 4 === 1
            ? [income(id, 5200, '2026-06'), income(id, 6800, '2026-07')]
            : i % 4 === 2
              ? [income(id, 6900, '2026-07'), income(id, 9000, '2026-05', true)] // an older figure comes late
              : [income(id, 7000 + i, '2026-07')],
      ),
    );
    await settle();
    const before = new Map<string, Refusal>();
    for (const id of ids) before.set(id, await eliminate(id));
    expect([...before.values()].every((r) => r.status === 409)).toBe(true);
    expect(before.get(ids[1])!.problems?.[0].reason).toMatch(
      /6800 元（2026-07）仍低于2026年监测范围 7500 元/,
    );
    expect(before.get(ids[2])!.problems?.[0].reason).toMatch(/6900 元/);
    expect(before.get(ids[0])!.problems?.[0].reason).toMatch(/没有该户的人均纯收入/);
    const incomesBefore = await docs('recorded_incomes');
    const thresholdsBefore = await docs('recorded_thresholds');
    expect(incomesBefore).toHaveLength(HOUSEHOLDS - HOUSEHOLDS / 4);
    expect(thresholdsBefore).toHaveLength(2);

    // the read model is corrupted: half the incomes lost, one altered, the county's line lost
    const lost = ids.filter((_, i) => i % 2 === 0);
    await db()
      .collection<Doc>('recorded_incomes')
      .deleteMany({ _id: { $in: lost } });
    await db()
      .collection<Doc>('recorded_incomes')
      .updateOne({ _id: ids[3] }, { $set: { perCapitaNetIncome: 5000 } });
    await db().collection<Doc>('recorded_thresholds').deleteOne({ _id: 'county:621299:2026' });
    expect((await eliminate(ids[2])).problems?.[0].reason).toMatch(/没有该户的人均纯收入/);

    // the replay, while the app answers and records newer incomes
    const during = [ids[5], ids[6]];
    const { result, reads, stdout } = await replayWhileServing<RecordedFactsReplayResult>(
      'households',
      'recorded-facts',
      {
        KAFKA_BROKERS: infra.kafkaBrokers.join(','),
        KAFKA_TOPIC_PREFIX: h.prefix,
        MONGO_URL: infra.mongoUrl,
        MONGO_DB: h.database,
      },
      async () => (await h.app.get(`/api/v1/households/${ids[1]}/lifecycle-transitions`)).status,
      async () => {
        for (const id of during) await produce([income(id, 7100, '2026-08')]);
      },
    );
    console.log(`replay: ${stdout.trim()}; reads answered during it: ${reads.length}`);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((s) => s === 200)).toBe(true);
    expect(result.previous).toBe('recorded_incomes');
    const pointer = await db()
      .collection<{ _id: string; collection: string }>('read_models')
      .findOne({ _id: 'recorded-facts' });
    expect(pointer?.collection).toBe(result.collection);
    const thresholds = result.collection.replace('recorded_incomes', 'recorded_thresholds');

    // the rebuilt documents are the ones before the loss (the incomes recorded during the replay newer)
    await settle();
    const rebuilt = await waitFor('the incomes recorded during the replay in the rebuilt model', async () => {
      const all = await docs(result.collection);
      const got = all.filter((d) => during.includes(d._id)) as Array<Doc & { perCapitaNetIncome: number }>;
      return got.length === DURING && got.every((d) => d.perCapitaNetIncome === 7100) ? all : undefined;
    });
    expect(rebuilt.filter((d) => !during.includes(d._id))).toEqual(
      incomesBefore.filter((d) => !during.includes(d._id)),
    );
    expect(await docs(thresholds)).toEqual(thresholdsBefore);

    // a cadre is told the same as before the loss; the incomes recorded during the replay count
    for (const id of ids) {
      const now = await eliminate(id);
      if (during.includes(id))
        expect(now.problems?.[0].reason).toMatch(/7100 元（2026-08）仍低于2026年监测范围 7500 元/);
      else expect({ id, ...now }).toEqual({ id, ...before.get(id) });
    }

    // the app goes on writing to the rebuilt model: an income above the line lets 风险消除 through
    const target = ids[7];
    await produce([income(target, 8200, '2026-08')]);
    await settle();
    const done = await waitFor('风险消除 on the income recorded after the replay', async () => {
      const r = await h.app.post<{ lifecycle?: { state: string } }>(
        `/api/v1/households/${target}/lifecycle-transitions`,
        { action: 'eliminate_risk', method: 'assisted_elimination', on: '2026-08-01' },
      );
      return r.status === 201 ? r.body : undefined;
    });
    expect(done.lifecycle?.state).toBe('risk_eliminated');
    expect(await db().collection<Doc>(result.collection).findOne({ _id: target })).toMatchObject({
      perCapitaNetIncome: 8200,
    });
  }, 600_000);
});
