import { isDeepStrictEqual } from 'node:util';
import { MongoClient } from 'mongodb';
import { CloudEvent, Topics } from '@lib/contracts';
import type { ReadModelReplayResult } from '@lib/persistence';
import {
  assistanceIncomePaid,
  infra,
  projectBeneficiaryWithoutBenefit,
  projectDistributionPaid,
  replayWhileServing,
  waitFor,
} from '@lib/testing';
import { HouseholdIncomeFold, HouseholdIncomeReplayResult } from '../src/replay/household-income-replay';
import type { IncomeForecastReplayResult } from '../src/replay/income-forecast-replay';
import { DEMO_VILLAGES, MonitoringHarness, withConcurrency } from './coverage-harness';

/** Households with payments before the replay (two in three surveyed), and those paid during and after it. */
const HOUSEHOLDS = 45;
const DURING = 3;
/** Households the forecast's test surveys (besides those above, whose surveys made forecasts too). */
const FORECASTED = 24;

type Doc = Record<string, unknown> & { _id: string };
interface ForecastView {
  householdId: string;
  current: number;
  line: number | null;
  atRisk: boolean;
  computedAt: string;
}
interface IncomeView {
  currentIncome: { netIncome: number; sources: { payments: Array<{ distributionId: string }> } } | null;
  paymentsNotCounted: Array<{ distributionId: string }>;
}

/**
 * Replay (issue #17) of monitoring's income ledger (收入台账): its payments (`income_payments`, fed by
 * projects.events.v1) are corrupted and rebuilt from Kafka by `npm run replay -- monitoring
 * household-income` while the app keeps answering and consuming. Afterwards the households' incomes
 * read as before, payments taken during the replay are counted and announced (household-income.changed.v1)
 * once, and the app goes on writing to the rebuilt collection.
 */
