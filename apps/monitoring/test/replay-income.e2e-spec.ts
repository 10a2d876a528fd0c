import { MongoClient } from 'mongodb';
import { CloudEvent, Topics } from '@lib/contracts';
import { assistanceIncomePaid, infra, projectDistributionPaid, runReplay, waitFor } from '@lib/testing';
import { HouseholdIncomeFold, HouseholdIncomeReplayResult } from '../src/replay/household-income-replay';
import { DEMO_VILLAGES, MonitoringHarness, withConcurrency } from './coverage-harness';

/** Households with payments before the replay (two in three surveyed), and those paid during and after it. */
const HOUSEHOLDS = 45;
const DURING = 3;

type Doc = Record<string, unknown> & { _id: string };
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
      Array.from({ length: HOUSEHOLDS + DURING + 1 }, (_, i) => ({
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

  async function survey(id: string, wage: number) {
    const res = await h.app.post('/api/v1/surveys', {
      householdId: id,
      month: '2026-10',
      visitedAt: '2026-10-15T02:00:00Z',
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

  const payments = (name = 'income_payments') => db().collection<Doc>(name);
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
    const reads: number[] = [];
    let replaying = true;
    const reader = (async () => {
      while (replaying) {
        reads.push((await view(surveyed[1])).status);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const replay = runReplay('monitoring', 'household-income', h.replayEnv());
    const during = duringIds.flatMap((id) => paymentsOf(id, 'during', '2026-11-05'));
    for (const e of during) await pay([e]);
    const { code, stdout, stderr } = await replay;
    replaying = false;
    await reader;
    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    const result = JSON.parse(stdout.trim().split('\n').pop()!) as HouseholdIncomeReplayResult;
    console.log(`replay: ${stdout.trim()}; reads answered during it: ${reads.length}`);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((s) => s === 200)).toBe(true);
    expect(result.previous).toBe('income_payments');
    expect(result.payments).toBeGreaterThanOrEqual(before.length);

    // the app reads the rebuilt collection; the corrupted one is kept for the operator
    const pointer = await db()
      .collection<{ _id: string; collection: string }>('read_models')
      .findOne({ _id: 'household-income' });
    expect(pointer?.collection).toBe(result.collection);
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
});