describe('monitoring: income read models rebuilt from Kafka (npm run replay)', () => {
  const h = new MonitoringHarness();
  const mongo = new MongoClient(infra.mongoUrl);
  const db = () => mongo.db(h.database);
  let ids: string[] = [];

  beforeAll(async () => {
    await mongo.connect();
    await h.start();
    ids = await h.registerHouseholds(
      Array.from({ length: HOUSEHOLDS + DURING + 1 + FORECASTED }, (_, i) => ({
        villageCode: DEMO_VILLAGES[i % DEMO_VILLAGES.length],
        householdNumber: String(i + 1).padStart(4, '0'),
        registeredAt: '2025-03-01T00:00:00Z',
      })),
    );
    await h.kafka.waitForNoLag(h.groupId, h.topic(Topics.households), 120_000);
  }, 180_000);

  afterAll(async () => {
    await h.stop();
    await mongo.close();
  }, 60_000);

  const villageOf = (id: string) => DEMO_VILLAGES[ids.indexOf(id) % DEMO_VILLAGES.length];
  const view = async (id: string) => {
    const r = await h.app.get<IncomeView>(`/api/v1/monitored-households/${id}`);
    return { status: r.status, body: r.body };
  };

  async function survey(id: string, wage: number, month = '2026-10') {
    const res = await h.app.post('/api/v1/surveys', {
      householdId: id,
      month,
      visitedAt: `${month}-15T02:00:00Z`,
      visitor: '驻村工作队 张明',
      income: { wage, business: 0, property: 0, transfer: 0, businessCosts: 0 },
      residentMembers: 3,
    });
    expect(res.status).toBe(201);
  }

  /** A project dividend (property income) and a 公益岗位 wage, paid on `day`, as projects publishes them. */
  function paymentsOf(id: string, tag: string, day: string): CloudEvent[] {
    const place = { householdId: id, townCode: villageOf(id).slice(0, 9), villageCode: villageOf(id) };
    return [
      projectDistributionPaid({
        ...place,
        distributionId: `${id}-${tag}-d`,
        kind: 'dividend',
        amount: 1200,
        paidOn: day,
      }),
      assistanceIncomePaid({
        ...place,
        paymentId: `${id}-${tag}-a`,
        component: 'wage',
        amount: 800,
        paidOn: day,
      }),
    ];
  }

  async function pay(events: CloudEvent[]) {
    const records = events.map((e) => ({ key: e.subject!, value: JSON.stringify(e) }));
    for (let i = 0; i < records.length; i += 500)
      await h.kafka.send(h.topic(Topics.projects), records.slice(i, i + 500));
  }

  /** The payments' household-income.changed.v1 on monitoring.events.v1, by distributionId. */
  async function announcements(): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const m of await h.kafka.readAll(h.topic(Topics.monitoring))) {
      const e = JSON.parse(m.value!.toString()) as CloudEvent<
        string,
        { cause?: { kind: string; id: string } }
      >;
      const c = e.type === 'household-income.changed.v1' ? e.data.cause : undefined;
      if (c && c.kind !== 'survey') out.set(c.id, (out.get(c.id) ?? 0) + 1);
    }
    return out;
  }

  /**
   * Runs `npm run replay -- monitoring <readModel>` while reading through the API (every 100 ms) and
   * doing `meanwhile` (libs/testing replayWhileServing); expects every read answered 200 and the
   * pointer switched, and answers its figures.
   */
  async function replayServing<R extends ReadModelReplayResult>(
    readModel: string,
    read: () => Promise<number>,
    meanwhile: () => Promise<void>,
  ): Promise<R> {
    const { result, stdout, reads } = await replayWhileServing<R>(
      'monitoring',
      readModel,
      h.replayEnv(),
      read,
      meanwhile,
    );
    console.log(`replay: ${stdout.trim()}; reads answered during it: ${reads.length}`);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((s) => s === 200)).toBe(true);
    const pointer = await db()
      .collection<{ _id: string; collection: string }>('read_models')
      .findOne({ _id: readModel });
    expect(pointer?.collection).toBe(result.collection);
    return result;
  }

  const payments = (name = 'income_payments') => db().collection<Doc>(name);
  const outboxLess = ({ _outbox, _outboxPending, _outboxSeq, _outboxChunk, ...rest }: Doc) => {
    void [_outbox, _outboxPending, _outboxSeq, _outboxChunk];
    return rest;
  };
  /** A record as derived from the log: not when the app took it (receivedAt), nor its outbox. */
  const derived = ({
    receivedAt,
    replayed,
    _outbox,
    _outboxPending,
    _outboxSeq,
    _outboxChunk,
    ...rest
  }: Doc) => {
    void [receivedAt, replayed, _outbox, _outboxPending, _outboxSeq, _outboxChunk];
    return rest;
  };

  it('收入台账: corrupts the payments, replays them while serving, answers as before and goes on from them', async () => {
    const paid = ids.slice(0, HOUSEHOLDS);
    const surveyed = paid.filter((_, i) => i % 3 !== 2);
    await withConcurrency(surveyed, 4, (id) => survey(id, 9000));
    // after the visit: counted and announced; before it (or without a survey): kept, not counted
    const before = paid.flatMap((id, i) => [
      ...paymentsOf(id, 'nov', '2026-11-02'),
      ...(i % 4 === 0 ? paymentsOf(id, 'oct', '2026-10-01') : []),
    ]);
    // the same distribution again under another event id counts once
    const again = { ...before[0], id: `${before[0].id.slice(0, -4)}beef` };
    await pay([...before, again]);
    await h.kafka.waitForNoLag(h.groupId, h.topic(Topics.projects), 120_000);
    const docsBefore = await payments().find({}).sort({ _id: 1 }).toArray();
    expect(docsBefore).toHaveLength(before.length);
    const announcedIds = docsBefore.filter((d) => d.changedFigure).map((d) => d._id);
    expect(announcedIds).toHaveLength(surveyed.length * 2);
    await waitFor('the payments’ income changes announced', async () => {
      const a = await announcements();
      return announcedIds.every((id) => a.get(id) === 1) || undefined;
    });
    await h.kafka.waitForNoLag(h.groupId, h.topic(Topics.monitoring), 120_000);

    const viewsBefore = new Map<string, Awaited<ReturnType<typeof view>>>();
    for (const id of paid) viewsBefore.set(id, await view(id));
    const first = viewsBefore.get(surveyed[0])!.body;
    expect(first.currentIncome?.netIncome).toBe(9000 + 1200 + 800);
    expect(viewsBefore.get(paid[2])!.body).toMatchObject({ currentIncome: null }); // no survey
    expect(viewsBefore.get(paid[2])!.body.paymentsNotCounted).toHaveLength(2);

    // the ledger is corrupted: the payments of a third of the households lost, one amount altered
    const lost = paid.filter((_, i) => i % 3 === 1);
    await payments().deleteMany({ householdId: { $in: lost } });
    await payments().updateOne({ _id: `${surveyed[0]}-nov-d` }, { $set: { amount: 1 } });
    expect((await view(lost[0])).body.currentIncome?.netIncome).toBe(9000);
    expect((await view(surveyed[0])).body.currentIncome?.netIncome).toBe(9000 + 1 + 800);

    // the replay, while the app answers reads and takes payments of other households
    const duringIds = ids.slice(HOUSEHOLDS, HOUSEHOLDS + DURING);
    await withConcurrency(duringIds, 3, (id) => survey(id, 6000));
    const during = duringIds.flatMap((id) => paymentsOf(id, 'during', '2026-11-05'));
    const result = await replayServing<HouseholdIncomeReplayResult>(
      'household-income',
      async () => (await view(surveyed[1])).status,
      async () => {
        for (const e of during) await pay([e]);
      },
    );
    expect(result.previous).toBe('income_payments');
    expect(result.payments).toBeGreaterThanOrEqual(before.length);

    // the corrupted collection is kept for the operator
    expect(await payments().countDocuments({ householdId: { $in: paid } })).toBeLessThan(before.length);

    // the app takes the pointer at its next poll (every 200 ms), then every household's income reads
    // as before the loss; the records are those the app wrote
    const altered = viewsBefore.get(surveyed[0])!.body.currentIncome?.netIncome;
    await waitFor('the app reading the rebuilt ledger', async () => {
      return (await view(surveyed[0])).body.currentIncome?.netIncome === altered || undefined;
    });
    for (const id of paid) expect({ id, ...(await view(id)) }).toEqual({ id, ...viewsBefore.get(id) });
    const rebuilt = await payments(result.collection)
      .find({ householdId: { $in: paid } })
      .sort({ _id: 1 })
      .toArray();
    expect(rebuilt.map(derived)).toEqual(docsBefore.map(derived));
    expect(rebuilt.every((d) => d.replayed === true)).toBe(true);
    const byId = new Map(before.map((e) => [e.id, e]));
    for (const d of rebuilt) expect(d.receivedAt).toEqual(new Date(byId.get(d.eventId as string)!.time!));

    // the payments taken during the replay are counted, each announced once (by the app, not the replay)
    await h.kafka.waitForNoLag(h.groupId, h.topic(Topics.projects), 120_000);
    for (const id of duringIds)
      await waitFor(`${id}'s payments during the replay counted`, async () => {
        const v = (await view(id)).body;
        return v.currentIncome?.netIncome === 6000 + 1200 + 800 || undefined;
      });
    const duringPaid = during
      .map((e) => e.data as { distributionId?: string; paymentId?: string })
      .map((d) => d.distributionId ?? d.paymentId!);
    expect(await payments(result.collection).countDocuments({ _id: { $in: duringPaid } })).toBe(
      during.length,
    );
    await waitFor('the payments during the replay announced once', async () => {
      const a = await announcements();
      return duringPaid.every((id) => a.get(id) === 1) || undefined;
    });

    // and the app goes on writing to the rebuilt ledger: new payments counted there and announced — one
    // of them as if the replay had read it before the app (written from the log, its figure unannounced)
    const next = ids[HOUSEHOLDS + DURING];
    await survey(next, 3000);
    const after = paymentsOf(next, 'after', '2026-11-20');
    const ahead = new HouseholdIncomeFold();
    ahead.apply([after[0]]);
    await payments(result.collection).insertOne({ ...ahead.payments.get(`${next}-after-d`)! });
    await pay(after);
    await waitFor('the payments after the replay counted', async () => {
      const v = (await view(next)).body;
      return v.currentIncome?.netIncome === 3000 + 1200 + 800 || undefined;
    });
    await waitFor('the payments after the replay announced once', async () => {
      const a = await announcements();
      return (a.get(`${next}-after-d`) === 1 && a.get(`${next}-after-a`) === 1) || undefined;
    });
    expect(await payments().countDocuments({ householdId: next })).toBe(0);
    const written = await payments(result.collection).find({ householdId: next }).sort({ _id: 1 }).toArray();
    expect(written.map((d) => [d._id, d.changedFigure, d.replayed])).toEqual([
      [`${next}-after-a`, true, undefined],
      [`${next}-after-d`, true, undefined],
    ]);
  }, 600_000);

  const forecastOf = async (id: string) => {
    const r = await h.app.get<ForecastView>(`/api/v1/monitored-households/${id}/income-forecast`);
    return { status: r.status, body: r.body };
  };
  const atRisk = async () =>
    (
      await h.app.get<{ items: ForecastView[]; total: number }>(
        '/api/v1/income-forecasts/at-risk?pageSize=200',
      )
    ).body;
  const forecasts = (name = 'income_forecasts') => db().collection<Doc>(name);
  const gapsOf = (forecastsName: string) =>
    db().collection<Doc>(forecastsName.replace('income_forecasts', 'forecast_benefit_gaps'));

  /** The latest household-income.forecast.v1 on monitoring.events.v1, by household. */
  async function announcedForecasts(): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const m of await h.kafka.readAll(h.topic(Topics.monitoring))) {
      const e = JSON.parse(m.value!.toString()) as CloudEvent<
        string,
        { householdId: string; computedAt: string }
      >;
      if (
        e.type === 'household-income.forecast.v1' &&
        (out.get(e.data.householdId) ?? '') < e.data.computedAt
      )
        out.set(e.data.householdId, e.data.computedAt);
    }
    return out;
  }

  it('收入趋势预测: corrupts the forecasts, replays them while serving, answers as before and goes on from them', async () => {
    const own = ids.slice(HOUSEHOLDS + DURING + 1);
    const duringIds = own.slice(-DURING - 1, -1);
    const next = own[own.length - 1];
    const surveyed = own.slice(0, -DURING - 1);
    // the line the forecasts are compared with (the county's), from a first forecast
    await survey(surveyed[0], 30000);
    const line = (
      await waitFor('a first forecast', async () => {
        const f = await forecastOf(surveyed[0]);
        return f.status === 200 ? f.body : undefined;
      })
    ).line!;
    expect(line).toBeGreaterThan(0);
    // per-capita just above the line (at risk within 3 months) for one in three, well above for the others
    const perCapita = (i: number) => (i % 3 === 1 ? Math.ceil(line * 1.003) : Math.round(line * 1.5));
    await withConcurrency(surveyed.slice(1), 4, (id) => survey(id, perCapita(surveyed.indexOf(id)) * 3));
    for (const id of surveyed)
      await waitFor(`${id}'s forecast`, async () => (await forecastOf(id)).status === 200);
    // a project that paid nothing this year (合作社分红本年未发放): kept, the forecast recomputed — after
    // the surveys' forecasts (a household's forecast recomputed for two topics at once is stored as the
    // last written, not always the last announced: see the replay's report)
    await pay(
      surveyed
        .filter((_, i) => i % 4 === 0)
        .map((id) =>
          projectBeneficiaryWithoutBenefit({
            beneficiaryId: `${id}-b`,
            householdId: id,
            townCode: villageOf(id).slice(0, 9),
            villageCode: villageOf(id),
          }),
        ),
    );
    await h.kafka.waitForNoLag(h.groupId, h.topic(Topics.projects), 120_000);
    // every forecast stored is announced and the app has taken what it announced
    await waitFor('the forecasts announced', async () => {
      const a = await announcedForecasts();
      const docs = await forecasts().find({}).toArray();
      return docs.every((d) => a.get(d._id) === (d.computedAt as Date).toISOString()) || undefined;
    });
    await h.kafka.waitForNoLag(h.groupId, h.topic(Topics.monitoring), 120_000);

    const docsBefore = await forecasts().find({}).sort({ _id: 1 }).toArray();
    const gapsBefore = await gapsOf('income_forecasts').find({}).sort({ _id: 1 }).toArray();
    expect(gapsBefore).toHaveLength(surveyed.filter((_, i) => i % 4 === 0).length);
    const withForecast = docsBefore.map((d) => d._id);
    expect(withForecast).toEqual(expect.arrayContaining(surveyed));
    const viewsBefore = new Map<string, Awaited<ReturnType<typeof forecastOf>>>();
    for (const id of withForecast) viewsBefore.set(id, await forecastOf(id));
    const riskBefore = await atRisk();
    const atRiskIds = surveyed.filter((_, i) => i % 3 === 1);
    expect(riskBefore.items.map((f) => f.householdId)).toEqual(expect.arrayContaining(atRiskIds));
    expect(riskBefore.items.map((f) => f.householdId)).not.toContain(surveyed[0]);

    // the forecasts are corrupted: a third lost with some of their gaps, one household no longer at risk
    const lost = withForecast.filter((_, i) => i % 3 === 0);
    await forecasts().deleteMany({ _id: { $in: lost } });
    await gapsOf('income_forecasts').deleteMany({ householdId: { $in: lost } });
    const altered = atRiskIds.find((id) => !lost.includes(id))!;
    await forecasts().updateOne({ _id: altered }, { $set: { atRisk: false } });
    expect((await forecastOf(lost[0])).status).toBe(204);
    const gone = riskBefore.items.filter((f) => f.householdId === altered || lost.includes(f.householdId));
    expect((await atRisk()).total).toBe(riskBefore.total - gone.length);

    // the replay, while the app answers reads and takes the surveys of other households
    const result = await replayServing<IncomeForecastReplayResult>(
      'income-forecast',
      async () => (await forecastOf(altered)).status,
      async () => {
        for (const id of duringIds) await survey(id, Math.round(line * 2) * 3);
      },
    );
    expect(result.previous).toBe('income_forecasts');
    expect(result.forecasts).toBeGreaterThanOrEqual(docsBefore.length);
    expect(await forecasts().countDocuments({ _id: { $in: lost } })).toBe(0); // kept for the operator

    // once the app takes the pointer, the at-risk list and every forecast read as before the loss
    await waitFor('the app reading the rebuilt forecasts', async () => {
      return isDeepStrictEqual(await atRisk(), riskBefore) || undefined; // the same, in any key order
    });
    for (const id of withForecast)
      expect({ id, ...(await forecastOf(id)) }).toEqual({ id, ...viewsBefore.get(id) });
    const rebuilt = await forecasts(result.collection)
      .find({ _id: { $in: withForecast } })
      .sort({ _id: 1 })
      .toArray();
    expect(rebuilt.map(outboxLess)).toEqual(docsBefore.map(outboxLess));
    expect(await gapsOf(result.collection).find({}).sort({ _id: 1 }).toArray()).toEqual(gapsBefore);

    // the surveys taken during the replay have their forecasts (announced by the app)
    for (const id of duringIds)
      await waitFor(`${id}'s forecast after the survey during the replay`, async () => {
        const f = await forecastOf(id);
        return (f.status === 200 && f.body.current === Math.round(line * 2)) || undefined;
      });
    expect(await forecasts(result.collection).countDocuments({ _id: { $in: duringIds } })).toBe(DURING);

    // and the app goes on writing to the rebuilt pair: a new forecast and a new gap land there
    await survey(next, Math.ceil(line * 1.003) * 3);
    await pay([
      projectBeneficiaryWithoutBenefit({
        beneficiaryId: `${next}-b`,
        householdId: next,
        townCode: villageOf(next).slice(0, 9),
        villageCode: villageOf(next),
      }),
    ]);
    await waitFor('the new household at risk', async () => {
      return (await atRisk()).items.some((f) => f.householdId === next) || undefined;
    });
    await waitFor('the new gap in the rebuilt collection', async () => {
      return (await gapsOf(result.collection).countDocuments({ householdId: next })) === 1 || undefined;
    });
    expect(await forecasts(result.collection).countDocuments({ _id: next })).toBe(1);
    expect(await forecasts().countDocuments({ _id: next })).toBe(0);
    expect(await gapsOf('income_forecasts').countDocuments({ householdId: next })).toBe(0);
  }, 600_000);
});
